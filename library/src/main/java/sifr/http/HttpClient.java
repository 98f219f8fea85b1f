package sifr.http;

import java.io.IOException;
import java.util.List;
import sifr.http.internal.h1.H1ClientConnection;
import sifr.http.internal.h1.H1HostConnection;
import sifr.http.internal.entry.Http2Configs;
import sifr.http.internal.h1.H1Limits;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.task.internal.Deadlines;
import sifr.tls.Tls;
import sifr.tls.TlsClientConfig;
import sifr.tls.TlsStream;
import sifr.url.Url;

/**
 * Opens client connections: {@code HttpClient.connect("http://127.0.0.1:8080")} →
 * {@link HttpConnection#send}. {@code https} URLs go through {@code sifr.tls} (hostname verification
 * always on) and offer ALPN {@code h2, http/1.1}: the connection speaks HTTP/2 (multiplexed: {@code send}
 * from many threads at once) when the server picks {@code h2}, else HTTP/1.1. {@code http} URLs speak
 * HTTP/1.1, or HTTP/2 from the first byte with {@link HttpClientOptions#withHttp2PriorKnowledge(boolean)}.
 * Requests without a {@code host} field get the URL's (on HTTP/2 it becomes {@code :authority}).
 */
public final class HttpClient {
    private HttpClient() {
    }

    public static HttpConnection connect(String url) throws IOException {
        return connect(url, HttpClientOptions.defaults());
    }

    /**
     * Connects to the origin {@code url} names ({@code scheme://host[:port]}, a trailing {@code /} allowed);
     * each request's target goes in its {@link RequestHead}.
     *
     * @throws IllegalArgumentException for a URL without a scheme ({@code host:8080}: {@code HTTP client
     *     URL is missing its scheme ...}), one that does not parse, whose scheme is not http/https, or
     *     with a path, query, fragment or user info ({@code connection URLs take an origin only ...})
     */
    public static HttpConnection connect(String url, HttpClientOptions options) throws IOException {
        if (!url.contains("://")) {
            // "host:8080" parses as scheme "host": say what is missing instead of naming a strange scheme
            throw new IllegalArgumentException("HTTP client URL is missing its scheme (http:// or https://): " + url);
        }
        Url u = Url.parse(url);
        boolean https = switch (u.scheme()) {
            case "http" -> false;
            case "https" -> true;
            default -> throw new IllegalArgumentException("HTTP client URL scheme must be http or https: " + u.scheme());
        };
        if (!(u.path().isEmpty() || u.path().equals("/")) || u.query().isPresent() || u.fragment().isPresent()
                || !u.username().isEmpty() || !u.password().isEmpty()) {
            // the origin, not the URL, goes into the message: user info may hold a password
            throw new IllegalArgumentException("connection URLs take an origin only: connect to " + u.origin()
                    + " and give the path and query in each RequestHead");
        }
        String host = u.host();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = u.port().orElse(https ? 443 : 80);
        String hostField = u.port().isPresent() ? host + ":" + port : host;
        // One deadline for TCP connect and TLS handshake (ALPN included): the handshake obeys the
        // calling task's deadline, so a server that accepts and never answers the ClientHello fails
        // after connectTimeout, not after the TLS layer's own (longer) handshake timeout. It is the
        // connect's own option, not a Task.timeout block: the caller sees the operation's error
        // ("TCP connect timed out", "TLS client handshake timed out"), not "task timeout expired".
        ByteStream stream;
        try {
            stream = Deadlines.within(options.connectTimeout(), () -> {
                TcpStream tcp = Net.connectTcp(bare, port);
                if (!https) {
                    return tcp;
                }
                try {
                    List<String> alpn = options.http2() ? List.of("h2", "http/1.1") : List.of("http/1.1");
                    TlsClientConfig tls = options.tls().isPresent() ? options.tls().get().withAlpnProtocols(alpn)
                            : Tls.clientConfigPlatform(alpn);
                    return tls.connect(bare, tcp);
                } catch (IOException | RuntimeException e) {
                    tcp.close();
                    throw e;
                }
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        boolean http2 = https ? ((TlsStream) stream).alpnProtocol().map("h2"::equals).orElse(false)
                : options.http2PriorKnowledge();
        try {
            HttpConnection connection = http2 ? Http2ClientConnection.start(stream, Http2Configs.client(options, https))
                    : new H1ClientConnection(stream, H1Limits.DEFAULT, options.maxResponseBodyBytes());
            return new H1HostConnection(connection, hostField);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }
}
