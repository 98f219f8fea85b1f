package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
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
import sifr.http.internal.ExtendedConnect;
import sifr.http.internal.HandlerTask;
import sifr.http.internal.ProtocolUpgrade;
import sifr.http.internal.HostSyntax;
import sifr.http.internal.ServerExchange;
import sifr.net.ByteStream;
import sifr.net.SocketAddr;
import sifr.net.internal.NanoClock;

/**
 * The server side of one HTTP/2 connection: each request stream's handler runs on its own virtual
 * thread; requests are validated per RFC 9113 §8.3 (malformed ones are reset with PROTOCOL_ERROR);
 * streams beyond SETTINGS_MAX_CONCURRENT_STREAMS are refused (REFUSED_STREAM, retryable). Each
 * request's exchange goes through {@link ServerExchange}, as on HTTP/1.1: the same handler call,
 * answers to failures and records; only the framing ({@link Http2ResponseWriter}) is HTTP/2's.
 */
public final class Http2ServerConnection {
    /** One factory for every stream's thread (no builder per stream). */
    private static final ThreadFactory STREAM_THREADS = Thread.ofVirtual().name("h2-stream").factory();

    private final ServerExchange exchange;
    private final ByteStream stream;
    private final Http2Config config;
    private final Http2Connection conn;
    private final ReentrantLock lock;
    /** Handlers started and not yet returned (guarded by {@link #lock}). */
    private int handlersRunning;
    /** Requests accepted beyond the handler limit, in arrival order (guarded by {@link #lock}). */
    private final java.util.ArrayDeque<StreamExchange> waiting = new java.util.ArrayDeque<>();
    /** The parent of every handler's task: a child of the task that serves this connection. */
    private final HandlerTask handlers = HandlerTask.childOfCurrent();

    /** A connection whose handler has no access log (tests, {@code Http2.serve}). */
    public Http2ServerConnection(ByteStream stream, HttpHandler handler, Http2Config config) {
        this(stream, ServerExchange.of(handler), config, NanoClock.SYSTEM);
    }

    /** A connection whose engine timeouts run on {@code clock} (the server's; a manual one in tests). */
    public Http2ServerConnection(ByteStream stream, ServerExchange exchange, Http2Config config, NanoClock clock) {
        this.exchange = exchange;
        this.stream = stream;
        this.config = config;
        this.conn = new Http2Connection(stream, this.config, new ServerRole(), clock);
        this.lock = conn.lock;
    }

    /**
     * Serves HTTP/2 on {@code stream} until the connection ends, then closes it; blocks the calling
     * thread. {@code alreadyRead}: bytes the caller already consumed from the stream (e.g. the client
     * preface sniffed by the HTTP/1.1 server), possibly empty.
     */
    public static void serve(ByteStream stream, HttpHandler handler, Http2Config config, byte[] alreadyRead)
            throws IOException {
        new Http2ServerConnection(stream, handler, config).run(alreadyRead);
    }

