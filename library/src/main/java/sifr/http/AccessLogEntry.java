package sifr.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import sifr.net.SocketAddr;

/**
 * One exchange as {@link AccessLog} sees it: enough for the Common Log Format ({@code host - - [time]
 * "method target version" status bytes}), with no header value and no query, which may carry secrets.
 *
 * @param remoteAddress the client's address (the TCP peer; a proxy's when one is in front)
 * @param received when the server started the exchange (the handler's call), wall-clock time
 * @param method the request method
 * @param target the request target without its query ({@code /a/b} for {@code /a/b?token=x});
 *     {@code authority} for CONNECT, {@code *} for {@code OPTIONS *}
 * @param version the protocol the exchange used ({@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2})
 * @param status the status sent: the handler's, or the server's 500/413 in place of a handler that failed
 * @param bytesSent response body bytes handed to the connection (0 for HEAD, 204 and 304; fewer than
 *     the body's length when writing it failed); heads and framing are not counted
 * @param duration from the handler's call until the response was written (on HTTP/1.1 its last bytes
 *     may still wait in the connection's buffer for the next flush)
 */
public record AccessLogEntry(SocketAddr remoteAddress, Instant received, Method method, String target,
                             Version version, int status, long bytesSent, Duration duration) {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException when a field is null
     */
    public AccessLogEntry {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(duration, "duration");
    }
}
