package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.HeaderError;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.HttpError;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.http.internal.HandlerFailures;
import sifr.http.internal.HttpExchangeEvent;
import sifr.http.internal.HandlerTask;
import sifr.http.internal.HostSyntax;
import sifr.http.internal.h1.DateCache;
import sifr.net.ByteStream;
import sifr.net.internal.NanoClock;

/**
 * The server side of one HTTP/2 connection: each request stream's handler runs on its own virtual
 * thread; requests are validated per RFC 9113 §8.3 (malformed ones are reset with PROTOCOL_ERROR);
 * streams beyond SETTINGS_MAX_CONCURRENT_STREAMS are refused (REFUSED_STREAM, retryable). A handler
 * exception becomes a 500 without details (413 when a body limit was hit), like HTTP/1.1.
 */
public final class Http2ServerConnection {
    private static final int SMALL_BODY = 16 * 1024;

    /** One factory for every stream's thread (no builder per stream). */
    private static final ThreadFactory STREAM_THREADS = Thread.ofVirtual().name("h2-stream").factory();

    private static final System.Logger LOG = System.getLogger("sifr.http.server");

    private final HttpHandler handler;
    private final ByteStream stream;
    private final Http2Config config;
    private final Http2Connection conn;
    private final ReentrantLock lock;
    /** Handlers started and not yet returned (guarded by {@link #lock}). */
    private int handlersRunning;
    /** Requests accepted beyond the handler limit, in arrival order (guarded by {@link #lock}). */
    private final java.util.ArrayDeque<Waiting> waiting = new java.util.ArrayDeque<>();
    /** The parent of every handler's task: a child of the task that serves this connection. */
    private final HandlerTask handlers = HandlerTask.childOfCurrent();

    public Http2ServerConnection(ByteStream stream, HttpHandler handler, Http2ServerConfig config) {
        this(stream, handler, config, NanoClock.SYSTEM);
    }

    /** A connection whose engine timeouts run on {@code clock} (the server's; a manual one in tests). */
    public Http2ServerConnection(ByteStream stream, HttpHandler handler, Http2ServerConfig config, NanoClock clock) {
        this.handler = handler;
        this.stream = stream;
        this.config = config.common();
        this.conn = new Http2Connection(stream, this.config, new ServerRole(), clock);
        this.lock = conn.lock;
    }

    /**
     * Serves HTTP/2 on {@code stream} until the connection ends, then closes it; blocks the calling
     * thread. {@code alreadyRead}: bytes the caller already consumed from the stream (e.g. the client
     * preface sniffed by the HTTP/1.1 server), possibly empty.
     */
    public static void serve(ByteStream stream, HttpHandler handler, Http2ServerConfig config, byte[] alreadyRead)
            throws IOException {
        new Http2ServerConnection(stream, handler, config).run(alreadyRead);
    }

    /**
     * Serves a connection upgraded from HTTP/1.1 with {@code Upgrade: h2c} (RFC 7540 §3.2): the caller
     * has sent {@code 101 Switching Protocols}; {@code http2SettingsPayload} is the decoded
     * {@code HTTP2-Settings} field (a SETTINGS payload); {@code upgradedRequest} becomes stream 1,
     * half-closed (remote), and its response goes out on stream 1.
     */
    public static void serveUpgraded(ByteStream stream, HttpHandler handler, Http2ServerConfig config,
            byte[] http2SettingsPayload, HttpRequest upgradedRequest, byte[] alreadyRead) throws IOException {
        new Http2ServerConnection(stream, handler, config)
                .runUpgraded(http2SettingsPayload, upgradedRequest, alreadyRead);
    }

    /** Serves until the connection ends (see {@link #serve}). */
    public void run(byte[] alreadyRead) throws IOException {
        conn.begin();
        conn.in.readLoop(alreadyRead);
    }

    /** Like {@link #serveUpgraded}, on this connection. */
    public void runUpgraded(byte[] http2SettingsPayload, HttpRequest upgradedRequest, byte[] alreadyRead)
            throws IOException {
        Http2Settings peer = UpgradeSettings.parse(http2SettingsPayload);
        conn.begin(); // our SETTINGS must be the first frame we send
        lock.lock();
        try {
            conn.in.applyPeerSettings(peer);
            H2Stream s = conn.openUpgraded();
            startHandler(s, upgradedRequest.head().withVersion(Version.HTTP_2), 0);
        } catch (Http2Error e) {
            conn.fail(new sifr.http.HttpError("invalid HTTP2-Settings: " + e.getMessage()));
            throw new sifr.http.HttpError("invalid HTTP2-Settings: " + e.getMessage());
        } finally {
            lock.unlock();
        }
        conn.in.readLoop(alreadyRead);
    }

