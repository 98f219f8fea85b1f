package sifr.http;

import java.io.IOException;
import java.util.List;
import sifr.http.internal.h1.H1ClientConnection;
import sifr.http.internal.h1.H1HostConnection;
import sifr.http.internal.h1.H1Limits;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.task.Task;
import sifr.tls.Tls;
import sifr.tls.TlsClientConfig;
import sifr.url.Url;

/**
 * Opens client connections: {@code HttpClient.connect("http://127.0.0.1:8080")} →
 * {@link HttpConnection#send}. {@code https} URLs go through {@code sifr.tls} (hostname verification
 * always on). Requests without a {@code host} field get the URL's.
 */
public final class HttpClient {
    private HttpClient() {
    }

    public static HttpConnection connect(String url) throws IOException {
        return connect(url, HttpClientOptions.defaults());
    }

    /**
     * @throws IllegalArgumentException for a URL that does not parse or whose scheme is not http/https
     */
    public static HttpConnection connect(String url, HttpClientOptions options) throws IOException {
        Url u = Url.parse(url);
        boolean https = switch (u.scheme()) {
            case "http" -> false;
            case "https" -> true;
            default -> throw new IllegalArgumentException("HTTP client URL scheme must be http or https: " + u.scheme());
        };
        String host = u.host();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = u.port().orElse(https ? 443 : 80);
        TcpStream tcp;
        try {
            tcp = Task.timeout(options.connectTimeout(), () -> Net.connectTcp(bare, port));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        ByteStream stream = tcp;
        if (https) {
            TlsClientConfig tls = options.tls().isPresent() ? options.tls().get() : Tls.clientConfigPlatform(List.of("http/1.1"));
            try {
                stream = tls.connect(bare, tcp);
            } catch (IOException | RuntimeException e) {
                tcp.close();
                throw e;
            }
        }
        String hostField = u.port().isPresent() ? host + ":" + port : host;
        return new H1HostConnection(new H1ClientConnection(stream, H1Limits.DEFAULT, options.maxResponseBodyBytes()), hostField);
    }
}
