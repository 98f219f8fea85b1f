package sifr.http.internal.h1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.Status;
import sifr.http.Version;
import sifr.http.internal.DateCache;
import sifr.http.internal.ForwardingBody;
import sifr.http.internal.ProtocolUpgrade;
import sifr.http.internal.ReadOnce;
import sifr.http.internal.ResponseRules;
import sifr.http.internal.ServerExchange;
import sifr.net.ByteStream;
import sifr.net.SocketAddr;

/**
 * Serves HTTP/1.1 on one connection until it ends: parse a head, hand the request (body streamed)
 * to the handler, write the response, repeat while the connection persists. Pipelined requests are
 * answered in order and share one flush: output is flushed only when no further request bytes are
 * buffered or before blocking for more input. A malformed request gets its 4xx/5xx answer and the
 * connection closes. Each exchange goes through {@link ServerExchange} (the handler, the answer to a
 * failed one, the records), which hands the response back here to be framed. Runs on the caller's thread.
 */
public final class H1ServerConnection {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE_ENDING = "connection: close\r\ncontent-length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** Protocol errors that end a connection (a 4xx/5xx answered before any handler ran), at DEBUG. */
    private static final System.Logger PROTOCOL_LOG = System.getLogger("sifr.http.h1");

    private final ByteStream stream;
    /** Where responses go: {@link #stream}, under the write timeout when the server has a timer. */
    private final ByteStream sink;
    private final ServerExchange exchange;
    private final H1ServerConfig config;
    private final H1Input in;
    private final H1Buffer out = new H1Buffer(1024); // grows for large heads and bodies
    /**
     * The most of its output buffer a connection keeps while it waits for the next request: a stream
     * body grows the buffer to 64 KiB ({@link H1BodyWriter}), which an idle keep-alive connection lets go.
     */
    static final int IDLE_OUTPUT = 16 * 1024;
    private final H1HeadParser parser;
    private volatile boolean draining;
    private volatile boolean idle;
    private boolean answered; // a response went out on this connection
    /**
     * Whether a virtual thread yields once before it reads the next request of a kept-alive connection
     * (on by default; {@code -Dsifr.http.yieldBeforeRead=false} turns it off for comparisons). Why:
     * straight after a response the client has not answered yet, so the read would find nothing: the
     * JDK then pays a read that fails with EAGAIN, an epoll_ctl to arm the poller and a park/unpark.
     * Yielding first lets the other connections' threads run; under load the next request has arrived
     * by the time this thread runs again, and the read simply returns it (syscalls per request under
     * {@code wrk -c64}: about 2.4 instead of 4). Idle, it costs one unmount and remount.
     */
    private static final boolean YIELD_BEFORE_READ =
            Boolean.parseBoolean(System.getProperty("sifr.http.yieldBeforeRead", "true"));
    // the two timed reads, allocated once per connection rather than as capturing lambdas per request
    private final H1ServerConfig.Read<Boolean> fillFirstByte = this::fill;
    private final H1ServerConfig.Read<RequestHead> restOfHead = this::parseHeadReading;

    // per-exchange state, reused: one exchange at a time runs on a connection
    private final Exchange current = new Exchange();
    private boolean bodyComplete; // the request body was read to its end (only then may another request follow)
    private final H1BodyReader.EndListener bodyEnded = complete -> bodyComplete = complete;
    private final ResponseRules.FieldSink fieldSink = (name, value) -> H1Encoder.field(out, name, value);
    /**
     * Set when a 101 switched protocols: what {@link #serve} runs on the connection once the exchange's
     * frame (and with it the request) is gone.
     */
    private ProtocolUpgrade switched;
    /** How the server lets a switched protocol outlive this thread ({@link #allowDetach}); null: it cannot. */
    private ProtocolUpgrade.Detacher detacher = ProtocolUpgrade.Detacher.NONE;
    private boolean detached; // the switched protocol detached: it closes the stream when it ends

    /** A connection whose handler has no access log (tests, {@code Http1.serve}). */
    public H1ServerConnection(ByteStream stream, HttpHandler handler, H1ServerConfig config) {
        this(stream, ServerExchange.of(handler), config);
    }

    public H1ServerConnection(ByteStream stream, ServerExchange exchange, H1ServerConfig config) {
        this.stream = stream;
        this.sink = config.timer() == H1ServerConfig.Timer.NONE ? stream
                : new TimedWrites(stream, config.timer(), config.writeTimeout());
        this.exchange = exchange;
        this.config = config;
        H1Limits limits = config.limits();
        this.in = new H1Input(stream, 2048, limits.maxStartLineBytes() + limits.maxHeaderSectionBytes() + 4096);
        this.parser = new H1HeadParser(limits);
    }