    /** Asks the connection to end gracefully: GOAWAY, streams in flight finish, then it closes. */
    public void drain() {
        conn.shutdownGracefully();
    }

    // ------------------------------------------------------------------ requests (reader thread, under lock)

    /** The server's side of the connection: peer streams are requests, each served by a handler. */
    private final class ServerRole implements Http2Role {
        @Override
        public Http2Reader.Role side() {
            return Http2Reader.Role.SERVER;
        }

        @Override
        public String inboundName() {
            return "request";
        }

        @Override
        public String outboundName() {
            return "response";
        }

        @Override
        public void peerStream(int id, boolean endStream, FieldBlock f) throws Http2Error {
            requestStream(id, endStream, f);
        }

        @Override
        public void streamHeaders(H2Stream s, boolean endStream, FieldBlock f) throws Http2Error {
            H2Message.trailers(s, endStream, f); // after the request head only trailers may come
        }

        @Override
        public boolean acceptsData(H2Stream s) {
            return true; // a request's head opened the stream
        }

        @Override
        public void bodyLimitExceeded(H2Stream s) {
            // the handler sees the BodyError on its next read; DATA is credited back and dropped
        }

        @Override
        public IOException resetByPeer(H2Stream s, long errorCode, HttpError plain) {
            return plain;
        }

        @Override
        public void bodyClosed(H2Stream s) {
            // the rest of a request body is dropped as it arrives; the response may still be sent
        }
    }

    /** The peer opens stream {@code id} with a request head. */
    private void requestStream(int id, boolean endStream, FieldBlock f) throws Http2Error {
        assert lock.isHeldByCurrentThread();
        H2Stream s = conn.newStream(id);
        s.life.onReceive(Http2Frames.HEADERS, endStream);
        boolean full = conn.streamCount() >= config.maxConcurrentStreams();
        conn.track(s);
        if (full) {
            conn.resetStream(id, Http2ErrorCode.REFUSED_STREAM, "too many concurrent streams"); // §5.1.2
            conn.in.streamRefused(); // repeated violations end the connection (ENHANCE_YOUR_CALM)
            return;
        }
        if (f.tooLarge) {
            s.inboundEnded = true;
            s.discarding = true;
            startHandler(s, null, 431); // §10.5.1: the header section is larger than we accept
            return;
        }
        RequestHead head;
        try {
            head = requestHead(f);
        } catch (Http2Error e) {
            throw Http2Error.stream(id, PROTOCOL_ERROR, e.getMessage());
        }
        long length = H2Message.declaredLength(id, head.headers(), "");
        if (H2Message.head(s, length, endStream, config.maxBodyBytes())) {
            H2Message.failOverLimit(conn, s); // the handler still runs: it answers, reading gets the BodyError
        }
        startHandler(s, head, 0);
    }

    /** The request head of a field block, or a stream error for a malformed request (§8.3.1). */
    private static RequestHead requestHead(FieldBlock f) throws Http2Error {
        if (f.malformed != null) {
            throw malformed(f.malformed);
        }
        if (f.status != null || f.protocol != null) {
            throw malformed("response or unsupported pseudo-header in a request");
        }
        if (f.method == null) {
            throw malformed("missing :method");
        }
        boolean connect = f.method.equals("CONNECT");
        if (connect) {
            if (f.scheme != null || f.path != null || f.authority == null) {
                throw malformed("CONNECT needs :authority and no :scheme or :path");
            }
        } else if (f.scheme == null || f.path == null || f.path.isEmpty()) {
            throw malformed("missing :scheme or :path");
        }
        Method method;
        try {
            method = Method.of(f.method);
        } catch (IllegalArgumentException e) {
            throw malformed("invalid :method");
        }
        String target = connect ? f.authority : f.path;
        if (!connect && (f.scheme.equals("http") || f.scheme.equals("https"))
                && target.charAt(0) != '/' && !(target.equals("*") && method.equals(Method.OPTIONS))) {
            throw malformed("invalid :path");
        }
        HeaderMap headers = f.headers.build();
        if (f.authority != null) {
            HeaderValue authority;
            try {
                authority = HeaderValue.of(f.authority);
            } catch (HeaderError e) {
                throw malformed("invalid :authority");
            }
            if (f.authority.isEmpty() || !authority.value().equals(f.authority)
                    || f.authority.indexOf('@') >= 0 || !HostSyntax.isValid(f.authority)) {
                throw malformed("invalid :authority"); // uri-host [":" port], no userinfo (§8.3.1)
            }
            int hosts = 0;
            for (int i = 0, n = headers.size(); i < n; i++) {
                if (headers.nameAt(i).equals(HeaderName.HOST)) {
                    hosts++;
                    // §8.3.1: a host field naming another entity than :authority makes the request malformed
                    if (!headers.valueAt(i).value().equalsIgnoreCase(f.authority)) {
                        throw malformed("host differs from :authority");
                    }
                }
            }
            if (hosts == 0) {
                headers = headers.toBuilder().add(HeaderName.HOST, authority).build();
            }
        } else {
            List<String> hosts = headers.getAll(HeaderName.HOST);
            if (hosts.size() > 1 || (hosts.size() == 1 && !HostSyntax.isValid(hosts.get(0)))) {
                throw malformed(hosts.size() > 1 ? "more than one host field" : "invalid host");
            }
        }
        try {
            return new RequestHead(method, target, headers, Version.HTTP_2);
        } catch (IllegalArgumentException e) {
            throw malformed("invalid :path");
        }
    }

