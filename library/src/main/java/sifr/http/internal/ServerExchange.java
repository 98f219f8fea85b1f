package sifr.http.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import sifr.http.AccessLog;
import sifr.http.AccessLogEntry;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.RequestHead;
import sifr.net.SocketAddr;

/**
 * The one path every server exchange takes, HTTP/1.1 and HTTP/2 alike: call the handler, put the
 * server's own answer in place of a handler that failed (the status chosen by the failure's type),
 * have the protocol write the response, then record the exchange once (JFR {@code sifr.HttpExchange},
 * the access log). The protocols keep only what differs between them: how a request head and body
 * arrive and how a response is framed ({@link Transport}); both frame it by {@link ResponseRules}.
 *
 * <p>What the client gets when the handler does not return a final response:
 * <table>
 * <caption>Handler failure → status</caption>
 * <tr><th>the handler</th><th>answer</th><th>logged on {@code sifr.http.server}</th></tr>
 * <tr><td>threw, and the client had broken the exchange off (closed, reset the stream, stalled its
 *     body)</td><td>none: nobody is left to read it</td><td>DEBUG</td></tr>
 * <tr><td>threw a {@link BodyError} whose {@code isLimitExceeded()}</td><td>413</td><td>DEBUG</td></tr>
 * <tr><td>threw while reading a malformed request body (an {@link AnsweredStatus} in the cause
 *     chain)</td><td>its status (400, 501)</td><td>DEBUG</td></tr>
 * <tr><td>returned null, or a 1xx as its final response</td><td>500</td><td>ERROR</td></tr>
 * <tr><td>threw any other {@code Exception} or an {@code Error}</td><td>500</td><td>ERROR (DEBUG if
 *     cancelled)</td></tr>
 * </table>
 * An {@code Error} is caught too: it ends the exchange, not the connection or the server. Nothing of
 * the failure reaches the client; the answer is empty, with {@code connection: close} (HTTP/1.1 then
 * closes after it; HTTP/2 drops the field and only the stream ends).
 *
 * <p>A 1xx is interim by definition (RFC 9110 §15.2): a handler returning one as its answer would leave
 * the request without a final response, so it is a handler error. The exception is the upgrade seam
 * in {@link #respond}: a {@code 101} whose body is a {@link ProtocolUpgrade}, on a transport that
 * {@linkplain Transport#canUpgrade() can switch} (HTTP/1.1), is written and the connection handed over
 * (WebSocket, RFC 6455). On HTTP/2 the seam is a 2xx: an RFC 8441 extended CONNECT reaches the handler
 * with an {@link ExtendedConnect} body, and a 2xx whose body is a {@link ProtocolUpgrade} takes the
 * stream over (the usual path carries it: a 2xx is final; the HTTP/2 transport's {@code write} sees the
 * upgrade and runs it on the stream).
 *
 * <p>One instance per server (or per connection when the handler is wrapped per connection); immutable
 * and shared by every thread that serves. The usual path allocates nothing beyond the request and the
 * JFR event; an access log costs one entry, one counting body and one response wrapper per exchange.
 */
public final class ServerExchange {
    private static final System.Logger LOG = System.getLogger("sifr.http.server");
    /** The fields of every answer given in a failed handler's place. */
    private static final HeaderMap CLOSE = HeaderMap.of("connection", "close");

    private final HttpHandler handler;
    /** Null when the server has none: the hot path then tests one field. */
    private final AccessLog accessLog;

    /** Serves with {@code handler}; {@code accessLog} may be null (none). */
    public ServerExchange(HttpHandler handler, AccessLog accessLog) {
        this.handler = handler;
        this.accessLog = accessLog;
    }

    /** Serves with {@code handler} and no access log. */
    public static ServerExchange of(HttpHandler handler) {
        return new ServerExchange(handler, null);
    }

    /** The same exchange path with another handler (a per-connection wrapper of this one's). */
    public ServerExchange withHandler(HttpHandler other) {
        return new ServerExchange(other, accessLog);
    }

    public HttpHandler handler() {
        return handler;
    }

    /** What a protocol supplies to one exchange: where the request came from and how a response is written. */
    public interface Transport {
        SocketAddr remoteAddr();

        /**
         * Whether the client broke the exchange off (closed the connection, reset the stream, stopped
         * sending its body past the body-read timeout): a handler failing then is not at fault and gets
         * no answer. Asked only when the handler threw.
         */
        boolean peerBrokeOff();

