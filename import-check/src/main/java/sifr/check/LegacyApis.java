package sifr.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule table of SIFR-IMPORT-0008 (SPEC.md "Import diagnostics"), shared by the javac plugin and
 * {@code sifr check}. Exact type rows win over the package rows, so a specific legacy type gets a
 * specific replacement and every other type of a legacy package gets the package's default.
 */
public final class LegacyApis {

    private static final String NET = "sifr.net";
    private static final String TLS = "sifr.tls";
    private static final String URL = "sifr.url";
    private static final String HTTP = "sifr.http";

    private static final List<LegacyApi> ROWS = List.of(
            // sifr.net
            type("java.net.Socket", NET, "sifr.net.TcpStream", "Net.connectTcp"),
            type("java.net.ServerSocket", NET, "sifr.net.TcpListener", "Net.listenTcp"),
            type("java.nio.channels.SocketChannel", NET, "sifr.net.TcpStream", "Net.connectTcp"),
            type("java.nio.channels.ServerSocketChannel", NET, "sifr.net.TcpListener", "Net.listenTcp"),
            type("java.nio.channels.Selector", NET, "sifr.net.TcpStream",
                    "blocking reads on virtual threads, one per connection in Task.scope"),
            // sifr.tls
            type("javax.net.ssl.SSLSocket", TLS, "sifr.tls.TlsStream", "TlsClientConfig.connect over Net.connectTcp"),
            type("javax.net.ssl.SSLSocketFactory", TLS, "sifr.tls.TlsStream",
                    "TlsClientConfig.connect over Net.connectTcp"),
            type("javax.net.ssl.SSLServerSocket", TLS, "sifr.tls.TlsServerConfig",
                    "Tls.serverConfig, then accept(stream) per TcpListener.accept"),
            type("javax.net.ssl.SSLServerSocketFactory", TLS, "sifr.tls.TlsServerConfig",
                    "Tls.serverConfig, then accept(stream) per TcpListener.accept"),
            type("javax.net.ssl.SSLEngine", TLS, "sifr.tls.TlsStream",
                    "TlsClientConfig.connect / TlsServerConfig.accept over any ByteStream"),
            type("javax.net.ssl.SSLContext", TLS, "sifr.tls.TlsClientConfig",
                    "Tls.clientConfigFromCaPem / Tls.serverConfig"),
            type("javax.net.ssl.SSLParameters", TLS, "sifr.tls.TlsClientConfig",
                    "Tls.clientConfigFromCaPem(pem, alpn)"),
            type("javax.net.ssl.TrustManager", TLS, "sifr.tls.TlsClientConfig", "Tls.clientConfigFromCaPem"),
            type("javax.net.ssl.X509TrustManager", TLS, "sifr.tls.TlsClientConfig", "Tls.clientConfigFromCaPem"),
            type("javax.net.ssl.TrustManagerFactory", TLS, "sifr.tls.TlsClientConfig", "Tls.clientConfigFromCaPem"),
            type("javax.net.ssl.KeyManager", TLS, "sifr.tls.TlsServerConfig", "Tls.serverConfig(certPem, keyPem)"),
            type("javax.net.ssl.X509KeyManager", TLS, "sifr.tls.TlsServerConfig", "Tls.serverConfig(certPem, keyPem)"),
            type("javax.net.ssl.KeyManagerFactory", TLS, "sifr.tls.TlsServerConfig",
                    "Tls.serverConfig(certPem, keyPem)"),
            type("javax.net.ssl.HttpsURLConnection", HTTP, "sifr.http.HttpClient",
                    "HttpClient.create().get(\"https://...\")"),
            type("javax.net.ssl.SSLException", TLS, "sifr.tls.TlsError", "thrown by sifr.tls"),
            type("javax.net.ssl.SSLHandshakeException", TLS, "sifr.tls.TlsError", "thrown by sifr.tls"),
            type("javax.net.ssl.SSLPeerUnverifiedException", TLS, "sifr.tls.CertificateError", "thrown by sifr.tls"),
            pkg("javax.net.ssl", TLS, "sifr.tls.TlsStream", "Tls.clientConfigFromCaPem(...).connect(host, stream)"),
            // sifr.url
            type("java.net.URL", URL, "sifr.url.Url", "Url.parse"),
            type("java.net.URI", URL, "sifr.url.Url", "Url.parse"),
            type("java.net.URLEncoder", URL, "sifr.url.Url",
                    "Url.percentEncode, or Url.parseQuery and UrlQuery for forms"),
            type("java.net.URLDecoder", URL, "sifr.url.Url",
                    "Url.percentDecode, or Url.parseQuery and UrlQuery for forms"),
            type("java.net.IDN", URL, "sifr.url.Url", "Url.parse applies UTS #46 IDNA to hosts"),
            // sifr.http
            type("java.net.HttpURLConnection", HTTP, "sifr.http.HttpClient", "HttpClient.create()"),
            type("java.net.http.HttpClient", HTTP, "sifr.http.HttpClient", "HttpClient.create()"),
            type("java.net.http.HttpRequest", HTTP, "sifr.http.RequestHead", "Http.requestHead"),
            type("java.net.http.HttpResponse", HTTP, "sifr.http.HttpResponse", "HttpConnection.send"),
            type("java.net.http.HttpHeaders", HTTP, "sifr.http.HeaderMap", "HeaderMap.of"),
            pkg("java.net.http", HTTP, "sifr.http.HttpClient", "HttpClient.create()"),
            type("com.sun.net.httpserver.HttpServer", HTTP, "sifr.http.HttpServer", "HttpServer.start"),
            type("com.sun.net.httpserver.HttpsServer", HTTP, "sifr.http.HttpServer",
                    "HttpServer.start with a TlsServerConfig"),
            type("com.sun.net.httpserver.HttpHandler", HTTP, "sifr.http.HttpHandler", "HttpServer.start(address, handler)"),
            type("com.sun.net.httpserver.HttpExchange", HTTP, "sifr.http.HttpRequest",
                    "HttpHandler.handle returns HttpResponse.of"),
            type("com.sun.net.httpserver.Headers", HTTP, "sifr.http.HeaderMap", "HeaderMap.of"),
            pkg("com.sun.net.httpserver", HTTP, "sifr.http.HttpServer", "HttpServer.start"));