    /**
     * Serves a connection upgraded from HTTP/1.1 with {@code Upgrade: h2c} (RFC 7540 §3.2): the caller
     * has sent {@code 101 Switching Protocols}; {@code http2SettingsPayload} is the decoded
     * {@code HTTP2-Settings} field (a SETTINGS payload); {@code upgradedRequest} becomes stream 1,
     * half-closed (remote), and its response goes out on stream 1.
     */
    public static void serveUpgraded(ByteStream stream, HttpHandler handler, Http2Config config,
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
            head = requestHead(f, config.enableConnectProtocol());
        } catch (Http2Error e) {
            throw Http2Error.stream(id, PROTOCOL_ERROR, e.getMessage());
        }
        if (f.protocol != null) {
            // RFC 8441 §4: an extended CONNECT; what arrives on it is the protocol's, not a body
            s.tunnel = true;
            startHandler(s, head, 0, f.protocol);
            return;
        }
        long length = H2Message.declaredLength(id, head.headers(), "");
        if (H2Message.head(s, length, endStream, config.maxBodyBytes())) {
            // refused before a handler runs, as HTTP/1.1 does: its DATA is dropped and credited back
            H2Message.failOverLimit(conn, s);
            startHandler(s, head, 413);
            return;
        }
        startHandler(s, head, 0);
    }

    /**
     * The request head of a field block, or a stream error for a malformed request (§8.3.1). With
     * {@code extendedConnect} (we announced SETTINGS_ENABLE_CONNECT_PROTOCOL) a CONNECT may carry
     * {@code :protocol} and then needs {@code :scheme}, {@code :path} and {@code :authority} like any
     * request (RFC 8441 §4); {@code :protocol} is malformed on any other method, or when not announced.
     */
    static RequestHead requestHead(FieldBlock f, boolean extendedConnect) throws Http2Error {
        if (f.malformed != null) {
            throw malformed(f.malformed);
        }
        if (f.status != null) {
            throw malformed("response pseudo-header in a request");
        }
        if (f.method == null) {
            throw malformed("missing :method");
        }
        if (f.protocol != null && !extendedConnect) {
            throw malformed(":protocol without SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3)");
        }
        boolean extended = f.protocol != null;
        if (extended && (!f.method.equals("CONNECT") || f.protocol.isEmpty())) {
            throw malformed(":protocol on a request other than CONNECT (RFC 8441 §4)");
        }
        if (extended && (f.scheme == null || f.path == null || f.path.isEmpty() || f.authority == null)) {
            throw malformed("extended CONNECT needs :scheme, :path and :authority (RFC 8441 §4)");
        }
        boolean connect = f.method.equals("CONNECT") && !extended;
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
     * On the reading thread: runs the exchange of {@code s} on its own virtual thread as a task (child
     * of the connection's task, so cancelled with it; cancelled alone when the peer resets the stream),
     * counted in {@link #handlersRunning} until it returns. {@code earlyStatus}: not 0 when the request
     * is refused before a handler runs (431, 413), answered with that status.
     */
    private void startHandler(H2Stream s, RequestHead head, int earlyStatus) {
        startHandler(s, head, earlyStatus, null);
    }

    /** {@link #startHandler(H2Stream, RequestHead, int)}; {@code protocol}: an extended CONNECT's, or null. */
    private void startHandler(H2Stream s, RequestHead head, int earlyStatus, String protocol) {
        assert lock.isHeldByCurrentThread();
        StreamExchange x = new StreamExchange(s, head, earlyStatus, protocol);
        int max = config.maxConcurrentStreams();
        if (handlersRunning < max) {
            launch(x);
            return;
        }
        // Handlers count until they return, not until their stream closes: past the limit (reachable
        // only by resetting streams whose handlers are still running, the shape of CVE-2023-39325) a
        // request waits for a handler to finish instead of adding one. Requests whose stream is reset
        // while they wait never run; they are dropped here, so the queue holds at most about twice the
        // stream limit (the live ones are open streams, and those are limited). The reset budget bounds
        // how fast a peer can make handlers ignore their streams.
        if (waiting.size() >= max) {
            waiting.removeIf(w -> !conn.isLive(w.s));
        }
        waiting.add(x);
    }

    private void launch(StreamExchange x) {
        assert lock.isHeldByCurrentThread();
        x.task = handlers.child();
        x.s.handler = x.task;
        handlersRunning++;
        STREAM_THREADS.newThread(x).start();
    }

    /** A handler returned: its slot goes to the next waiting request whose stream is still alive. */
    private void handlerFinished() {
        lock.lock();
        try {
            handlersRunning--;
            while (handlersRunning < config.maxConcurrentStreams() && !waiting.isEmpty()) {
                StreamExchange x = waiting.poll();
                if (conn.isLive(x.s)) {
                    launch(x);
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

    // ------------------------------------------------------------------ stream threads

    /**
     * One request stream's exchange, run on its own thread: the HTTP/2 side of {@link ServerExchange}
     * (the request body is the stream's DATA; the response is framed by {@link Http2ResponseWriter}).
     */
    private final class StreamExchange implements Runnable, ServerExchange.Transport {
        final H2Stream s;
        private final RequestHead head;
        private final int earlyStatus;
        /** The {@code :protocol} of an extended CONNECT (RFC 8441), or null for any other request. */
        private final String protocol;
        HandlerTask task; // set when launched

        StreamExchange(H2Stream s, RequestHead head, int earlyStatus, String protocol) {
            this.s = s;
            this.head = head;
            this.earlyStatus = earlyStatus;
            this.protocol = protocol;
        }

        @Override
        public void run() {
            try {
                task.run(this::serve);
            } finally {
                handlerFinished();
            }
        }

        private void serve() {
            if (earlyStatus != 0) {
                respondAndFinish(s, head == null ? Method.GET : head.method(),
                        HttpResponse.of(earlyStatus, HeaderMap.empty()));
                return;
            }
            if (protocol != null) {
                serveExtendedConnect();
                return;
            }
            H2Body body = new H2Body(conn, s);
            try {
                exchange.serve(head, body, this);
            } catch (IOException e) {
                // respondAndFinish handles write failures itself; nothing else here throws
            } finally {
                body.close();
            }
        }

        private void serveExtendedConnect() {
            try {
                exchange.serve(head, new ExtendedConnect(protocol), this);
            } catch (IOException e) {
                // as above: write failures are handled where they happen
            } finally {
                lock.lock();
                try {
                    conn.dropQueued(s); // DATA of a stream nobody took over (the tunnel is closed by now)
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        public SocketAddr remoteAddr() {
            return stream.remoteAddr();
        }

        /** The client reset the stream, closed the connection or stalled its body. */
        @Override
        public boolean peerBrokeOff() {
            lock.lock();
            try {
                return s.peerFault;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void write(RequestHead request, HttpResponse response) {
            int code = response.status().code();
            if (protocol != null && code >= 200 && code < 300 && response.body() instanceof ProtocolUpgrade up) {
                H2Tunnel.serve(conn, s, response, up);
                return;
            }
            respondAndFinish(s, request.method(), response); // the response body may still stream the request body
        }
    }

    /** Writes the response; a failure resets the stream, and a complete response ends an unfinished request. */
    private void respondAndFinish(H2Stream s, Method requestMethod, HttpResponse response) {
        try {
            Http2ResponseWriter.write(conn, s, requestMethod, response);
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
}
