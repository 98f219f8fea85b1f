package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HttpConnection;
import sifr.http.HttpError;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.GoawayError;
import sifr.http.RefusedStreamError;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.Status;
import sifr.http.Version;
import sifr.http.internal.PublicErrors;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.net.ByteStream;
import sifr.net.TcpStream;
import sifr.net.internal.NanoClock;

/**
 * The client side of one HTTP/2 connection: {@link #send} may be called from many threads at once,
 * each exchange on its own stream (multiplexed). A reader virtual thread dispatches frames; request
 * bodies are written by the caller (small ones in the same burst as the head) or, when large or of
 * unknown length, by a virtual thread of their own so that a server answering before it has read the
 * whole request cannot deadlock the exchange. Requests the server did not process (REFUSED_STREAM,
 * or above a GOAWAY's last stream) fail with {@link RefusedStreamError} or {@link GoawayError}, which
 * say they can be retried. Server push is refused (SETTINGS_ENABLE_PUSH 0; a PUSH_PROMISE is a connection error).
 */
public final class Http2ClientConnection implements HttpConnection {
    private static final int SMALL_BODY = 16 * 1024;

    private final Http2Connection conn;
    private final Http2Config config;
    /** The {@code :scheme} of every request: {@code http} for h2c, {@code https} over TLS (§8.3.1). */
    private final String scheme;
    private final ReentrantLock lock;