    private static final Map<String, LegacyApi> TYPES = new HashMap<>();
    private static final Map<String, LegacyApi> PACKAGES = new HashMap<>();

    static {
        for (LegacyApi row : ROWS) {
            (row.wholePackage() ? PACKAGES : TYPES).put(row.legacy(), row);
        }
    }

    private LegacyApis() {
    }

    /** Every row, in table order (documentation and tests). */
    public static List<LegacyApi> rows() {
        return ROWS;
    }

    /**
     * The row for a type.
     *
     * @param qualifiedName the type's canonical name, e.g. {@code java.net.http.HttpClient.Version}
     * @param packageName   the package it is declared in, e.g. {@code java.net.http}
     * @return the row of the type or of its nearest enclosing legacy type, else of its legacy
     *         package, else empty
     */
    public static Optional<LegacyApi> forType(String qualifiedName, String packageName) {
        String name = qualifiedName;
        // walk out of nested types: Foo.Bar.Baz, Foo.Bar, Foo, but never into the package name
        while (name.length() > packageName.length()) {
            LegacyApi row = TYPES.get(name);
            if (row != null) {
                return Optional.of(row);
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                break;
            }
            name = name.substring(0, dot);
        }
        return forPackage(packageName);
    }

    /** The row of a legacy package (subpackages included, e.g. {@code com.sun.net.httpserver.spi}). */
    public static Optional<LegacyApi> forPackage(String packageName) {
        String name = packageName;
        while (!name.isEmpty()) {
            LegacyApi row = PACKAGES.get(name);
            if (row != null) {
                return Optional.of(row);
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
        }
        return Optional.empty();
    }

    private static LegacyApi type(String name, String area, String replacement, String how) {
        return new LegacyApi(name, false, area, replacement, how);
    }

    private static LegacyApi pkg(String name, String area, String replacement, String how) {
        return new LegacyApi(name, true, area, replacement, how);
    }
}
