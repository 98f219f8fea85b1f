package sifr.http.internal.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import sifr.http.HeaderMap;
import sifr.http.HttpError;
import sifr.http.Proxy;
import sifr.http.ProxyAuthError;
import sifr.http.ProxyError;
import sifr.http.internal.Ascii;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.net.internal.ForwardingByteStream;
import sifr.task.TimeoutError;
import sifr.task.internal.Deadlines;
import sifr.url.Url;

/**
 * The client side of an HTTP proxy. {@code https}: {@link #open} connects to the proxy and sends
 * {@code CONNECT host:port} (RFC 9110 §9.3.6); a 2xx reply turns the connection into a byte tunnel
 * to the origin, over which the caller runs TLS as it would directly (the origin's certificate is
 * verified against the origin's name: the proxy cannot read or alter the exchange). {@code http}: the
 * request goes to the proxy itself with {@link #absoluteTarget} as its target (RFC 9112 §3.2.2) and
 * {@link #withAuthorization} fields.
 *
 * <p>The reply head is bounded ({@value #MAX_RESPONSE_HEAD} bytes), interim 1xx replies are skipped
 * (at most {@value #MAX_INTERIM}), and a 2xx reply's Content-Length or Transfer-Encoding is ignored as
 * §9.3.6 requires: the tunnel starts right after the head, and bytes already read past it are handed
 * out first. A non-2xx reply closes the connection and fails with {@link ProxyError} (its status), 407
 * and 401 with {@link ProxyAuthError}.
 */
public final class ProxyTunnel {
    /** Largest CONNECT reply head read (status line and fields). */
    public static final int MAX_RESPONSE_HEAD = 16 * 1024;
    /** Most interim (1xx) replies skipped before the final one. */
    public static final int MAX_INTERIM = 5;

    private ProxyTunnel() {
    }

    /**
     * Connects to {@code proxy} and opens a tunnel to {@code host:port}. {@code connectTimeout} (null:
     * none of its own; the task's deadline applies either way) bounds the TCP connect and the CONNECT
     * exchange together: {@code TCP connect timed out} while connecting, {@code proxy CONNECT to
     * host:port timed out} while waiting for the reply.
     *
     * @throws ProxyAuthError the proxy answered 407 (or 401)
     * @throws ProxyError the proxy answered another non-2xx status
     * @throws HttpError the reply was not HTTP, exceeded {@value #MAX_RESPONSE_HEAD} bytes, or did not come
     */
    public static ByteStream open(Proxy proxy, String host, int port, Duration connectTimeout) throws IOException {
        Callable<ByteStream> tunnel = () -> {
            TcpStream tcp = Net.connectTcp(proxy.host(), proxy.port());
            try {
                return connect(tcp, proxy, host, port);
            } catch (IOException | RuntimeException e) {
                tcp.close();
                throw e;
            }
        };
        try {
            return connectTimeout == null ? tunnel.call() : Deadlines.within(connectTimeout, tunnel);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Sends CONNECT over {@code toProxy} (already connected to the proxy) and reads the reply; closes it on failure. */
    public static ByteStream connect(ByteStream toProxy, Proxy proxy, String host, int port) throws IOException {
        String target = authority(host, port);
        StringBuilder request = new StringBuilder(128).append("CONNECT ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target).append("\r\n");
        proxy.authorization().ifPresent(a -> request.append("Proxy-Authorization: ").append(a).append("\r\n"));
        request.append("\r\n");
        try {
            toProxy.writeAll(request.toString().getBytes(StandardCharsets.US_ASCII));
            toProxy.flush();
            return readReply(toProxy, proxy, target);
        } catch (TimeoutError e) {
            toProxy.close();
            throw new TimeoutError("proxy CONNECT to " + target + " timed out", e);
        } catch (IOException | RuntimeException e) {
            toProxy.close();
            throw e;
        }
    }

    /** {@code host:port} as CONNECT names it, IPv6 literals in brackets. */
    public static String authority(String host, int port) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '/' || c == '@') {
                throw new IllegalArgumentException("invalid CONNECT host: " + Ascii.quoteForError(host));
            }
        }
        if (bare.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid CONNECT target: " + Ascii.quoteForError(host + ":" + port));
        }
        return (bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare) + ":" + port;
    }

    /** The target of a plain {@code http} request through a proxy: the URL without user info and fragment. */
    public static String absoluteTarget(Url url) {
        StringBuilder sb = new StringBuilder(url.scheme()).append("://").append(url.host());
        url.port().ifPresent(p -> sb.append(':').append(p));
        sb.append(url.path().isEmpty() ? "/" : url.path());
        url.query().ifPresent(q -> sb.append('?').append(q));
        return sb.toString();
    }