    private static Http2Error malformed(String reason) {
        return Http2Error.connection(PROTOCOL_ERROR, "malformed request: " + reason); // re-scoped by the caller
    }

    /**
     * On the reading thread: runs the handler of {@code s} on its own virtual thread as a
     * task (child of the connection's task, so cancelled with it; cancelled alone when the peer resets
     * the stream), counted in {@link #handlersRunning} until it returns.
     */
    private void startHandler(H2Stream s, RequestHead head, int earlyStatus) {
        assert lock.isHeldByCurrentThread();
        int max = config.maxConcurrentStreams();
        if (handlersRunning < max) {
            launch(s, head, earlyStatus);
            return;
        }
        // Handlers count until they return, not until their stream closes: past the limit (reachable
        // only by resetting streams whose handlers are still running, the shape of CVE-2023-39325) a
        // request waits for a handler to finish instead of adding one. Requests whose stream is reset
        // while they wait never run; they are dropped here, so the queue holds at most about twice the
        // stream limit (the live ones are open streams, and those are limited). The reset budget bounds
        // how fast a peer can make handlers ignore their streams.
        if (waiting.size() >= max) {
            waiting.removeIf(w -> !alive(w.s()));
        }
        waiting.add(new Waiting(s, head, earlyStatus));
    }

    /** Whether {@code s} is still open and unfailed (worth starting a handler for). */
    private boolean alive(H2Stream s) {
        return conn.isLive(s);
    }

    /** A request accepted while {@link #handlersRunning} was at the limit. */
    private record Waiting(H2Stream s, RequestHead head, int earlyStatus) {
    }

    private void launch(H2Stream s, RequestHead head, int earlyStatus) {
        assert lock.isHeldByCurrentThread();
        HandlerTask task = handlers.child();
        s.handler = task;
        handlersRunning++;
        STREAM_THREADS.newThread(() -> {
            try {
                task.run(() -> {
                    if (earlyStatus != 0) {
                        respondAndFinish(s, null, HttpResponse.of(earlyStatus, HeaderMap.empty()));
                    } else {
                        handle(s, head);
                    }
                });
            } finally {
                handlerFinished();
            }
        }).start();
    }

