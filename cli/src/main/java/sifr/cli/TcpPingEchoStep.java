package sifr.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.net.TcpStream;
import sifr.task.Task;
import sifr.task.TaskHandle;

/** The seed's {@code echo_server} and {@code send_ping}, as a pair over loopback, bounded by a deadline. */
final class TcpPingEchoStep implements DemoStep {

    @Override
    public String title() {
        return "TCP send_ping / echo_server (sifr.net on virtual threads)";
    }

    @Override
    public String run() throws Exception {
        return Task.timeout(Duration.ofSeconds(10), () -> {
            try (TcpListener listener = Net.listenTcp("127.0.0.1:0")) {
                // lambda form: if send_ping throws, the echo server child still waiting in accept is cancelled
                return Task.scope(scope -> {
                    int port = listener.localAddr().port();
                    TaskHandle<Integer> server = scope.spawn(() -> echoServerOnce(listener));
                    String response = sendPing("127.0.0.1", port);
                    int echoed = server.join();
                    if (!response.equals("ping\n")) {
                        throw new IllegalStateException("unexpected echo: " + response);
                    }
                    return "echo_server on " + listener.localAddr() + " echoed " + echoed + " bytes; send_ping got "
                            + response.strip() + "\\n back";
                });
            }
        });
    }

    /** The seed's echo_server loop body, for one connection. */
    private static int echoServerOnce(TcpListener listener) throws Exception {
        try (TcpStream conn = listener.accept()) {
            byte[] data = conn.read(4096);
            conn.write(data);
            return data.length;
        }
    }

    /** The seed's send_ping. */
    private static String sendPing(String host, int port) throws Exception {
        try (TcpStream stream = Net.connectTcp(host, port)) {
            stream.write("ping\n".getBytes(StandardCharsets.US_ASCII));
            byte[] response = stream.read(1024);
            return new String(response, StandardCharsets.US_ASCII);
        }
    }
}