    /** Request fields for a request through {@code proxy}: its {@code Proxy-Authorization} unless the caller set one. */
    public static HeaderMap withAuthorization(HeaderMap headers, Proxy proxy) {
        if (headers.contains("proxy-authorization") || proxy.authorization().isEmpty()) {
            return headers;
        }
        return headers.add("proxy-authorization", proxy.authorization().get());
    }

    private static ByteStream readReply(ByteStream stream, Proxy proxy, String target) throws IOException {
        byte[] buf = new byte[MAX_RESPONSE_HEAD];
        int len = 0;
        for (int interim = 0; ; ) {
            int end = headEnd(buf, len);
            if (end < 0) {
                if (len == buf.length) {
                    throw new HttpError("proxy CONNECT response head exceeds " + MAX_RESPONSE_HEAD + " bytes");
                }
                byte[] got = stream.read(buf.length - len);
                if (got.length == 0) {
                    throw new HttpError(len == 0 ? "proxy closed the connection before answering CONNECT to " + target
                            : "proxy closed the connection in the middle of its CONNECT response");
                }
                System.arraycopy(got, 0, buf, len, got.length);
                len += got.length;
                continue;
            }
            String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
            int status = status(head);
            // what follows the head stays: the next reply after an interim one, or the tunnel's first bytes
            byte[] rest = Arrays.copyOfRange(buf, end, len);
            if (status < 200) {
                if (++interim > MAX_INTERIM) {
                    throw new HttpError("proxy sent more than " + MAX_INTERIM + " interim responses to CONNECT");
                }
                System.arraycopy(rest, 0, buf, 0, rest.length);
                len = rest.length;
                continue;
            }
            if (status < 300) {
                return rest.length == 0 ? stream : new Replaying(stream, rest);
            }
            String reason = reason(head);
            if (status == 407 || status == 401) {
                // 401 cannot come from the origin before the tunnel exists: tinyproxy uses it for refused credentials
                String challenge = field(head, status == 407 ? "proxy-authenticate" : "www-authenticate");
                throw new ProxyAuthError((proxy.hasCredentials()
                        ? "proxy refused the credentials of user '" + proxy.username().get() + "' for CONNECT to "
                        : "proxy requires authentication (give credentials with Proxy.withBasicAuth) for CONNECT to ")
                        + target + ": " + status + reason, status, challenge);
            }
            throw new ProxyError("proxy refused CONNECT to " + target + ": " + status + reason, status);
        }
    }

    /** The index just past the blank line ending the head (CRLF CRLF, or bare LF LF as RFC 9112 §2.2 allows), or -1. */
    private static int headEnd(byte[] buf, int len) {
        for (int i = 0; i < len; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < len && buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private static int status(String head) throws HttpError {
        String line = firstLine(head);
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new HttpError("proxy sent an invalid CONNECT response: " + Ascii.quoteForError(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpError("proxy sent an invalid CONNECT response: " + Ascii.quoteForError(line));
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new HttpError("proxy sent an invalid CONNECT response: " + Ascii.quoteForError(line));
        }
        return status;
    }

    /** The reason phrase as " reason" (visible ASCII only, at most 64 characters), or "". */
    private static String reason(String head) {
        String line = firstLine(head);
        if (line.length() <= 13) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" ");
        for (int i = 13; i < line.length() && sb.length() <= 64; i++) {
            char c = line.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    private static String firstLine(String head) {
        int nl = head.indexOf('\n');
        String line = nl < 0 ? head : head.substring(0, nl);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The first field named {@code name} (lower case) in the head, trimmed; "" when absent. */
    private static String field(String head, String name) {
        for (String line : head.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }

    /** The tunnel when the proxy's first tunnelled bytes arrived with its reply: those bytes first. */
    private static final class Replaying extends ForwardingByteStream {
        private byte[] pending;
        private int pos;

        Replaying(ByteStream delegate, byte[] pending) {
            super(delegate);
            this.pending = pending;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (pending == null) {
                return delegate.read(dst);
            }
            int n = Math.min(dst.remaining(), pending.length - pos);
            dst.put(pending, pos, n);
            advance(n);
            return n;
        }

        @Override
        public byte[] read(int maxBytes) throws IOException {
            if (pending == null) {
                return delegate.read(maxBytes);
            }
            if (maxBytes <= 0 || maxBytes > MAX_READ_SIZE) {
                return delegate.read(maxBytes); // the delegate's own argument check and message
            }
            int n = Math.min(maxBytes, pending.length - pos);
            byte[] out = Arrays.copyOfRange(pending, pos, pos + n);
            advance(n);
            return out;
        }

        private void advance(int n) {
            pos += n;
            if (pos == pending.length) {
                pending = null;
            }
        }
    }
}
