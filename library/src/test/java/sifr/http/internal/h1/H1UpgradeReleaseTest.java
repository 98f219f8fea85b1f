package sifr.http.internal.h1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HeaderMap;
import sifr.http.HttpResponse;
import sifr.http.internal.ProtocolUpgrade;
import sifr.net.ByteStream;
import sifr.testing.MemoryByteStreams;

/**
 * After a 101 the connection runs the new protocol on the same thread, possibly for hours: HTTP/1.1's
 * buffers and the request it served must not stay reachable meanwhile (issue 19, idle memory per WebSocket).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class H1UpgradeReleaseTest {

    @Test
    void theSwitchedProtocolRunsWithoutHttp1BuffersOrTheRequest() throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair();
        AtomicReference<H1ServerConnection> connection = new AtomicReference<>();
        AtomicReference<WeakReference<HeaderMap>> requestHeaders = new AtomicReference<>();
        AtomicInteger heldWhileSwitched = new AtomicInteger(-1);
        AtomicReference<Boolean> requestCollected = new AtomicReference<>();
        H1ServerConnection conn = new H1ServerConnection(pair.server(), request -> {
            requestHeaders.set(new WeakReference<>(request.headers()));
            return HttpResponse.of(101, HeaderMap.of("upgrade", "test", "connection", "upgrade"),
                    new ProtocolUpgrade((stream, leftover) -> {
                        heldWhileSwitched.set(connection.get().bufferedCapacity());
                        requestCollected.set(collected(requestHeaders.get()));
                        stream.writeAll(ByteBuffer.wrap(leftover)); // the new protocol: echo what came after the request
                        stream.flush();
                    }));
        }, H1ServerConfig.DEFAULT);
        connection.set(conn);
        Thread server = Thread.ofVirtual().start(() -> {
            try {
                conn.serve();
            } catch (IOException ignored) {
                // the assertions below read what the client saw
            }
        });
        ByteStream client = pair.client();
        client.writeAll(ByteBuffer.wrap(("GET /chat HTTP/1.1\r\nhost: x\r\nupgrade: test\r\nconnection: upgrade\r\n\r\n"
                + "after-the-head").getBytes(StandardCharsets.US_ASCII)));
        client.flush();
        String seen = readToEnd(client);
        server.join(10_000);

        assertThat(seen).startsWith("HTTP/1.1 101 ").endsWith("\r\n\r\nafter-the-head");
        assertThat(heldWhileSwitched.get()).isZero();
        assertThat(requestCollected.get()).isTrue();
        pair.close();
    }

    /** Whether the referent goes after a few full collections (bounded: at most 20). */
    private static boolean collected(WeakReference<?> ref) throws IOException {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return ref.get() == null;
    }

    private static String readToEnd(ByteStream s) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (s.read(buf.clear()) >= 0) {
            all.write(buf.array(), 0, buf.position());
        }
        return all.toByteArray().length == 0 ? "" : all.toString(StandardCharsets.ISO_8859_1);
    }
}
