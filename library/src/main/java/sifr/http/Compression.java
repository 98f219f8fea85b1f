package sifr.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import sifr.http.internal.compress.AcceptEncoding;
import sifr.http.internal.compress.CompressingBody;

/**
 * Response compression: {@code gzip} or {@code deflate}, chosen from the request's
 * {@code Accept-Encoding} by weight (RFC 9110 §12.5.3: {@code q=0} refuses a coding, {@code *} covers
 * the unlisted ones, gzip wins ties), for responses that are worth it and safe to change:
 * <ul>
 *   <li>a 2xx other than 204 and 206, with a compressible {@code Content-Type}
 *       ({@link CompressionOptions#types()});
 *   <li>not already encoded ({@code Content-Encoding} set, other than {@code identity}: a precompressed
 *       file), not a range ({@code 206} or {@code Content-Range}: byte offsets refer to the
 *       unencoded representation), not marked {@code Cache-Control: no-transform};
 *   <li>at least {@link CompressionOptions#minimumBytes()} long: a known length is checked at once, an
 *       unknown one by reading ahead at most that many bytes.
 * </ul>
 * A compressed response loses {@code Content-Length} (it is streamed: chunked on HTTP/1.1), gets
 * {@code Content-Encoding}, and a strong {@code ETag} becomes weak ({@code W/"..."}), since the bytes
 * differ from the identity representation's. Every eligible response, compressed or not, gets
 * {@code Vary: Accept-Encoding} so caches keep the two apart. The body is compressed chunk by chunk as
 * the server sends it ({@code SYNC_FLUSH} per chunk): memory is bounded by one chunk, and a slowly
 * streamed body is not held back.
 */
public final class Compression {
    private Compression() {
    }

    /** Compression with {@link CompressionOptions#defaults()}. */
    public static Middleware middleware() {
        return middleware(CompressionOptions.defaults());
    }

    /** Compression with these options. */
    public static Middleware middleware(CompressionOptions options) {
        Objects.requireNonNull(options, "options");
        return next -> request -> {
            HttpResponse response = next.handle(request);
            if (!eligible(response, options)) {
                return response;
            }
            response = Cors.vary(response, "accept-encoding");
            String coding = AcceptEncoding.choose(request.headers().getAll("accept-encoding"));
            if (coding == null) {
                return response;
            }
            BodyStream body = response.body();
            OptionalLong length = body.length();
            List<byte[]> peeked = new ArrayList<>();
            if (length.isPresent()) {
                if (length.getAsLong() < options.minimumBytes()) {
                    return response;
                }
            } else if (options.minimumBytes() > 0) {
                long seen = 0;
                boolean ended = false;
                while (seen < options.minimumBytes()) {
                    byte[] chunk = body.readChunk();
                    if (chunk.length == 0) {
                        ended = true;
                        break;
                    }
                    peeked.add(chunk);
                    seen += chunk.length;
                }
                if (ended) {
                    // short after all: send what was read, as it was (the trailers, if any, are lost with the
                    // source: a body short enough for this path rarely has them)
                    return HttpResponse.of(response.head(), BodyStream.ofChunks(peeked, body.trailers()));
                }
            }
            HeaderMap.Builder h = response.headers().toBuilder().remove("content-length").set("content-encoding", coding);
            response.headers().get("etag").filter(e -> e.startsWith("\"")).ifPresent(e -> h.set("etag", "W/" + e));
            return HttpResponse.of(response.head().withHeaders(h.build()),
                    new CompressingBody(body, peeked, coding, options.level()));
        };
    }

    private static boolean eligible(HttpResponse response, CompressionOptions options) {
        int code = response.status().code();
        if (code < 200 || code > 299 || code == 204 || code == 206) {
            return false;
        }
        HeaderMap h = response.headers();
        String encoding = h.get("content-encoding").orElse("identity").strip();
        if (!encoding.equalsIgnoreCase("identity") || h.contains("content-range")) {
            return false;
        }
        for (String cc : h.getAll("cache-control")) {
            if (cc.toLowerCase(Locale.ROOT).contains("no-transform")) {
                return false;
            }
        }
        return h.get("content-type").map(options::isCompressible).orElse(false);
    }
}
