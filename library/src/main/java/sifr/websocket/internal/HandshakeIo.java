package sifr.websocket.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import sifr.http.HeaderField;
import sifr.http.HeaderMap;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.internal.h1.H1HeadParser;
import sifr.http.internal.h1.H1Limits;
import sifr.http.internal.h1.H1ParseError;
import sifr.net.ByteStream;

/**
 * Reads and writes the HTTP/1.1 heads of the opening handshake directly on a {@link ByteStream}, for
 * WebSocket endpoints that are not behind {@code HttpServer}/{@code HttpClient}. Heads are parsed by the
 * HTTP/1.1 codec's strict parser; at most {@code maxBytes} are read before the head must be complete
 * (431 beyond, so a 20 MB header costs 64 KiB of reading, not 20 MB).
 */
public final class HandshakeIo {
    private HandshakeIo() {
    }

    /** A parsed head and the bytes read past it (the start of the frame stream). */
    public record Read<H>(H head, byte[] leftover) {
    }

    /**
     * Reads one request head.
     *
     * @throws H1ParseError with the status to answer (400, 414, 431, ...)
     * @throws IOException the stream failed or ended before the head
     */
    public static Read<RequestHead> readRequest(ByteStream stream, int maxBytes) throws IOException {
        H1HeadParser parser = new H1HeadParser(limits(maxBytes));
        byte[] buf = new byte[Math.min(maxBytes + 1024, 16 * 1024)];
        int have = 0;
        while (true) {
            if (have > 0) {
                int used = parser.parseRequest(buf, 0, have);
                if (used != H1HeadParser.PARTIAL) {
                    return new Read<>(parser.requestHead(), Arrays.copyOfRange(buf, used, have));
                }
            }
            if (have >= maxBytes) {
                throw new H1ParseError(431, "header section is too large");
            }
            if (have == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxBytes + 1024));
            }
            int n = stream.read(ByteBuffer.wrap(buf, have, buf.length - have));
            if (n < 0) {
                throw new IOException("connection closed before the WebSocket handshake request");
            }
            have += n;
        }
    }

    /** Reads one response head. */
    public static Read<ResponseHead> readResponse(ByteStream stream, int maxBytes) throws IOException {
        H1HeadParser parser = new H1HeadParser(limits(maxBytes));
        byte[] buf = new byte[Math.min(maxBytes + 1024, 16 * 1024)];
        int have = 0;
        while (true) {
            if (have > 0) {
                int used = parser.parseResponse(buf, 0, have);
                if (used != H1HeadParser.PARTIAL) {
                    return new Read<>(parser.responseHead(), Arrays.copyOfRange(buf, used, have));
                }
            }
            if (have >= maxBytes) {
                throw new IOException("WebSocket handshake response exceeds " + maxBytes + " bytes");
            }
            if (have == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxBytes + 1024));
            }
            int n = stream.read(ByteBuffer.wrap(buf, have, buf.length - have));
            if (n < 0) {
                throw new IOException("connection closed before the WebSocket handshake response");
            }
            have += n;
        }
    }

    private static H1Limits limits(int maxBytes) {
        sifr.http.Http1Limits http1 = sifr.http.Http1Limits.builder().maxStartLineBytes(Math.min(8 * 1024, maxBytes)).build();
        return H1Limits.of(http1, maxBytes);
    }

    /** {@code HTTP/1.1 <status> <reason>} and the fields, ready to write. */
    public static byte[] response(int status, String reason, HeaderMap fields) {
        StringBuilder b = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        appendFields(b, fields);
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code GET <target> HTTP/1.1} and the fields, ready to write. */
    public static byte[] request(String target, HeaderMap fields) {
        StringBuilder b = new StringBuilder(256).append("GET ").append(target).append(" HTTP/1.1\r\n");
        appendFields(b, fields);
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void appendFields(StringBuilder b, HeaderMap fields) {
        for (HeaderField f : fields) {
            b.append(f.name().toString()).append(": ").append(f.value().value()).append("\r\n");
        }
        b.append("\r\n");
    }
}
