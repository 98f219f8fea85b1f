package sifr.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * tinyproxy (Debian package {@code tinyproxy}) as a test proxy: one foreground process with its config,
 * log and filter in the test's own folder, listening on a loopback port, accepting clients from
 * 127.0.0.1 only and forwarding only to {@code 127.0.0.1} and {@code localhost} (its domain filter with
 * default deny: any other upstream is refused with 403 before a connection is tried).
 */
public final class TinyproxyPeer {
    private TinyproxyPeer() {
    }

    /** Starts tinyproxy on {@code port}; with {@code user}/{@code password} non-null it requires Basic auth. */
    public static PeerProcess start(Path dir, int port, String user, String password) throws Exception {
        Path tinyproxy = PeerProcess.requireBinary("tinyproxy", "tinyproxy");
        Files.writeString(dir.resolve("filter"), "^127\\.0\\.0\\.1$\n^localhost$\n");
        String config = """
                Port %2$d
                Listen 127.0.0.1
                Timeout 30
                MaxClients 32
                Allow 127.0.0.1
                PidFile "%1$s/tinyproxy.pid"
                LogFile "%1$s/tinyproxy.log"
                LogLevel Connect
                Filter "%1$s/filter"
                FilterType ere
                FilterDefaultDeny Yes
                DisableViaHeader Yes
                """.formatted(dir, port);
        if (user != null) {
            config += "BasicAuth " + user + " " + password + "\n";
        }
        Files.writeString(dir.resolve("tinyproxy.conf"), config);
        PeerProcess peer = PeerProcess.start(dir, List.of(tinyproxy.toString(), "-d", "-c",
                dir.resolve("tinyproxy.conf").toString()));
        peer.awaitListening(port, Duration.ofSeconds(15));
        return peer;
    }

    /** tinyproxy's log so far (it logs each request line at level Connect). */
    public static String log(Path dir) throws Exception {
        Path log = dir.resolve("tinyproxy.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
