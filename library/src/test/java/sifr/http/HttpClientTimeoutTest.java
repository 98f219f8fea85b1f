package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.net.TcpStream;
import sifr.task.TimeoutError;

/** The client's connect timeout against a server that accepts and then says nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientTimeoutTest {

    @Test
    void connectTimeoutCoversTheTlsHandshake() throws Exception {
        List<TcpStream> accepted = new ArrayList<>();
        try (TcpListener silent = Net.listenTcp("127.0.0.1:0")) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept()); // accepts, reads nothing, never answers the ClientHello
                } catch (Exception ignored) {
                    // the listener closed
                }
            });
            HttpClientOptions options = HttpClientOptions.builder().connectTimeout(Duration.ofSeconds(1)).build();
            long t0 = System.nanoTime();
            // an option timeout is not a Task.timeout block: the handshake's own error, not "task timeout expired"
            assertThatThrownBy(() -> HttpConnection.open("https://" + silent.localAddr(), options))
                    .isInstanceOf(TimeoutError.class).hasMessage("TLS client handshake timed out");
            // the TLS layer's own handshake timeout is 10 s: the connect timeout, not it, ended the wait
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
            acceptor.join(5000);
        } finally {
            for (TcpStream s : accepted) {
                s.close();
            }
        }
    }
}
