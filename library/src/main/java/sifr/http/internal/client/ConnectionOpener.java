package sifr.http.internal.client;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import sifr.http.HttpClientOptions;
import sifr.http.HttpConnection;
import sifr.http.Proxy;
import sifr.http.Version;
import sifr.http.internal.entry.EngineConfigs;
import sifr.http.internal.h1.H1ClientConnection;
import sifr.http.internal.h2.Http2ClientConnection;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.TcpStream;
import sifr.task.internal.Deadlines;
import sifr.tls.Tls;
import sifr.tls.TlsClientConfig;
import sifr.tls.TlsStream;

/**
 * Opens one client connection to an origin: TCP (Happy Eyeballs in {@code sifr.net}), TLS with ALPN for
 * {@code https}, then HTTP/2 when ALPN picked {@code h2} (or prior knowledge on {@code http}), else
 * HTTP/1.1. Used by {@code HttpConnection.open} and by the pooled {@code HttpClient}.
 */
public final class ConnectionOpener {
    private ConnectionOpener() {
    }

    /**
     * An open connection and what the pool needs beside it.
     *
     * @param connection the HTTP connection (no {@code host} field added: requests carry their own)
     * @param tcp the TCP stream underneath, for the idle check before reuse
     * @param watch the watched stream under an HTTP/1.1 connection, null under HTTP/2
     * @param leaf the server's certificate on {@code https} (verified for the origin's host), null on
     *     {@code http}: whether another origin may share the connection (RFC 9113 §9.1.1)
     */
    public record Opened(HttpConnection connection, TcpStream tcp, WatchedStream watch, X509Certificate leaf) {
        public Version version() {
            return connection.version();
        }
    }

    /** Opens a connection to {@code origin}; failures are reported to {@code events} and thrown. */
    public static Opened open(Origin origin, HttpClientOptions options, ConnectEvents events) throws IOException {
        return open(origin, options, null, events);
    }

    /**
     * Opens a connection to {@code origin}, through {@code proxy} when it is not null: an {@code https}
     * origin through a CONNECT tunnel (then TLS with the origin, verified as without a proxy), an
     * {@code http} one as a connection to the proxy that takes absolute-form targets (HTTP/1.1 only).
     */
    public static Opened open(Origin origin, HttpClientOptions options, Proxy proxy, ConnectEvents events)
            throws IOException {
        try {
            return connect(origin, options, proxy, events);
        } catch (IOException e) {
            events.connectFailed(origin, e);
            throw e;
        }
    }

    private static X509Certificate leafOf(TlsStream t) {
        List<X509Certificate> chain = t.peerCertificates();
        return chain.isEmpty() ? null : chain.get(0);
    }

    /** An IPv6 literal (it has a colon) or a dotted IPv4 one: nothing to resolve. */
    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static Opened connect(Origin origin, HttpClientOptions options, Proxy proxy, ConnectEvents events)
            throws IOException {
        String host = origin.bareHost();
        TcpStream[] tcpOut = new TcpStream[1];
        // One deadline for DNS, TCP connect and TLS handshake (ALPN included): the handshake obeys the
        // calling task's deadline, so a server that accepts and never answers the ClientHello fails
        // after connectTimeout, not after the TLS layer's own (longer) handshake timeout. It is the
        // connect's own option, not a Task.timeout block: the caller sees the operation's error
        // ("TCP connect timed out", "TLS client handshake timed out"), not "task timeout expired".
        ByteStream stream;
        try {
            stream = Deadlines.within(options.connectTimeout(), () -> {
                String tcpHost = proxy == null ? host : proxy.host();
                int tcpPort = proxy == null ? origin.port() : proxy.port();
                if (events.wantsDns() && !isIpLiteral(tcpHost)) {
                    events.dnsStart(tcpHost);
                    events.dnsEnd(tcpHost, Net.resolveHost(ProxyTunnel.authority(tcpHost, tcpPort)));
                }
                events.connectStart(origin);
                TcpStream tcp = Net.connectTcp(tcpHost, tcpPort);
                tcpOut[0] = tcp;
                if (!origin.https()) {
                    return tcp;
                }
                try {
                    ByteStream toOrigin = proxy == null ? tcp : ProxyTunnel.connect(tcp, proxy, host, origin.port());
                    events.tlsStart(origin);
                    List<String> alpn = options.offerH2() ? List.of("h2", "http/1.1") : List.of("http/1.1");
                    TlsClientConfig tls = options.tls().isPresent() ? options.tls().get().toBuilder().alpnProtocols(alpn).build()
                            : Tls.clientConfigPlatform(alpn);
                    TlsStream s = tls.connect(host, toOrigin);
                    events.tlsEnd(origin, s.alpnProtocol().orElse(""));
                    return s;
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
        boolean http2 = origin.https() ? ((TlsStream) stream).alpnProtocol().map("h2"::equals).orElse(false)
                : options.h2cPriorKnowledge() && proxy == null; // a proxy takes HTTP/1.1
        X509Certificate leaf = http2 && stream instanceof TlsStream t ? leafOf(t) : null; // only HTTP/2 is shared
        try {
            Opened opened;
            if (http2) {
                // without a proxy every read reaches the TcpStream (TLS reads its transport on the calling thread)
                opened = new Opened(Http2ClientConnection.start(stream, EngineConfigs.client(options),
                        origin.https() ? "https" : "http", proxy == null),
                        tcpOut[0], null, leaf);
            } else {
                WatchedStream watch = new WatchedStream(stream);
                opened = new Opened(new H1ClientConnection(watch, EngineConfigs.http1(options), options.maxResponseBodyBytes()),
                        tcpOut[0], watch, leaf);
            }
            events.connectEnd(origin, stream.remoteAddr(), opened.version());
            return opened;
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }
}