    private Http2ClientConnection(ByteStream stream, Http2Config config, String scheme, NanoClock clock) {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("HTTP/2 scheme must be http or https");
        }
        this.config = config;
        this.scheme = scheme;
        this.conn = new Http2Connection(stream, config, new ClientRole(), clock);
        this.lock = conn.lock;
    }

    /** An h2c connection ({@code :scheme http}); see {@link #start(ByteStream, Http2Config, String)}. */
    public static Http2ClientConnection start(ByteStream stream, Http2Config config) throws IOException {
        return start(stream, config, "http");
    }

    /**
     * Sends the preface and our SETTINGS and starts the connection's reader and writer;
     * {@code scheme} ({@code http} or {@code https}) is the transport's, sent as every request's
     * {@code :scheme}.
     */
    public static Http2ClientConnection start(ByteStream stream, Http2Config config, String scheme)
            throws IOException {
        return start(stream, config, scheme, stream instanceof TcpStream);
    }

    /**
     * {@link #start(ByteStream, Http2Config, String)}; {@code readSlices}: every read of {@code stream}
     * reaches a {@link TcpStream} read on the calling thread (TCP, or TLS directly over it), which
     * honours read slices: then a lone caller may read its own response ({@link ReaderRole}).
     */
    public static Http2ClientConnection start(ByteStream stream, Http2Config config, String scheme, boolean readSlices)
            throws IOException {
        return start(stream, config, scheme, NanoClock.SYSTEM, readSlices);
    }

    /** {@link #start(ByteStream, Http2Config, String)} with the engine's timeouts on {@code clock} (tests). */
    static Http2ClientConnection start(ByteStream stream, Http2Config config, String scheme, NanoClock clock)
            throws IOException {
        return start(stream, config, scheme, clock, stream instanceof TcpStream);
    }

    private static Http2ClientConnection start(ByteStream stream, Http2Config config, String scheme, NanoClock clock,
            boolean readSlices) throws IOException {
        Http2ClientConnection c = new Http2ClientConnection(stream, config, scheme, clock);
        if (readSlices && !Boolean.getBoolean("sifr.http2.readerThreadOnly")) {
            c.conn.in.role.enableCallers();
        }
        c.conn.begin();
        Thread.ofVirtual().name("h2-reader").start(() -> c.conn.in.readLoop(Http2Connection.EMPTY));
        return c;
    }

    @Override
    public HttpResponse send(RequestHead head, BodyStream body) throws IOException {
        try {
            return exchange(head, body);
        } catch (IOException e) {
            throw PublicErrors.of(e); // RefusedStreamError, Http2Error, HpackError stay inside
        }
    }

    private HttpResponse exchange(RequestHead head, BodyStream body) throws IOException {
        OptionalLong length = body.length();
        boolean empty = length.isPresent() && length.getAsLong() == 0;
        byte[] small = null;
        if (!empty && length.isPresent() && length.getAsLong() <= SMALL_BODY) {
            small = body.collectWithLimit(length.getAsLong());
            if (small.length != length.getAsLong()) {
                body.close();
                throw H2Message.lengthMismatch("request");
            }
            empty = small.length == 0 && body.trailers().isEmpty();
        }
        Http2Outbound.FieldWriter fields = requestFields(head, length);
        H2Stream s = open(head, fields, empty, small, small != null && body.trailers().isEmpty(), true);
        try {
            if (small != null) {
                if (!body.trailers().isEmpty()) {
                    H2BodySender.writeTrailers(conn, s, body.trailers());
                }
                body.close();
            } else if (!empty) {
                long known = length.isPresent() ? length.getAsLong() : -1;
                Thread.ofVirtual().name("h2-request-body-", s.id).start(() -> sendBody(s, body, known));
            } else {
                body.close();
            }
            return awaitResponse(s);
        } catch (IOException | RuntimeException e) {
            cancel(s);
            throw e;
        }
    }

    /**
     * Opens a stream and sends its head (and a small body), waiting for a stream slot if needed. A
     * request complete in that one burst is written by the caller itself when the connection's writer
     * thread is idle ({@link Http2Outbound#claimIfIdle}): no hand-off to the writer thread.
     * {@code readsOwn}: the caller waits for the response next, and for a lone stream whose request is
     * complete in this burst may read it itself ({@link ReaderRole}).
     */
    private H2Stream open(RequestHead head, Http2Outbound.FieldWriter fields, boolean endStream, byte[] small, boolean smallEnds,
            boolean readsOwn) throws IOException {
        H2Stream s;
        GrowableBytes mine = null;
        lock.lock();
        try {
            while (true) {
                IOException refused = conn.refusesLocalStreams();
                if (refused != null) {
                    throw refused;
                }
                // §6.5.2 recommends servers allow at least 100: assume no more until their SETTINGS say
                long limit = conn.peerSettingsReceived ? conn.settings.remote().maxConcurrentStreams() : 100;
                if (conn.streams.size() < limit) {
                    break;
                }
                Http2Waits.awaitWithinDeadline(conn.sendable, "HTTP/2 stream slot"); // §5.1.2: below the server's limit
            }
            int id = conn.streams.ids.nextLocal();
            if (id < 0) {
                throw new RefusedStreamError("the connection has used all its stream ids");
            }
            s = conn.newStream(id);
            s.headRequest = head.method().equals(Method.HEAD);
            conn.track(s);
            boolean withData = small != null && small.length > 0;
            // only a request that ends in this burst: the caller must never wait for window while it holds the socket
            boolean whole = withData ? smallEnds && conn.out.fitsNow(s, small.length) : endStream;
            // and only a lone stream: with others in flight, their callers' frames are better batched
            // by the writer thread into one write than written one syscall per request (64 callers on
            // one connection lost half their rate when every caller that found the writer idle wrote)
            boolean lone = whole && conn.streamCount() == 1;
            boolean claimed = lone && conn.out.claimIfIdle();
            conn.in.role.streamOpened(readsOwn && lone && conn.in.role.callersMayRead());
            boolean appended = false;
            try {
                if (withData) {
                    conn.out.writeHeadersAndData(s, fields, small, smallEnds);
                } else {
                    conn.out.writeHeadersLocked(s, endStream, fields);
                }
                appended = true;
            } finally {
                if (claimed && appended) {
                    mine = conn.out.takeClaimed();
                } else if (claimed) {
                    conn.out.releaseClaim();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an HTTP/2 stream");
        } finally {
            lock.unlock();
        }
        if (mine != null) {
            conn.out.writeClaimed(mine);
        }
        return s;
    }

    private void sendBody(H2Stream s, BodyStream body, long known) {
        try (body) {
            H2BodySender.writeBody(conn, s, body, known);
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                if (conn.isLive(s)) {
                    // the body failed: the server must not take the truncated request as complete
                    conn.resetStream(s.id, Http2ErrorCode.CANCEL, "request body failed: " + e.getMessage());
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private HttpResponse awaitResponse(H2Stream s) throws IOException {
        lock.lock();
        try {
            if (s.responseHead == null && s.inboundError == null && conn.in.role.takeIfOffered(s)) {
                lock.unlock(); // the reader thread left the socket: this caller reads its own response
                try {
                    conn.in.role.readFor(s);
                } finally {
                    lock.lock();
                }
            }
            while (s.responseHead == null && s.inboundError == null) {
                Http2Waits.awaitWithinDeadline(s.changed, "HTTP/2 response");
            }
            if (s.responseHead == null) {
                IOException e = s.inboundError;
                throw e instanceof RefusedStreamError || e instanceof GoawayError ? (HttpError) e : new HttpError(e.getMessage(), e);
            }
            return HttpResponse.of(s.responseHead, new H2Body(conn, s));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an HTTP/2 response");
        } finally {
            lock.unlock();
        }
    }

    private void cancel(H2Stream s) {
        lock.lock();
        try {
            if (conn.streams.isTracked(s) && s.life.state() != StreamState.IDLE) {
                conn.resetStream(s.id, Http2ErrorCode.CANCEL, "request abandoned");
            }
        } finally {
            lock.unlock();
        }
    }

    /** The request field block (§8.3.1): pseudo-fields, then the fields HTTP/2 carries. */
    private Http2Outbound.FieldWriter requestFields(RequestHead head, OptionalLong length) {
        HeaderMap headers = head.headers();
        String method = head.method().toString();
        boolean connect = method.equals("CONNECT");
        String authority = headers.get(HeaderName.HOST).orElse(null);
        Method m = head.method();
        boolean bodyExpected = m.equals(Method.POST) || m.equals(Method.PUT) || m.equals(Method.PATCH);
        long contentLength = length.isPresent() && (length.getAsLong() > 0 || bodyExpected) ? length.getAsLong() : -1;
        return (enc, b) -> {
            enc.field(":method", method, false, b);
            if (!connect) {
                enc.field(":scheme", scheme, false, b);
            }
            if (authority != null) {
                enc.field(":authority", authority, false, b);
            }
            if (!connect) {
                enc.field(":path", head.path(), false, b);
            }
            for (int i = 0, n = headers.size(); i < n; i++) {
                HeaderName name = headers.nameAt(i);
                if (name.equals(HeaderName.HOST) || name.equals(HeaderName.CONTENT_LENGTH)
                        || Http2Fields.isConnectionSpecific(name)
                        || (name.equals(HeaderName.TE) && !headers.valueAt(i).value().equals("trailers"))) {
                    continue;
                }
                enc.field(name, headers.valueAt(i), b);
            }
            if (contentLength >= 0) {
                enc.field("content-length", Long.toString(contentLength), false, b);
            }
        };
    }

    // ------------------------------------------------------------------ responses (reader thread, under lock)

    /** The client's side of the connection: responses on our streams, no peer-opened streams. */
    private final class ClientRole implements Http2Role {
        @Override
        public Http2Reader.Role side() {
            return Http2Reader.Role.CLIENT;
        }

        @Override
        public String inboundName() {
            return "response";
        }

        @Override
        public String outboundName() {
            return "request";
        }

        @Override
        public void peerStream(int id, boolean endStream, FieldBlock f) throws Http2Error {
            throw Http2Error.connection(PROTOCOL_ERROR, "the server opened stream " + id + " with HEADERS");
        }

        @Override
        public void streamHeaders(H2Stream s, boolean endStream, FieldBlock f) throws Http2Error {
            if (s.finalHeadSeen) {
                H2Message.trailers(s, endStream, f);
                return;
            }
            if (f.malformed != null) {
                throw Http2Error.stream(s.id, PROTOCOL_ERROR, "malformed response: " + f.malformed);
            }
            if (f.tooLarge) {
                throw Http2Error.stream(s.id, PROTOCOL_ERROR, "response header section is too large");
            }
            int code = Http2Fields.parseStatus(f.status);
            if (code < 0 || f.method != null || f.scheme != null || f.path != null || f.authority != null
                    || f.protocol != null) {
                throw Http2Error.stream(s.id, PROTOCOL_ERROR, "malformed response: missing or invalid :status");
            }
            if (code < 200) {
                if (code == 101 || endStream) {
                    throw Http2Error.stream(s.id, PROTOCOL_ERROR, "malformed response: interim " + code);
                }
                return; // interim (100, 103): the final response follows (§8.1)
            }
            HeaderMap headers = f.headers.build();
            long length = H2Message.declaredLength(s.id, headers, "malformed response: ");
            s.noContent = s.headRequest || code == 204 || code == 304;
            if (H2Message.head(s, length, endStream, config.maxBodyBytes())) {
                H2Message.failOverLimit(conn, s);
            }
            s.finalHeadSeen = true;
            s.responseHead = new ResponseHead(Status.of(code), headers, Version.HTTP_2);
        }

        @Override
        public boolean acceptsData(H2Stream s) {
            return s.finalHeadSeen;
        }

        @Override
        public void bodyLimitExceeded(H2Stream s) {
            if (s.remoteOpen()) {
                IOException why = s.inboundError;
                conn.resetStream(s.id, Http2ErrorCode.CANCEL, "response body exceeds the limit");
                s.inboundError = why;
            }
        }

        /** A REFUSED_STREAM before any response: the server did not process the request (retryable). */
        @Override
        public IOException resetByPeer(H2Stream s, long errorCode, HttpError plain) {
            return errorCode == Http2ErrorCode.REFUSED_STREAM.code() && s.responseHead == null
                    ? new RefusedStreamError("RST_STREAM REFUSED_STREAM") : plain;
        }

        /** A response body closed before its end: the rest is not wanted (RST_STREAM CANCEL). */
        @Override
        public void bodyClosed(H2Stream s) {
            if (s.remoteOpen() && s.inboundError == null) {
                conn.resetStream(s.id, Http2ErrorCode.CANCEL, "response body closed before its end");
            }
        }
    }

    // ------------------------------------------------------------------ RFC 8441 extended CONNECT

    /** What an extended CONNECT got: the response head, and the tunnel when it was a 2xx (else null). */
    public record Tunnel(ResponseHead head, ByteStream stream) {
    }

    /**
     * Whether the server announced SETTINGS_ENABLE_CONNECT_PROTOCOL=1 (RFC 8441 §3), waiting for its
     * first SETTINGS if they have not arrived (bounded by the calling task's deadline).
     *
     * @throws HttpError if the connection ends first
     */
    public boolean peerAllowsExtendedConnect() throws IOException {
        lock.lock();
        try {
            while (!conn.peerSettingsReceived) {
                IOException failure = conn.failure();
                if (failure != null) {
                    throw new HttpError("HTTP/2 connection ended before the server's SETTINGS: "
                            + failure.getMessage(), failure);
                }
                Http2Waits.awaitWithinDeadline(conn.sendable, "HTTP/2 SETTINGS");
            }
            return conn.settings.remote().enableConnectProtocol();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the server's HTTP/2 SETTINGS");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends an extended CONNECT (RFC 8441 §4): {@code :method CONNECT}, {@code :protocol protocol}, this
     * connection's {@code :scheme}, {@code head}'s path as {@code :path} and its {@code host} as
     * {@code :authority}, then {@code head}'s other fields; waits for the final response. A 2xx makes the
     * stream a tunnel ({@link H2Tunnel}); its {@code close} also runs {@code afterClose}. Any other status
     * resets the stream (CANCEL) and comes back without a tunnel. Call {@link #peerAllowsExtendedConnect}
     * first: a server that did not announce it resets the stream (PROTOCOL_ERROR).
     *
     * @throws HttpError the stream was reset or the connection ended before a response
     */
    public Tunnel openTunnel(RequestHead head, String protocol, Runnable afterClose) throws IOException {
        HeaderMap headers = head.headers();
        String authority = headers.get(HeaderName.HOST).orElseThrow(
                () -> new IllegalArgumentException("an extended CONNECT needs a host (its :authority)"));
        Http2Outbound.FieldWriter fields = (enc, b) -> {
            enc.field(":method", "CONNECT", false, b);
            enc.field(":protocol", protocol, false, b);
            enc.field(":scheme", scheme, false, b);
            enc.field(":authority", authority, false, b);
            enc.field(":path", head.path(), false, b);
            for (int i = 0, n = headers.size(); i < n; i++) {
                HeaderName name = headers.nameAt(i);
                if (!name.equals(HeaderName.HOST) && !name.equals(HeaderName.CONTENT_LENGTH)
                        && !Http2Fields.isConnectionSpecific(name)) {
                    enc.field(name, headers.valueAt(i), b);
                }
            }
        };
        H2Stream s = open(RequestHead.of(Method.CONNECT, head.path(), headers), fields, false, null, false, false);
        try {
            lock.lock();
            try {
                s.tunnel = true; // its DATA is the protocol's: no body limit
                while (s.responseHead == null && s.inboundError == null) {
                    Http2Waits.awaitWithinDeadline(s.changed, "HTTP/2 extended CONNECT response");
                }
                if (s.responseHead == null) {
                    throw new HttpError(s.inboundError.getMessage(), s.inboundError);
                }
            } finally {
                lock.unlock();
            }
            int code = s.responseHead.status().code();
            if (code >= 200 && code < 300) {
                return new Tunnel(s.responseHead, new H2Tunnel(conn, s, afterClose));
            }
            cancel(s);
            return new Tunnel(s.responseHead, null);
        } catch (InterruptedException e) {
            cancel(s);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an HTTP/2 extended CONNECT response");
        } catch (IOException | RuntimeException e) {
            cancel(s);
            throw e;
        }
    }

    /** Who reads this connection's socket (tests). */
    ReaderRole readerRole() {
        return conn.in.role;
    }

    // ------------------------------------------------------------------ HttpConnection

    @Override
    public Version version() {
        return Version.HTTP_2;
    }

    @Override
    public boolean isOpen() {
        return conn.isOpen();
    }

    /**
     * Streams this connection may have open at once: the server's SETTINGS_MAX_CONCURRENT_STREAMS
     * (§6.5.2), 100 until its SETTINGS arrive (the value §6.5.2 recommends as a minimum). A pool opens
     * another connection rather than queue past it.
     */
    public int streamLimit() {
        lock.lock();
        try {
            return conn.peerSettingsReceived ? (int) Math.min(Integer.MAX_VALUE, conn.settings.remote().maxConcurrentStreams())
                    : 100;
        } finally {
            lock.unlock();
        }
    }

    /** False once no new stream can start: closed, failed, or a GOAWAY was sent or received. */
    public boolean acceptsNewStreams() {
        lock.lock();
        try {
            return conn.refusesLocalStreams() == null && conn.streams.ids.nextLocalAvailable();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connection: GOAWAY NO_ERROR, then the socket once what is queued is written. Exchanges
     * still in flight fail.
     */
    @Override
    public void close() throws IOException {
        conn.close();
    }

    /**
     * Sends a PING and waits for its acknowledgement (§6.7).
     *
     * @throws HttpError if the connection ends first
     */
    public void ping() throws IOException {
        conn.ping();
    }

    /**
     * Announces a new SETTINGS_INITIAL_WINDOW_SIZE for the responses we receive (§6.9.2).
     *
     * @throws HttpError if the connection has ended or too many SETTINGS await acknowledgement
     */
    public void changeInitialWindowSize(int size) throws IOException {
        conn.changeInitialWindowSize(size);
    }
}
