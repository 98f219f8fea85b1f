package sifr.http.internal.h1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;

/**
 * Test driver: parses a byte string as a sequence of HTTP/1.1 messages with the codec (head parser,
 * framing, chunked decoder), the way a connection would, so that whole-stream corpora (llhttp,
 * http-parser) can be compared message by message.
 */
final class H1TestStream {

    /** One parsed message; {@code complete} is false for a body still running (until close, partial). */
    record Message(RequestHead request, ResponseHead response, String reason, byte[] body, List<Integer> chunkLengths,
                   HeaderMap trailers, boolean keepAlive, boolean complete) {
        HeaderMap headers() {
            return request != null ? request.headers() : response.headers();
        }
    }

    /** What happened: the messages, and why parsing stopped. */
    record Outcome(List<Message> messages, H1ParseError error, Stop stop) {
        long completeCount() {
            return messages.stream().filter(Message::complete).count();
        }

        boolean rejected() {
            return error != null || stop == Stop.DATA_AFTER_CLOSE;
        }
    }

    enum Stop {
        /** All input consumed at a message boundary. */
        END,
        /** The input ends inside a message. */
        INCOMPLETE,
        /** A malformed message ({@link Outcome#error()}). */
        ERROR,
        /** Bytes after a message that closes the connection (a server ignores them and closes). */
        DATA_AFTER_CLOSE,
        /** CONNECT, an Upgrade or a 101: the rest of the bytes belong to another protocol. */
        UPGRADE
    }

    private H1TestStream() {
    }

    static Outcome parse(byte[] in, boolean requests) {
        return parse(in, requests, Method.GET, false);
    }

    /** {@code skipBody}: the caller treats every message as bodiless (llhttp's on_headers_complete returning 1). */
    static Outcome parse(byte[] in, boolean requests, Method requestMethodForResponses, boolean skipBody) {
        List<Message> messages = new ArrayList<>();
        H1HeadParser parser = new H1HeadParser();
        int pos = 0;
        try {
            while (true) {
                if (pos == in.length) {
                    return new Outcome(messages, null, Stop.END);
                }
                if (!messages.isEmpty()) {
                    Message last = messages.get(messages.size() - 1);
                    if (isUpgrade(last)) {
                        return new Outcome(messages, null, Stop.UPGRADE);
                    }
                    if (!last.keepAlive()) {
                        return new Outcome(messages, null, Stop.DATA_AFTER_CLOSE);
                    }
                }
                parser.reset();
                int n = requests ? parser.parseRequest(in, pos, in.length - pos) : parser.parseResponse(in, pos, in.length - pos);
                if (n == H1HeadParser.PARTIAL) {
                    return new Outcome(messages, null, Stop.INCOMPLETE);
                }
                pos += n;
                RequestHead req = requests ? parser.requestHead() : null;
                ResponseHead res = requests ? null : parser.responseHead();
                H1Framing framing = skipBody ? H1Framing.NONE : requests ? H1Framing.ofRequest(req) : H1Framing.ofResponse(res, requestMethodForResponses);
                boolean keepAlive = H1Framing.keepAlive(requests ? req.version() : res.version(),
                        requests ? req.headers() : res.headers());
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                List<Integer> chunks = new ArrayList<>();
                HeaderMap trailers = HeaderMap.empty();
                boolean complete;
                switch (framing.kind()) {
                    case NONE -> complete = true;
                    case FIXED -> {
                        int take = (int) Math.min(framing.length(), in.length - pos);
                        body.write(in, pos, take);
                        pos += take;
                        complete = take == framing.length();
                    }
                    case CHUNKED -> {
                        ChunkedDecoder decoder = new ChunkedDecoder();
                        while (!decoder.isDone()) {
                            int used = decoder.decode(in, pos, in.length - pos);
                            if (decoder.dataLength() > 0) {
                                body.write(in, decoder.dataOffset(), decoder.dataLength());
                                chunks.add(decoder.dataLength());
                            }
                            pos += used;
                            if (used == 0) {
                                break;
                            }
                        }
                        complete = decoder.isDone();
                        trailers = decoder.trailers();
                    }
                    default -> {
                        body.write(in, pos, in.length - pos);
                        pos = in.length;
                        complete = false;
                        keepAlive = false;
                    }
                }
                messages.add(new Message(req, res, requests ? null : parser.reason(), body.toByteArray(), chunks, trailers,
                        keepAlive, complete));
                if (!complete) {
                    return new Outcome(messages, null, Stop.INCOMPLETE);
                }
            }
        } catch (H1ParseError e) {
            return new Outcome(messages, e, Stop.ERROR);
        }
    }

    static boolean isUpgrade(Message m) {
        if (m.request() != null) {
            RequestHead r = m.request();
            // CONNECT tunnels; PRI * HTTP/1.1 is the start of the HTTP/2 connection preface
            return r.method().equals(Method.CONNECT) || r.method().value().equals("PRI") || (r.headers().contains(HeaderName.UPGRADE)
                    && r.headers().getAll(HeaderName.CONNECTION).stream().anyMatch(v -> H1Framing.hasToken(v, "upgrade")));
        }
        return m.response().status().code() == 101;
    }
}
