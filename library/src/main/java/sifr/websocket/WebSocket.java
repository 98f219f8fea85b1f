package sifr.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import sifr.http.HeaderMap;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.Method;
import sifr.http.internal.ExtendedConnect;
import sifr.http.internal.ProtocolUpgrade;
import sifr.http.internal.client.ProxyTunnel;
import sifr.http.internal.h1.H1ParseError;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.SocketAddr;
import sifr.task.Task;
import sifr.tls.Tls;
import sifr.tls.TlsClientConfig;
import sifr.tls.TlsStream;
import sifr.url.Url;
import sifr.websocket.internal.DeflateParams;
import sifr.websocket.internal.HandshakeIo;
import sifr.websocket.internal.WsHandshake;
import sifr.websocket.internal.WsOverHttp2;
import sifr.websocket.internal.WsSession;

/**
 * A WebSocket connection (RFC 6455), client or server, over any {@link ByteStream} (TCP or TLS) or an
 * HTTP/2 stream (RFC 8441), with optional permessage-deflate (RFC 7692).
 *
 * <pre>{@code
 * try (WebSocket ws = WebSocket.connect("ws://127.0.0.1:8080/chat")) {
 *     ws.sendText("hello");
 *     WebSocketMessage reply = ws.receive();   // whole messages; CLOSE once the connection ended
 * }
 * }</pre>
 *
 * <p>Threads: {@code send*}, {@link #ping}, {@link #close} may be called from any thread; messages
 * keep the order in which their sends returned. {@link #receive} is meant for one consumer thread. Each
 * connection runs a reader virtual thread of its own (a writer thread only while frames wait for one);
 * Pings are answered by the reader even while nobody receives, until
 * {@link WebSocketOptions#maxQueuedMessages()} messages wait. A server connection served by a
 * {@link WebSocketListener} has no thread at all while idle.
 *
 * <p>Blocking calls (connect, send on a full queue, receive, close) obey the calling task's deadline
 * and cancellation ({@code sifr.task}): past the deadline they fail with
 * {@link sifr.task.TimeoutError} ({@code WebSocket receive timed out}, ...).
 */
public final class WebSocket implements AutoCloseable {
    private final WsSession session;
    private final ByteStream stream;
    private final Optional<String> subprotocol;
    private final boolean compressed;
    private volatile boolean listening; // served by a WebSocketListener: no receive()

    private WebSocket(ByteStream stream, WsSession session, Optional<String> subprotocol, boolean compressed) {
        this.stream = stream;
        this.session = session;
        this.subprotocol = subprotocol;
        this.compressed = compressed;
    }

    // ------------------------------------------------------------------ opening

    /** {@link #connect(String, WebSocketOptions)} with the defaults. */
    public static WebSocket connect(String url) throws IOException {
        return connect(url, WebSocketOptions.defaults());
    }

