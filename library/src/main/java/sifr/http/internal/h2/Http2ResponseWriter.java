package sifr.http.internal.h2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.internal.DateCache;
import sifr.http.internal.ResponseRules;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HpackEncoder;

/**
 * Frames a server's final response on one stream: HEADERS (the field block by {@link ResponseRules},
 * as on HTTP/1.1), then the body as DATA and any trailers. A small body of known length goes out with
 * its head in one burst; a larger or unknown one streams under flow control.
 */
final class Http2ResponseWriter {
    /** Bodies of known length up to this are read whole and sent with the head. */
    private static final int SMALL_BODY = 16 * 1024;

    private Http2ResponseWriter() {
    }

    /** Writes {@code response} (status 200..999) to {@code requestMethod} on {@code s}; closes its body. */
    static void write(Http2Connection conn, H2Stream s, Method requestMethod, HttpResponse response) throws IOException {
        BodyStream body = response.body();
        try {
            int code = response.status().code();
            HeaderMap fields = response.headers();
            if (ResponseRules.hasNoContent(requestMethod, code)) {
                conn.out.writeHeaders(s, true, new HeadBlock(code, fields, ResponseRules.declaredLength(code, body, fields)));
                return;
            }
            OptionalLong length = body.length();
            if (length.isPresent() && length.getAsLong() <= SMALL_BODY) {
                byte[] data = collect(body, (int) length.getAsLong());
                HeaderMap trailers = body.trailers();
                if (data.length == 0 && trailers.isEmpty()) {
                    conn.out.writeHeaders(s, true, new HeadBlock(code, fields, 0));
                    return;
                }
                conn.out.writeHeadersAndData(s, new HeadBlock(code, fields, data.length), data, trailers.isEmpty());
                if (!trailers.isEmpty()) {
                    H2BodySender.writeTrailers(conn, s, trailers);
                }
                return;
            }
            long known = length.isPresent() ? length.getAsLong() : -1;
            conn.out.writeHeaders(s, false, new HeadBlock(code, fields, known));
            H2BodySender.writeBody(conn, s, body, known);
        } finally {
            body.close();
        }
    }

    /**
     * The head of a 2xx that makes an extended CONNECT stream a tunnel (RFC 8441 §5): HEADERS without
     * END_STREAM and without content-length (RFC 9113 §8.5); the stream stays open both ways.
     */
    static void writeTunnelHead(Http2Connection conn, H2Stream s, HttpResponse response) throws IOException {
        conn.out.writeHeaders(s, false, new HeadBlock(response.status().code(), response.headers(), -1));
    }

    /** Reads a small body of known length whole. */
    private static byte[] collect(BodyStream body, int length) throws IOException {
        byte[] first = body.readChunk();
        if (first.length == length) {
            if (length == 0 || body.readChunk().length == 0) {
                return first;
            }
            throw H2Message.lengthMismatch("response");
        }
        List<byte[]> chunks = new ArrayList<>();
        int total = first.length;
        chunks.add(first);
        for (byte[] c = first; c.length > 0; ) {
            c = body.readChunk();
            total += c.length;
            if (total > length) {
                break;
            }
            chunks.add(c);
        }
        if (total != length) {
            throw H2Message.lengthMismatch("response");
        }
        byte[] all = new byte[length];
        int p = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, p, c.length);
            p += c.length;
        }
        return all;
    }

    /**
     * The response field block: {@code :status}, the handler's fields that HTTP/2 carries, the length
     * (-1: none), {@code date}. Encoded under the connection's lock, on its HPACK encoder.
     */
    private static final class HeadBlock implements Http2Outbound.FieldWriter, ResponseRules.FieldSink {
        private final int code;
        private final HeaderMap fields;
        private final long contentLength;
        private HpackEncoder encoder; // set for the duration of write
        private GrowableBytes block;

        HeadBlock(int code, HeaderMap fields, long contentLength) {
            this.code = code;
            this.fields = fields;
            this.contentLength = contentLength;
        }

        @Override
        public void write(HpackEncoder enc, GrowableBytes b) {
            encoder = enc;
            block = b;
            enc.field(":status", Http2Fields.status(code), false, b);
            int seen = ResponseRules.emit(fields, false, this);
            if (contentLength >= 0) {
                enc.field("content-length", Long.toString(contentLength), false, b);
            }
            if ((seen & ResponseRules.HAD_DATE) == 0) {
                enc.field("date", DateCache.value(), false, b);
            }
        }

        @Override
        public void field(HeaderName name, HeaderValue value) {
            encoder.field(name, value, block);
        }
    }
}
