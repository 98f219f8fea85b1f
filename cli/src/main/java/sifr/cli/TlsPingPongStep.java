package sifr.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.task.Task;
import sifr.task.TaskHandle;
import sifr.tls.Tls;
import sifr.tls.TlsClientConfig;
import sifr.tls.TlsServerConfig;
import sifr.tls.TlsStream;

/**
 * The seed's {@code fetch_tls} shape over loopback: a TLS server with ALPN {@code h2,http/1.1} and a
 * client that trusts only an in-memory demo CA ({@link DemoCertificates}) exchange ping and pong.
 */
final class TlsPingPongStep implements DemoStep {

    @Override
    public String title() {
        return "TLS ping/pong with ALPN over loopback (fetch_tls)";
    }

    @Override
    public String run() throws Exception {
        DemoCertificates.Pems pems = DemoCertificates.create();
        List<String> alpn = List.of("h2", "http/1.1");
        TlsServerConfig serverConfig = Tls.serverConfig(pems.serverCertificate(), pems.serverKey(), alpn);
        TlsClientConfig clientConfig = Tls.clientConfigFromCaPem(pems.rootCertificate(), alpn);
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
            // lambda form: if the client side throws, the server child (in accept or read) is cancelled
            return Task.scope(scope -> {
                TaskHandle<String> server = scope.spawn(() -> {
                    try (TlsStream tls = serverConfig.accept(listener.accept())) {
                        String ping = new String(tls.read(16), StandardCharsets.US_ASCII);
                        tls.writeAll("pong".getBytes(StandardCharsets.US_ASCII));
                        return ping;
                    }
                });
                String address = listener.localAddr().toString();
                try (TlsStream tls = clientConfig.connect("localhost", Net.connectTcp(address))) {
                    tls.writeAll("ping".getBytes(StandardCharsets.US_ASCII));
                    String pong = new String(tls.read(16), StandardCharsets.US_ASCII);
                    String ping = server.join();
                    if (!ping.equals("ping") || !pong.equals("pong")) {
                        throw new IllegalStateException("expected ping/pong, got " + ping + "/" + pong);
                    }
                    return "server got " + ping + ", client got " + pong + " from " + address + " over "
                            + tls.protocolVersion() + " (" + tls.cipherSuite() + "), ALPN "
                            + tls.alpnProtocol().orElse("none") + ", certificate for localhost verified against an"
                            + " in-memory demo CA";
                }
            });
        }
    }
}
