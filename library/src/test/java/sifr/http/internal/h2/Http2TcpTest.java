package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http2;
import sifr.http.HttpConnection;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.net.Net;
import sifr.net.PinningRecorder;
import sifr.net.TcpListener;
import sifr.net.TcpStream;

/**
 * {@link Http2#serve} and {@link Http2#client} over real loopback TCP: concurrent streams with bodies
 * both ways (RFC 9113 §5, §6.9), with the JFR pinning recorder watching every virtual thread involved.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2TcpTest {
    @Test
    void concurrentExchangesOverLoopbackTcp() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (TcpStream s = listener.accept()) {
                    Http2.serve(s, req -> HttpResponse.of(200, HeaderMap.of("x-path", req.path()),
                            BodyStream.ofBytes(req.body().collectWithLimit(1 << 22))));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (HttpConnection client = Http2.client(Net.connectTcp("127.0.0.1", listener.localAddr().port()))) {
                // One exchange alone first: classes initialize once, not under 64 threads at once (a thread
                // waiting on another's class initializer is pinned: the JVM's cost, not the engine's).
                client.send(new RequestHead(Method.POST, "/warm", HeaderMap.of("host", "loopback"), Version.HTTP_2),
                        BodyStream.ofBytes(new byte[10])).body().collectWithLimit(100);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    int n = i;
                    results.add(pool.submit(() -> {
                        byte[] body = new byte[n * 5_000];
                        new Random(n).nextBytes(body);
                        RequestHead head = new RequestHead(Method.POST, "/r/" + n, HeaderMap.of("host", "loopback"),
                                Version.HTTP_2);
                        try (HttpResponse r = client.send(head, BodyStream.ofBytes(body))) {
                            return r.version() == Version.HTTP_2
                                    && r.headers().get("x-path").orElse("").equals("/r/" + n)
                                    && java.util.Arrays.equals(r.body().collectWithLimit(1 << 22), body);
                        }
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
                }
                byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
                try (HttpResponse r = client.send(new RequestHead(Method.PUT, "/last", HeaderMap.of("host", "loopback"),
                        Version.HTTP_2), BodyStream.ofBytes(hello))) {
                    assertThat(r.body().collectWithLimit(100)).isEqualTo(hello);
                }
            }
            server.join(10_000);
            assertThat(server.isAlive()).as("the server connection ends after the client's GOAWAY").isFalse();
        }
    }
}