        /**
         * Writes {@code response} (a final one: status 200..999) in the protocol's framing, by
         * {@link ResponseRules}, and closes its body. Failing to write is the protocol's to handle.
         */
        void write(RequestHead request, HttpResponse response) throws IOException;

        /**
         * Whether this protocol can switch the connection to another one after a {@code 101} whose body
         * is a {@link ProtocolUpgrade} (HTTP/1.1 can; an HTTP/2 stream cannot, RFC 9113 §8.6).
         */
        default boolean canUpgrade() {
            return false;
        }
    }

    /**
     * Serves one request: the handler's response, or the server's in its place, written through
     * {@code t}; then the exchange is recorded. Returns false when nothing was written because the
     * client had broken the exchange off. Throws only what {@code t.write} throws.
     */
    public boolean serve(RequestHead head, BodyStream requestBody, Transport t) throws IOException {
        HttpExchangeEvent event = HttpExchangeEvent.start();
        long startNanos = accessLog == null ? 0 : System.nanoTime();
        long startMillis = accessLog == null ? 0 : System.currentTimeMillis();
        HttpResponse response = respond(head, requestBody, t);
        if (response == null) {
            return false;
        }
        CountedBody counted = null;
        if (accessLog != null && !(response.body() instanceof ProtocolUpgrade)) {
            counted = CountedBody.of(response.body());
            response = HttpResponse.of(response.head(), counted);
        }
        try {
            t.write(head, response);
        } finally {
            event.finish(head, response, t.remoteAddr());
            if (counted != null) {
                log(head, response.status().code(), counted.bytes(), startNanos, startMillis, t.remoteAddr());
            }
        }
        return true;
    }

    /** The handler's final response, or the server's in its place, or null if the client broke off. */
    private HttpResponse respond(RequestHead head, BodyStream requestBody, Transport t) {
        Throwable failure;
        try {
            HttpResponse response = handler.handle(HttpRequest.of(head, requestBody, t.remoteAddr()));
            if (response != null && response.status().code() >= 200) {
                return response; // the usual path
            }
            // THE UPGRADE SEAM: a 101 whose body is a ProtocolUpgrade switches protocols (WebSocket, RFC
            // 6455 §4.2.2) on a transport that can; the transport writes it and hands the connection over.
            // (RFC 8441's extended CONNECT on HTTP/2 is a 2xx, so it took the usual path above.)
            if (response != null && response.status().code() == 101 && response.body() instanceof ProtocolUpgrade
                    && t.canUpgrade()) {
                return response;
            }
            failure = response == null ? new IllegalStateException("handler returned null")
                    : interim(response);
        } catch (Exception | Error e) {
            if (t.peerBrokeOff()) {
                LOG.log(Level.DEBUG, () -> "exchange broken off by the client " + t.remoteAddr() + ": " + e, e);
                return null;
            }
            failure = e;
        }
        int status = statusFor(failure);
        HandlerFailures.log(head, t.remoteAddr(), status, failure);
        return HttpResponse.of(status, CLOSE);
    }

    /** The failure of a handler that answered with an interim status; its response is discarded. */
    private static IllegalStateException interim(HttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // releasing a body nobody will read; the handler error is what gets reported
        }
        return new IllegalStateException("handler returned " + response.status().code()
                + " as its final response; a 1xx is interim (RFC 9110 §15.2)");
    }

    /** The status answered for a handler failure, by the failure's type (see the class table). */
    static int statusFor(Throwable failure) {
        if (failure instanceof BodyError b && b.isLimitExceeded()) {
            return 413;
        }
        Throwable e = failure;
        for (int i = 0; e != null && i < 4; i++, e = e.getCause()) {
            if (e instanceof AnsweredStatus answered) {
                return answered.status();
            }
        }
        return 500;
    }

    private void log(RequestHead head, int status, long bytes, long startNanos, long startMillis, SocketAddr remote) {
        try {
            accessLog.log(new AccessLogEntry(remote, Instant.ofEpochMilli(startMillis), head.method(),
                    HttpExchangeEvent.targetWithoutQuery(head), head.version(), status, bytes,
                    Duration.ofNanos(System.nanoTime() - startNanos)));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "access log hook failed; the exchange was not affected", e);
        }
    }
}