    /**
     * Opens a client connection to a {@code ws://} or {@code wss://} URL: TCP, TLS for {@code wss}
     * ({@link WebSocketOptions#tls()}, with the ALPN list {@link WebSocketOptions#http2()} asks for), then
     * the opening handshake, all within {@link WebSocketOptions#handshakeTimeout()}: over HTTP/2 by
     * extended CONNECT (RFC 8441) when the server selected ALPN {@code h2} and announced
     * SETTINGS_ENABLE_CONNECT_PROTOCOL, else over HTTP/1.1 (see {@link WebSocketHttp2} for the fallbacks).
     * Over HTTP/2 the connection is the WebSocket's own; closing the WebSocket closes it. With
     * {@link WebSocketOptions#proxy()} all of it runs through the proxy's CONNECT tunnel.
     *
     * @throws sifr.url.UrlError an invalid URL
     * @throws IllegalArgumentException a scheme other than {@code ws} or {@code wss}
     * @throws WebSocketError {@code WebSocket handshake failed: ...} (the server refused or answered wrongly);
     *     with {@link WebSocketHttp2#REQUIRED}, {@code WebSocket over HTTP/2 refused: ...} when the server
     *     did not select {@code h2} or does not announce extended CONNECT
     * @throws sifr.http.ProxyError the proxy refused the tunnel ({@link sifr.http.ProxyAuthError} for 407)
     * @throws IOException connecting or TLS failed ({@code NetError}, {@code TlsError}, {@code TimeoutError})
     */
    public static WebSocket connect(String url, WebSocketOptions options) throws IOException {
        Url u = Url.parse(url);
        boolean secure = switch (u.scheme()) {
            case "ws" -> false;
            case "wss" -> true;
            default -> throw new IllegalArgumentException("WebSocket URL scheme must be ws or wss: " + u.scheme());
        };
        int port = u.port().orElse(secure ? 443 : 80);
        String host = u.host();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return Task.timeout(options.handshakeTimeout(), () -> {
                WebSocketHttp2 mode = options.http2();
                WebSocket ws = connectOnce(u, bareHost, port, secure, mode, options);
                if (ws == null) { // h2 without extended CONNECT: a new connection, HTTP/1.1 alone
                    ws = connectOnce(u, bareHost, port, secure, WebSocketHttp2.OFF, options);
                }
                return ws;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new WebSocketError("WebSocket connect failed: " + e.getMessage(), e);
        }
    }

    /** One connection and handshake; null when HTTP/2 was chosen but the server lacks extended CONNECT. */
    private static WebSocket connectOnce(Url u, String bareHost, int port, boolean secure, WebSocketHttp2 mode,
                                         WebSocketOptions options) throws IOException {
        ByteStream s = options.proxy().isPresent()
                ? ProxyTunnel.open(options.proxy().get(), bareHost, port, null) // the handshake timeout bounds it
                : Net.connectTcp(bareHost, port);
        try {
            boolean h2 = !secure && mode == WebSocketHttp2.REQUIRED; // ws: prior knowledge, only when required
            if (secure) {
                List<String> alpn = switch (mode) {
                    case OFF -> List.of("http/1.1");
                    case PREFERRED -> List.of("h2", "http/1.1");
                    case REQUIRED -> List.of("h2");
                };
                TlsClientConfig tls = options.tls().isPresent()
                        ? options.tls().get().toBuilder().alpnProtocols(alpn).build() : Tls.clientConfigPlatform(alpn);
                TlsStream t = tls.connect(bareHost, s);
                s = t;
                h2 = t.alpnProtocol().filter("h2"::equals).isPresent();
                if (!h2 && mode == WebSocketHttp2.REQUIRED) {
                    throw new WebSocketError("WebSocket over HTTP/2 refused: the server did not select ALPN h2");
                }
            }
            if (!h2) {
                return handshakeAsClient(s, u, options);
            }
            return handshakeOverHttp2(s, u, secure, options); // REQUIRED: fails there rather than return null
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** RFC 8441 on {@code s}; null when the server lacks extended CONNECT (the stream is then closed). */
    private static WebSocket handshakeOverHttp2(ByteStream s, Url u, boolean secure, WebSocketOptions options)
            throws IOException {
        Optional<String> offer = options.permessageDeflate()
                ? Optional.of(DeflateParams.offer(options.deflateNoContextTakeover())) : Optional.empty();
        Optional<WsOverHttp2.Opened> opened = WsOverHttp2.connect(s, secure ? "https" : "http", hostPort(u),
                target(u), options.subprotocols(), offer, options.headers());
        if (opened.isEmpty()) {
            if (options.http2() == WebSocketHttp2.REQUIRED) {
                throw new WebSocketError("WebSocket over HTTP/2 refused: the server's SETTINGS lack "
                        + "ENABLE_CONNECT_PROTOCOL (RFC 8441)");
            }
            return null;
        }
        WsHandshake.Accepted accepted = opened.get().accepted();
        return open(opened.get().stream(), true, options, accepted.deflate().orElse(null), new byte[0],
                accepted.subprotocol());
    }

    private static String target(Url u) {
        return u.path() + u.query().map(q -> "?" + q).orElse("");
    }

    private static String hostPort(Url u) {
        return u.port().isPresent() ? u.host() + ":" + u.port().getAsInt() : u.host();
    }

    /**
     * Runs the client's opening handshake for {@code url} over an open stream (for example a TLS stream
     * made by the caller, or a tunnel) and returns the connection on it: HTTP/1.1's, unless
     * {@link WebSocketOptions#http2()} is {@link WebSocketHttp2#REQUIRED}, which speaks HTTP/2 on the
     * stream (the caller negotiated ALPN {@code h2} or knows the peer speaks h2c; {@code :scheme} is
     * {@code https} for {@code wss}, {@code http} for {@code ws}) and runs the WebSocket on an extended
     * CONNECT stream (RFC 8441); the HTTP/2 connection is closed with the WebSocket. {@code PREFERRED}
     * cannot be discovered on a given stream and means HTTP/1.1 here.
     *
     * @throws WebSocketError {@code WebSocket handshake failed: ...}; with {@code REQUIRED}, {@code WebSocket
     *     over HTTP/2 refused: ...} when the server's SETTINGS lack ENABLE_CONNECT_PROTOCOL
     */
    public static WebSocket connect(ByteStream stream, String url, WebSocketOptions options) throws IOException {
        Url u = Url.parse(url);
        if (!u.scheme().equals("ws") && !u.scheme().equals("wss")) {
            throw new IllegalArgumentException("WebSocket URL scheme must be ws or wss: " + u.scheme());
        }
        try {
            return Task.timeout(options.handshakeTimeout(), () -> options.http2() == WebSocketHttp2.REQUIRED
                    ? handshakeOverHttp2(stream, u, u.scheme().equals("wss"), options)
                    : handshakeAsClient(stream, u, options));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new WebSocketError("WebSocket connect failed: " + e.getMessage(), e);
        }
    }

    private static WebSocket handshakeAsClient(ByteStream stream, Url u, WebSocketOptions options) throws IOException {
        String key = WsHandshake.newKey(new SecureRandom());
        String target = target(u);
        String hostPort = hostPort(u);
        Optional<String> offer = options.permessageDeflate()
                ? Optional.of(DeflateParams.offer(options.deflateNoContextTakeover())) : Optional.empty();
        HeaderMap fields = WsHandshake.requestHeaders(hostPort, key, options.subprotocols(), offer, options.headers());
        stream.writeAll(HandshakeIo.request(target, fields));
        stream.flush();
        HandshakeIo.Read<ResponseHead> read = HandshakeIo.readResponse(stream, options.maxHandshakeBytes());
        WsHandshake.Accepted accepted;
        try {
            accepted = WsHandshake.checkResponse(read.head(), key, options.subprotocols(), options.permessageDeflate());
        } catch (IllegalArgumentException e) {
            throw new WebSocketError("WebSocket handshake failed: " + e.getMessage());
        }
        return open(stream, true, options, accepted.deflate().orElse(null), read.leftover(), accepted.subprotocol());
    }

    /**
     * Serves the opening handshake on a freshly accepted stream: reads the upgrade request (at most
     * {@link WebSocketOptions#maxHandshakeBytes()}, within {@link WebSocketOptions#handshakeTimeout()}),
     * answers 101 and returns the connection. A request that is not an acceptable WebSocket upgrade is
     * answered with an error status and the stream closed: 400 (malformed: not GET, no {@code Connection:
     * upgrade}, a bad key), 403 (the origin check refused it), 426 (no {@code Upgrade: websocket}, or a
     * version other than 13, with the supported one named), 431 (head too large).
     *
     * @throws WebSocketError {@code WebSocket handshake refused: <status> <why>}
     */
    public static WebSocket accept(ByteStream stream, WebSocketOptions options) throws IOException {
        try {
            return Task.timeout(options.handshakeTimeout(), () -> acceptOn(stream, options));
        } catch (IOException | RuntimeException e) {
            closeQuietly(stream);
            throw e;
        } catch (Exception e) {
            closeQuietly(stream);
            throw new WebSocketError("WebSocket accept failed: " + e.getMessage(), e);
        }
    }

    private static WebSocket acceptOn(ByteStream stream, WebSocketOptions options) throws IOException {
        HandshakeIo.Read<RequestHead> read;
        try {
            read = HandshakeIo.readRequest(stream, options.maxHandshakeBytes());
        } catch (H1ParseError e) {
            throw WsRefusals.refuse(stream, options, e.status(), HeaderMap.empty(), e.getMessage());
        }
        Object checked = WsHandshake.checkRequest(read.head());
        if (checked instanceof WsHandshake.Refusal r) {
            throw WsRefusals.refuse(stream, options, r.status(), r.headers(), r.reason());
        }
        WsHandshake.Upgrade up = (WsHandshake.Upgrade) checked;
        if (!options.originAllowed().test(up.origin())) {
            throw WsRefusals.refuse(stream, options, 403, HeaderMap.empty(), "origin not allowed");
        }
        Optional<String> subprotocol = WsHandshake.chooseSubprotocol(options.subprotocols(), up.subprotocols());
        Optional<DeflateParams.Accepted> deflate = options.permessageDeflate()
                ? DeflateParams.accept(up.extensions(), options.deflateNoContextTakeover()) : Optional.empty();
        HeaderMap fields = WsHandshake.acceptHeaders(up.key(), subprotocol, deflate.map(DeflateParams.Accepted::response));
        stream.writeAll(HandshakeIo.response(101, "Switching Protocols", fields));
        stream.flush();
        return open(stream, false, options, deflate.map(DeflateParams.Accepted::params).orElse(null), read.leftover(),
                subprotocol);
    }

    /**
     * Answers an upgrade request received by an {@link sifr.http.HttpServer} handler: returns the
     * {@code 101 Switching Protocols} response, after which the server runs {@code handler} on the
     * connection (HTTP/1.1). A request that is not an acceptable upgrade gets the error response
     * instead, with the statuses of {@link #accept(ByteStream, WebSocketOptions)} (400, 403, 426), counted
     * in the options' counters.
     *
     * <p>Over HTTP/2 the same call answers an RFC 8441 extended CONNECT ({@code :method CONNECT},
     * {@code :protocol websocket}; the server announces it unless
     * {@link sifr.http.HttpServerOptions#serveH2WebSocket()} is off): {@code 200} instead of 101, no key
     * or accept, the same subprotocol, origin and permessage-deflate rules; the handler then runs on
     * that stream while the connection's other streams go on. Its frames travel in DATA frames under
     * HTTP/2 flow control; a clean close ends the stream (END_STREAM both ways), an abnormal one resets it
     * (RST_STREAM CANCEL); the stream counts against the connection's concurrent-stream limit while it
     * lasts. Statuses there: 400 for another version (with {@code sec-websocket-version: 13}) or
     * another {@code :protocol}, 403 for a refused origin.
     *
     * <pre>{@code
     * HttpServer.start("127.0.0.1:8080", request -> WebSocket.upgrade(request, options, ws -> {
     *     for (WebSocketMessage m = ws.receive(); !m.isClose(); m = ws.receive()) {
     *         ws.send(m); // echo
     *     }
     * }));
     * }</pre>
     */
    public static HttpResponse upgrade(HttpRequest request, WebSocketOptions options, WebSocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return upgradeFor(request, options, handler);
    }

    /**
     * {@link #upgrade(HttpRequest, WebSocketOptions, WebSocketHandler)} served by callbacks: the same
     * answers, then {@code listener} gets the connection's messages, and an idle connection holds no thread
     * (see {@link WebSocketListener}) — for servers with many mostly idle connections. {@link #receive}
     * is not available on such a connection.
     *
     * <pre>{@code
     * HttpServer.start("127.0.0.1:8080", request -> WebSocket.upgrade(request, options, new WebSocketListener() {
     *     public void onMessage(WebSocket ws, WebSocketMessage m) throws IOException {
     *         ws.send(m); // echo
     *     }
     * }));
     * }</pre>
     */
    public static HttpResponse upgrade(HttpRequest request, WebSocketOptions options, WebSocketListener listener) {
        Objects.requireNonNull(listener, "listener");
        return upgradeFor(request, options, listener);
    }

    /** {@code serve}: a {@link WebSocketHandler} or a {@link WebSocketListener}. */
    private static HttpResponse upgradeFor(HttpRequest request, WebSocketOptions options, Object serve) {
        if (request.method().equals(Method.CONNECT) && request.body() instanceof ExtendedConnect ec) {
            return upgradeOverHttp2(request, ec.protocol(), options, serve);
        }
        Object checked = WsHandshake.checkRequest(request.head());
        if (checked instanceof WsHandshake.Refusal r) {
            return WsRefusals.response(options, r.status(), r.headers(), r.reason());
        }
        return accept((WsHandshake.Upgrade) checked, false, options, serve);
    }

    /**
     * Whether {@code request} asks for a WebSocket, on either protocol: an HTTP/1.1 request whose
     * {@code Upgrade} lists {@code websocket}, or an HTTP/2 extended CONNECT with {@code :protocol
     * websocket} (RFC 8441). For handlers that serve WebSocket and plain requests on the same paths; it
     * says nothing about validity ({@link #upgrade} checks the rest and refuses with a status).
     */
    public static boolean isUpgradeRequest(HttpRequest request) {
        if (request.body() instanceof ExtendedConnect ec) {
            return request.method().equals(Method.CONNECT) && ec.protocol().equalsIgnoreCase("websocket");
        }
        for (String line : request.headers().getAll("upgrade")) {
            for (String token : line.split(",", -1)) {
                if (token.trim().equalsIgnoreCase("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** RFC 8441 §5: the extended CONNECT's answer; the stream it came on becomes the WebSocket. */
    private static HttpResponse upgradeOverHttp2(HttpRequest request, String protocol, WebSocketOptions options,
                                                 Object serve) {
        if (!protocol.equalsIgnoreCase("websocket")) {
            return WsRefusals.response(options, 400, HeaderMap.empty(), "extended CONNECT for " + protocol + ", not websocket");
        }
        Object checked = WsHandshake.checkExtendedConnect(request.head());
        if (checked instanceof WsHandshake.Refusal r) {
            return WsRefusals.response(options, r.status(), r.headers(), r.reason());
        }
        return accept((WsHandshake.Upgrade) checked, true, options, serve);
    }

    /**
     * The answer to a valid opening handshake on either protocol (the origin check, subprotocol and
     * permessage-deflate negotiation are the same): HTTP/1.1's 101 with Sec-WebSocket-Accept, or
     * RFC 8441's 200 on the extended CONNECT's stream.
     */
    private static HttpResponse accept(WsHandshake.Upgrade up, boolean http2, WebSocketOptions options,
                                       Object serve) {
        if (!options.originAllowed().test(up.origin())) {
            return WsRefusals.response(options, 403, HeaderMap.empty(), "origin not allowed");
        }
        Optional<String> subprotocol = WsHandshake.chooseSubprotocol(options.subprotocols(), up.subprotocols());
        Optional<DeflateParams.Accepted> deflate = options.permessageDeflate()
                ? DeflateParams.accept(up.extensions(), options.deflateNoContextTakeover()) : Optional.empty();
        Optional<String> extensions = deflate.map(DeflateParams.Accepted::response);
        HeaderMap fields = http2 ? WsHandshake.acceptHeadersHttp2(subprotocol, extensions)
                : WsHandshake.acceptHeaders(up.key(), subprotocol, extensions);
        DeflateParams params = deflate.map(DeflateParams.Accepted::params).orElse(null);
        return HttpResponse.of(http2 ? 200 : 101, fields, ProtocolUpgrade.detachable((stream, leftover, detacher) -> {
            WebSocket ws = new WebSocket(stream, session(stream, false, options, params, leftover), subprotocol,
                    params != null);
            if (serve instanceof WebSocketHandler handler) {
                ws.session.start();
                runHandler(ws, handler);
            } else {
                // Detached, the HTTP connection's thread ends now and an idle WebSocket holds no thread;
                // where the transport cannot let go (an HTTP/2 stream), the reader runs on its thread.
                Runnable end = detacher.detach();
                ws.listening = true;
                ws.session.startListening(new ListenerBridge(ws, (WebSocketListener) serve, end), end != null);
            }
        }));
    }

    private static void runHandler(WebSocket ws, WebSocketHandler handler) throws IOException {
        int code = CloseStatus.NORMAL;
        try {
            handler.serve(ws);
        } catch (IOException | RuntimeException e) {
            code = CloseStatus.INTERNAL_ERROR;
            throw e;
        } catch (Exception e) {
            code = CloseStatus.INTERNAL_ERROR;
            throw new WebSocketError("WebSocket handler failed: " + e.getMessage(), e);
        } finally {
            ws.close(code, "");
        }
    }

    private static WebSocket open(ByteStream stream, boolean client, WebSocketOptions o, DeflateParams deflate,
                                  byte[] leftover, Optional<String> subprotocol) {
        WsSession session = session(stream, client, o, deflate, leftover);
        session.start();
        return new WebSocket(stream, session, subprotocol, deflate != null);
    }

    private static WsSession session(ByteStream stream, boolean client, WebSocketOptions o, DeflateParams deflate,
                                     byte[] leftover) {
        WebSocketCounters counters = o.counters();
        WsSession.Config config = new WsSession.Config(client, o.maxFrameSize(), o.maxMessageSize(), o.maxFragments(),
                o.maxQueuedMessages(), o.maxOutgoingQueueBytes(), o.deliverFragments(), o.closeTimeout(), o.idleTimeout(),
                o.pingInterval(), o.writeTimeout());
        return new WsSession(stream, config, deflate, leftover, new WsSession.Counters() {
            @Override
            public void violation(int closeCode) {
                counters.violation(closeCode);
            }

            @Override
            public void closeTimeout() {
                counters.closeTimeout();
            }

            @Override
            public void idleTimeout() {
                counters.idleTimeout();
            }
        });
    }

    private static void closeQuietly(ByteStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a text message. Returns once the frame is written, or queued behind another write; blocks
     * while the socket or the outgoing queue is full (bounded by the write timeout and the caller's deadline).
     *
     * @throws WebSocketError {@code WebSocket is closed} once a Close frame was sent or received
     */
    public void sendText(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        sent(session.send(true, b, 0, b.length, true));
    }

    /** Sends a binary message; like {@link #sendText}. */
    public void sendBinary(byte[] data) throws IOException {
        sent(session.send(false, data, 0, data.length, true));
    }

    /**
     * Sends one fragment of a message (RFC 6455 §5.4): the fragments of one message must all be text or
     * all binary, the last one with {@code last} true; other messages wait until it is sent. A text
     * message's bytes must be UTF-8 as a whole; each fragment may end inside a character.
     *
     * @throws IllegalStateException a fragment of the other kind while a message is in progress
     */
    public void sendFragment(boolean text, byte[] data, boolean last) throws IOException {
        sent(session.send(text, data, 0, data.length, last));
    }

    /** Sends a received message (or fragment) on, without copying it: an echo. */
    public void send(WebSocketMessage message) throws IOException {
        if (message.isClose()) {
            throw new IllegalArgumentException("a CLOSE item is not a message; use close()");
        }
        byte[] a = message.array();
        sent(session.send(message.isText(), a, 0, a.length, message.isLast()));
    }

    /**
     * Sends a Ping; the peer's Pong needs no handling (any frame counts as activity).
     *
     * @throws IllegalArgumentException a payload over 125 bytes
     */
    public void ping(byte[] payload) throws IOException {
        sent(session.ping(payload.clone()));
    }

    private static void sent(boolean queued) throws WebSocketError {
        if (!queued) {
            throw new WebSocketError("WebSocket is closed");
        }
    }

    // ------------------------------------------------------------------ receiving

    /**
     * The next message, blocking until one arrives; with {@link WebSocketOptions#deliverFragments()}
     * the next fragment. Once the connection has ended and every message was taken, a
     * {@link WebSocketMessage.Type#CLOSE} item with the {@link #closeStatus()}, again on every call.
     *
     * @throws IllegalStateException on a connection served by a {@link WebSocketListener}
     */
    public WebSocketMessage receive() throws IOException {
        if (listening) {
            throw new IllegalStateException("WebSocket is served by a listener: its messages go there, not to receive()");
        }
        WsSession.Received r = session.receive();
        if (r == null) {
            return WebSocketMessage.closed(closeStatus().orElseThrow());
        }
        return WebSocketMessage.received(r.text(), r.data(), r.last());
    }

    // ------------------------------------------------------------------ closing

    /** {@link #close(int, String)} with 1000 and no reason. */
    @Override
    public void close() throws IOException {
        close(CloseStatus.NORMAL, "");
    }

    /**
     * Starts the closing handshake (if neither side has) with {@code code} and {@code reason}, after the
     * messages already queued, and waits until the connection has ended: the peer answered and the
     * socket closed, or {@link WebSocketOptions#closeTimeout()} passed. Idempotent.
     *
     * @throws IllegalArgumentException a code that may not be sent (1000-1003, 1007-1014, 3000-4999
     *     may), or a reason over 123 UTF-8 bytes
     */
    public void close(int code, String reason) throws IOException {
        Objects.requireNonNull(reason, "reason");
        session.close(code, reason);
    }

    /** Closes the socket at once, without a closing handshake (status 1006). */
    public void abort() {
        session.abort();
    }

    // ------------------------------------------------------------------ state

    /** Whether the connection is open: no Close frame sent or received, the socket up. */
    public boolean isOpen() {
        return session.isOpen();
    }

    /** How the connection ended; empty while it has not. */
    public Optional<CloseStatus> closeStatus() {
        WsSession.Ended e = session.ended();
        return e == null ? Optional.empty() : Optional.of(new CloseStatus(e.code(), e.reason(), e.remote()));
    }

    /** The subprotocol the server chose ({@code Sec-WebSocket-Protocol}), if any. */
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    /** Whether permessage-deflate was negotiated. */
    public boolean isCompressed() {
        return compressed;
    }

    /** This end's address (of the underlying stream). */
    public SocketAddr localAddr() {
        return stream.localAddr();
    }

    /** The peer's address (of the underlying stream). */
    public SocketAddr remoteAddr() {
        return stream.remoteAddr();
    }
}
