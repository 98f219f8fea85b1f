package sifr.http.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Method;

/**
 * The client's transparent decompression rules, in one place the client calls twice per exchange.
 *
 * <p>Request: {@link #offer} adds {@code Accept-Encoding: gzip, deflate} unless the caller set an
 * {@code Accept-Encoding} (then the caller asked for the encoded bytes and gets them untouched) or a
 * {@code Range} (a range of an encoded representation cannot be decoded on its own), as OkHttp does.
 * Only when the client offered does it decode. Response: {@link #decode} leaves alone HEAD responses,
 * 1xx, 204, 206 and 304 (no body, or a part of an encoded whole), responses without
 * {@code Content-Encoding} and those naming a coding it does not know ({@code br}, {@code zstd},
 * {@code compress}: passed through with their header, so the caller sees what arrived). Otherwise it
 * removes the codings in the reverse of the order they were applied (RFC 9110 §8.4), {@code identity}
 * skipped and {@code x-gzip} taken as {@code gzip} (RFC 9110 §8.4.1.3), and drops
 * {@code Content-Encoding} and {@code Content-Length} (which counted the encoded bytes). Brotli is not
 * offered: a decoder without a dependency is a project of its own (its 120 KiB dictionary alone).
 */
public final class ContentDecoding {
    /** What the client offers. */
    public static final String ACCEPT_ENCODING = "gzip, deflate";
    /** Most codings one response may stack, as curl allows (each layer is bounded on its own). */
    public static final int MAX_CODINGS = 5;

    /** The response fields and body after {@link #decode}; {@code decoded} is false when they are the originals. */
    public record Decoded(HeaderMap headers, BodyStream body, boolean decoded) {
    }

    private ContentDecoding() {
    }

    /** Whether the client offers (and so later decodes): the caller set neither Accept-Encoding nor Range. */
    public static boolean shouldOffer(HeaderMap requestHeaders) {
        return !requestHeaders.contains("accept-encoding") && !requestHeaders.contains("range");
    }

    /** The request fields with {@code Accept-Encoding: gzip, deflate} added when {@link #shouldOffer} says so. */
    public static HeaderMap offer(HeaderMap requestHeaders) {
        return shouldOffer(requestHeaders) ? requestHeaders.add("accept-encoding", ACCEPT_ENCODING) : requestHeaders;
    }

    /**
     * Decodes a response to a request the client offered encodings for; each layer stops at
     * {@code maxDecodedBytes} decoded bytes ({@code decoded body exceeds limit of N bytes}).
     *
     * @throws BodyError {@code response lists more than 5 content codings}
     */
    public static Decoded decode(Method method, int status, HeaderMap headers, BodyStream body, long maxDecodedBytes)
            throws BodyError {
        if (method.equals(Method.HEAD) || status < 200 || status == 204 || status == 206 || status == 304) {
            return new Decoded(headers, body, false);
        }
        List<DecodedBody.Coding> codings = codings(headers);
        if (codings == null || codings.isEmpty()) {
            return new Decoded(headers, body, false);
        }
        if (codings.size() > MAX_CODINGS) {
            throw new BodyError("response lists more than " + MAX_CODINGS + " content codings");
        }
        BodyStream decoded = body;
        for (int i = codings.size() - 1; i >= 0; i--) {
            decoded = new DecodedBody(decoded, codings.get(i), maxDecodedBytes);
        }
        return new Decoded(headers.remove("content-encoding").remove("content-length"), decoded, true);
    }

    /** The codings in the order applied; null when one is unknown; empty when there are none (or only identity). */
    static List<DecodedBody.Coding> codings(HeaderMap headers) {
        List<DecodedBody.Coding> out = new ArrayList<>();
        for (String field : headers.getAll("content-encoding")) {
            for (String part : field.split(",", -1)) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "", "identity" -> {
                        // an empty list element (RFC 9110 §5.6.1) or no coding at all
                    }
                    case "gzip", "x-gzip" -> out.add(DecodedBody.Coding.GZIP);
                    case "deflate" -> out.add(DecodedBody.Coding.DEFLATE);
                    default -> {
                        return null;
                    }
                }
                if (out.size() > MAX_CODINGS) {
                    return out;
                }
            }
        }
        return out;
    }
}