    /**
     * Asks the connection to end: it finishes the exchange in progress and closes; a connection idle
     * between requests is closed at once. Safe to call from any thread.
     */
    public void drain() {
        draining = true;
        if (idle) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing an idle connection during shutdown; nothing to report
            }
        }
    }

    /**
     * Lets a switched protocol detach from the connection's thread (see {@link ProtocolUpgrade.Detacher}):
     * {@code detacher} is the server's bookkeeping for it. Call before {@link #serve}.
     */
    public void allowDetach(ProtocolUpgrade.Detacher detacher) {
        this.detacher = () -> {
            Runnable end = detacher.detach();
            detached = end != null;
            return end;
        };
    }

    /**
     * Serves until the peer closes, a message forbids reuse, or an error; then closes the stream (unless
     * a switched protocol detached: then it does, when it ends).
     */
    public void serve() throws IOException {
        try {
            if (config.priorKnowledge() != null && startsWithPreface()) {
                config.priorKnowledge().serve(stream, in.take(in.available()));
                return;
            }
            while (serveOne()) {
                // next request on the same connection
            }
            if (switched != null) {
                takeOver();
            }
        } finally {
            if (!detached) { // detached, the stream is the switched protocol's (HTTP/1.1's buffers are gone)
                try {
                    H1BodyWriter.flush(out, sink);
                } catch (IOException ignored) {
                    // the peer may already be gone; closing is all that is left
                }
                stream.close();
            }
        }
    }

    /**
     * Runs the protocol a 101 switched to. It may run for hours (an idle WebSocket), and the server keeps
     * this connection reachable meanwhile (for {@link #drain}); so first everything HTTP/1.1 held is let
     * go: the input and output buffers, the last request's head in the parser and its body reader. Only
     * the bytes read past the request go to the new protocol.
     */
    private void takeOver() throws IOException {
        ProtocolUpgrade upgrade = switched;
        switched = null;
        byte[] leftover = in.take(in.available());
        in.release();
        out.release();
        parser.release();
        current.start(null, null, false);
        upgrade.takeOver(stream, leftover, detacher);
    }

    /** What {@link #takeOver} leaves of HTTP/1.1's buffers (tests: none while the new protocol runs). */
    int bufferedCapacity() {
        return in.buf.length + out.capacity();
    }

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads until the buffered bytes either differ from the HTTP/2 preface or contain all of it; nothing
     * is consumed. The first byte may take the idle timeout (a new connection waits like a kept-alive
     * one), the rest the header-read timeout.
     */
    private boolean startsWithPreface() throws IOException {
        if (in.available() == 0) {
            idle = true;
            try {
                if (draining || !config.timer().within(config.idleTimeout(), in::fill)) {
                    return false;
                }
            } finally {
                idle = false;
            }
        }
        return config.timer().within(config.headerReadTimeout(), () -> {
            while (true) {
                int n = Math.min(in.available(), PREFACE.length);
                for (int i = 0; i < n; i++) {
                    if (in.buf[in.start + i] != PREFACE[i]) {
                        return false;
                    }
                }
                if (n == PREFACE.length) {
                    return true;
                }
                if (!in.fill()) {
                    return false;
                }
            }
        });
    }

    /** Serves one exchange; returns whether the connection may carry another. */
    private boolean serveOne() throws IOException {
        RequestHead head;
        H1Framing framing;
        try {
            head = readHead();
            if (head == null) {
                return false;
            }
            framing = H1Framing.ofRequest(head);
            head = H1HostRule.apply(head);
        } catch (H1ParseError e) {
            // the message names the rule broken, never a header value
            PROTOCOL_LOG.log(System.Logger.Level.DEBUG, () -> "HTTP/1.1 request from " + stream.remoteAddr()
                    + " answered " + e.status() + " and closed: " + e.getMessage());
            writeError(e.status());
            return false;
        }
        if (framing.kind() == H1Framing.Kind.FIXED && framing.length() > config.maxRequestBodyBytes()) {
            writeError(413);
            return false;
        }
        HeaderMap headers = head.headers();
        boolean expectContinue = false;
        if (headers.contains(HeaderName.EXPECT)) {
            if (head.version() == Version.HTTP_1_1 && headers.getAll(HeaderName.EXPECT).size() == 1
                    && headers.get(HeaderName.EXPECT).orElse("").equalsIgnoreCase("100-continue")) {
                expectContinue = framing.kind() != H1Framing.Kind.NONE;
            } else {
                writeError(417);
                return false;
            }
        }
        if (headers.contains(HeaderName.UPGRADE) && framing.kind() == H1Framing.Kind.NONE) {
            byte[] leftover = in.take(in.available());
            if (config.upgrade().upgrade(head, stream, leftover)) {
                return false;
            }
            if (leftover.length > 0) {
                // declined: put the bytes back (the buffer is empty after take)
                System.arraycopy(leftover, 0, in.buf, 0, leftover.length);
                in.end = leftover.length;
            }
        }
        bodyComplete = framing.kind() == H1Framing.Kind.NONE;
        H1BodyReader body = new H1BodyReader(in, framing, config.limits(), config.maxRequestBodyBytes(), "request",
                bodyEnded, config.timer(), config.bodyReadTimeout());
        current.start(body, expectContinue ? new ContinueOnFirstRead(body) : null,
                H1Framing.keepAlive(head.version(), headers));
        if (!exchange.serve(head, current.requestBody(), current)) {
            return false; // the client broke the request off: nothing to answer, the connection ends
        }
        if (current.upgrade != null) { // a 101 went out: the connection now speaks the new protocol
            H1BodyWriter.flush(out, sink);
            switched = current.upgrade;
            current.upgrade = null;
            return false; // serve() runs it, once this frame's request and head are gone
        }
        if (!current.keepAlive) {
            H1BodyWriter.flush(out, sink);
            return false;
        }
        if (in.available() == 0) {
            H1BodyWriter.flush(out, sink); // no pipelined request waiting: this burst ends here
        }
        answered = true;
        return true;
    }

    /** The HTTP/1.1 side of the exchange in progress (see {@link ServerExchange.Transport}). */
    private final class Exchange implements ServerExchange.Transport {
        private H1BodyReader body;
        private ContinueOnFirstRead continueBody; // null unless the request expects 100-continue
        /** Whether the connection may carry another request; final once {@link #write} returned. */
        boolean keepAlive;
        /** Set by {@link #write} when a 101 switched protocols: what runs on the connection next. */
        ProtocolUpgrade upgrade;

        void start(H1BodyReader body, ContinueOnFirstRead continueBody, boolean keepAlive) {
            this.body = body;
            this.continueBody = continueBody;
            this.keepAlive = keepAlive;
        }

        BodyStream requestBody() {
            return continueBody != null ? continueBody : body;
        }

        @Override
        public SocketAddr remoteAddr() {
            return stream.remoteAddr();
        }

        /** The client closed, reset, or sent nothing for the body-read timeout while the handler read its body. */
        @Override
        public boolean peerBrokeOff() {
            return body.peerFailed();
        }

        @Override
        public boolean canUpgrade() {
            return true;
        }

        @Override
        public void write(RequestHead request, HttpResponse response) throws IOException {
            if (response.body() instanceof ProtocolUpgrade u && response.status().code() == 101) {
                if (!bodyComplete || draining || request.version() != Version.HTTP_1_1) {
                    // a request with a body (or on HTTP/1.0) cannot switch: its bytes would be taken for the new protocol
                    keepAlive = writeResponse(request, HttpResponse.of(400, HeaderMap.of("connection", "close")), false);
                    return;
                }
                writeResponse(request, response, true);
                keepAlive = false;
                upgrade = u;
                return;
            }
            if (!body.isDone()) {
                if (continueBody != null && !continueBody.started) {
                    keepAlive = false; // the client never sent the body; do not read it
                } else if (ResponseRules.asksClose(response.headers())) {
                    keepAlive = false; // closing anyway (a refused body among them): reading the rest buys nothing
                } else {
                    body.close(); // drains a small rest so the connection can carry on
                }
            }
            keepAlive &= bodyComplete && !draining;
            keepAlive = writeResponse(request, response, keepAlive);
        }
    }

    /**
     * The next request head, or null at a clean end of stream between requests. Waiting for the
     * first byte is bounded by the idle timeout, the rest of the head by the header-read timeout.
     */
    private RequestHead readHead() throws IOException {
        parser.reset();
        if (in.available() == 0) {
            H1BodyWriter.flush(out, sink); // about to block: send what the burst produced
            out.shrinkTo(IDLE_OUTPUT);
            if (answered && YIELD_BEFORE_READ && Thread.currentThread().isVirtual()) {
                Thread.yield();
            }
            idle = true;
            try {
                if (draining || !config.timer().within(config.idleTimeout(), fillFirstByte)) {
                    return null;
                }
            } finally {
                idle = false;
            }
        }
        int n = parser.parseRequest(in.buf, in.start, in.available());
        if (n > 0) { // the whole head is already here (the usual case): no timed read needed
            in.consume(n);
            return parser.requestHead();
        }
        return config.timer().within(config.headerReadTimeout(), restOfHead);
    }

    private Boolean fill() throws IOException {
        return in.fill();
    }

    /** Parses the head from the buffer, reading more while it is incomplete; null at end of stream. */
    private RequestHead parseHeadReading() throws IOException {
        while (true) {
            int n = parser.parseRequest(in.buf, in.start, in.available());
            if (n > 0) {
                in.consume(n);
                return parser.requestHead();
            }
            H1BodyWriter.flush(out, sink);
            if (!in.fill()) {
                return null; // end of stream inside a head: nothing to answer
            }
        }
    }

    /** Writes the head and body of a final response by {@link ResponseRules}; returns whether the connection persists. */
    private boolean writeResponse(RequestHead request, HttpResponse response, boolean keepAlive) throws IOException {
        ResponseHead head = response.head();
        BodyStream body = response.body();
        int code = head.status().code();
        H1Encoder.statusLine(out, Version.HTTP_1_1, head.status());
        int seen = ResponseRules.emit(head.headers(), true, fieldSink);
        if ((seen & ResponseRules.ASKED_CLOSE) != 0) {
            keepAlive = false;
        }
        OptionalLong length = body.length();
        H1Framing.Kind kind;
        if (ResponseRules.hasNoContent(request.method(), code)) {
            kind = H1Framing.Kind.NONE;
            long declared = ResponseRules.declaredLength(code, body, head.headers());
            if (declared >= 0) {
                H1Encoder.contentLength(out, declared);
            }
        } else if (length.isPresent()) {
            kind = H1Framing.Kind.FIXED;
            H1Encoder.contentLength(out, length.getAsLong());
        } else if (request.version() == Version.HTTP_1_1) {
            kind = H1Framing.Kind.CHUNKED;
            H1Encoder.transferEncodingChunked(out);
        } else {
            kind = H1Framing.Kind.UNTIL_CLOSE;
            keepAlive = false;
        }
        if ((seen & ResponseRules.SENT_UPGRADE) != 0) {
            // RFC 9110 §7.8: a sender of Upgrade lists it in Connection
            out.putAscii(keepAlive ? "connection: upgrade\r\n" : "connection: upgrade, close\r\n");
        } else if (!keepAlive) {
            H1Encoder.connectionClose(out);
        } else if (request.version() == Version.HTTP_1_0) {
            H1Encoder.connectionKeepAlive(out);
        }
        if ((seen & ResponseRules.HAD_DATE) == 0) {
            out.put(DateCache.fieldLine());
        }
        H1Encoder.endOfHead(out);
        try {
            switch (kind) {
                case FIXED -> H1BodyWriter.fixed(out, sink, body, length.getAsLong());
                case CHUNKED -> H1BodyWriter.chunked(out, sink, body);
                case UNTIL_CLOSE -> H1BodyWriter.raw(out, sink, body);
                case NONE -> { }
            }
        } finally {
            body.close();
        }
        return keepAlive;
    }

    private void writeError(int status) throws IOException {
        H1Encoder.statusLine(out, Version.HTTP_1_1, Status.of(status));
        out.put(DateCache.fieldLine());
        out.put(CONNECTION_CLOSE_ENDING);
        H1BodyWriter.flush(out, sink);
    }

    /** Sends {@code 100 Continue} when the handler first reads the body (RFC 9110 §10.1.1). */
    private final class ContinueOnFirstRead extends ForwardingBody {
        boolean started;

        ContinueOnFirstRead(H1BodyReader body) {
            super(body);
        }

        @Override
        public byte[] readChunk() throws IOException {
            start();
            return body.readChunk();
        }

        @Override
        public long discard() throws IOException {
            start();
            return body.discard();
        }

        /** The inner body enforces reading once. */
        @Override
        public byte[] collectWithLimit(long limit) throws IOException {
            ReadOnce.checkLimit(limit);
            start();
            return body.collectWithLimit(limit);
        }

        private void start() throws IOException {
            if (!started) {
                started = true;
                H1BodyWriter.flush(out, sink);
                sink.writeAll(CONTINUE);
                sink.flush();
            }
        }

        /** Unread and never asked for: nothing to drain (the client waits for the 100 before sending). */
        @Override
        public void close() throws IOException {
            if (started) {
                body.close();
            }
        }
    }
}