    /** A handler returned: its slot goes to the next waiting request whose stream is still alive. */
    private void handlerFinished() {
        lock.lock();
        try {
            handlersRunning--;
            while (handlersRunning < config.maxConcurrentStreams() && !waiting.isEmpty()) {
                Waiting w = waiting.poll();
                if (alive(w.s())) {
                    launch(w.s(), w.head(), w.earlyStatus());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Handlers running now, including those of streams already reset (tests, the stream limit). */
    public int handlersRunning() {
        lock.lock();
        try {
            return handlersRunning;
        } finally {
            lock.unlock();
        }
    }

    /** The slow-peer timeouts; see {@link Http2Connection#expireStalled}. Called by the server's sweeper. */
    public void expireStalled(long now, java.time.Duration bodyRead, java.time.Duration write) {
        conn.expireStalled(now, bodyRead.toNanos(), write.toNanos());
    }

    private boolean peerFault(H2Stream s) {
        lock.lock();
        try {
            return s.peerFault;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ handler thread

    private void handle(H2Stream s, RequestHead head) {
        H2Body body = new H2Body(conn, s);
        HttpResponse response;
        HttpExchangeEvent event = HttpExchangeEvent.start();
        try {
            response = handler.handle(HttpRequest.of(head, body, stream.remoteAddr()));
            if (response == null) {
                throw new IllegalStateException("handler returned null");
            }
        } catch (Exception | Error e) {
            if (peerFault(s)) {
                // the client reset the stream, closed the connection or stalled its body: its fault, and
                // nobody is left to read an answer; only a debug record
                LOG.log(System.Logger.Level.DEBUG, () -> "HTTP/2 stream " + s.id + " broken off by the client "
                        + stream.remoteAddr() + ": " + e, e);
                body.close();
                return;
            }
            // nothing of the exception reaches the peer; an Error too ends this stream, not the connection
            int status = e instanceof BodyError && e.getMessage() != null && e.getMessage().contains("exceeds limit")
                    ? 413 : 500;
            if (status == 500) {
                HandlerFailures.log(head, stream.remoteAddr(), status, e);
            }
            response = HttpResponse.of(status, HeaderMap.empty());
        }
        try {
            respondAndFinish(s, head, response); // the response body may still stream the request body
        } finally {
            body.close();
            event.finish(head, response, stream.remoteAddr());
        }
    }

    private void respondAndFinish(H2Stream s, RequestHead request, HttpResponse response) {
        try {
            writeResponse(s, request, response);
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                if (conn.isLive(s)) {
                    conn.resetStream(s.id, Http2ErrorCode.INTERNAL_ERROR, "response failed");
                }
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
                if (s.remoteOpen() && s.outboundError == null && !s.localOpen()) {
                    // §8.1: the response is complete; the client need not send the rest of its request
                    conn.resetStream(s.id, Http2ErrorCode.NO_ERROR, null);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeResponse(H2Stream s, RequestHead request, HttpResponse response) throws IOException {
        BodyStream body = response.body();
        try {
            int code = response.status().code();
            if (code < 200) {
                code = 500; // a handler's answer is final; interim responses are not supported here
            }
            boolean noBody = code == 204 || code == 304 || (request != null && request.method().equals(Method.HEAD));
            OptionalLong length = body.length();
            HeaderMap fields = response.headers();
            if (noBody) {
                long cl = -1;
                if (code != 204 && code != 304) {
                    cl = length.isPresent() && length.getAsLong() > 0 ? length.getAsLong() : -1;
                    if (cl < 0) {
                        cl = FieldBlock.contentLength(fields);
                    }
                }
                conn.out.writeHeaders(s, true, head(code, fields, cl));
                return;
            }
            if (length.isPresent() && length.getAsLong() <= SMALL_BODY) {
                byte[] data = collect(body, (int) length.getAsLong());
                HeaderMap trailers = body.trailers();
                if (data.length == 0 && trailers.isEmpty()) {
                    conn.out.writeHeaders(s, true, head(code, fields, 0));
                    return;
                }
                conn.out.writeHeadersAndData(s, head(code, fields, data.length), data, trailers.isEmpty());
                if (!trailers.isEmpty()) {
                    conn.out.writeTrailers(s, trailers);
                }
                return;
            }
            long known = length.isPresent() ? length.getAsLong() : -1;
            conn.out.writeHeaders(s, false, head(code, fields, known));
            conn.out.writeBody(s, body, known);
        } finally {
            body.close();
        }
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

    /** The response field block: {@code :status}, the handler's fields (HTTP/2-legal ones), length, date. */
    private static Http2Outbound.FieldWriter head(int code, HeaderMap fields, long contentLength) {
        return (enc, b) -> {
            enc.field(":status", Http2Fields.status(code), false, b);
            boolean date = false;
            for (int i = 0, n = fields.size(); i < n; i++) {
                HeaderName name = fields.nameAt(i);
                if (name.equals(HeaderName.CONTENT_LENGTH) || Http2Fields.isConnectionSpecific(name)) {
                    continue;
                }
                date |= name.equals(HeaderName.DATE);
                enc.field(name, fields.valueAt(i), b);
            }
            if (contentLength >= 0) {
                enc.field("content-length", Long.toString(contentLength), false, b);
            }
            if (!date) {
                enc.field("date", DateCache.value(), false, b);
            }
        };
    }
}
