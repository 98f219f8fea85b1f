package sifr.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx (Debian package {@code nginx}) as a test peer: one foreground process with its config, logs,
 * temp paths and certificate files in the test's own folder, listening on the given loopback port.
 */
public final class NginxPeer {
    private NginxPeer() {
    }

    /**
     * Writes {@code server.pem} and {@code server-key.pem} into {@code dir}, a config whose {@code http}
     * block holds {@code serverBlock}, starts nginx and waits until it listens. In {@code serverBlock},
     * {@code %1$s} is the folder and {@code %2$d} the port.
     */
    public static PeerProcess start(Path dir, int port, byte[] certChainPem, byte[] keyPem, String serverBlock)
            throws Exception {
        Path nginx = PeerProcess.requireBinary("nginx", "nginx");
        Files.write(dir.resolve("server.pem"), certChainPem);
        Files.write(dir.resolve("server-key.pem"), keyPem);
        Files.createDirectories(dir.resolve("logs"));
        String config = ("""
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                """ + serverBlock + """
                }
                """).formatted(dir, port);
        Files.writeString(dir.resolve("nginx.conf"), config);
        PeerProcess peer = PeerProcess.start(dir, List.of(nginx.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-e", dir.resolve("logs/error.log").toString()));
        peer.awaitListening(port, Duration.ofSeconds(15));
        return peer;
    }
}
