package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.net.internal.NanoClock;
import sifr.testing.MemoryByteStreams;

/**
 * A real {@link Http2ServerConnection} over in-memory streams with a {@link FramePeer} playing the
 * client: the fixture of the scripted server suites (RFC 9113 MUSTs, hardening). Closing it releases
 * {@link #blocking} handlers and checks that the server connection ended.
 */
final class ServerUnderTest implements AutoCloseable {
    /** Answers 200 "ok" at once. */
    static final HttpHandler OK = request -> HttpResponse.of(200, HeaderMap.empty(),
            BodyStream.ofBytes("ok".getBytes(StandardCharsets.US_ASCII)));

    private final CountDownLatch release = new CountDownLatch(1);
    private MemoryByteStreams.Pair pair;
    private Thread serverThread;
    private FramePeer peer;

    /** Holds every stream open (without reading its body) until the fixture closes: a handler busy with a slow backend. */
    final HttpHandler blocking = request -> {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return HttpResponse.of(200, HeaderMap.empty());
    };

    /** Starts the server connection; the returned peer has not sent its preface yet. */
    FramePeer connect(HttpHandler handler, Http2Config config) {
        return connect(handler, config, NanoClock.SYSTEM);
    }

    /** {@link #connect(HttpHandler, Http2Config)} with the connection's timeouts on {@code clock}. */
    FramePeer connect(HttpHandler handler, Http2Config config, NanoClock clock) {
        pair = MemoryByteStreams.pair();
        serverThread = Thread.ofVirtual().name("h2-server-under-test").start(() -> {
            try {
                new Http2ServerConnection(pair.server(), sifr.http.internal.ServerExchange.of(handler), config, clock).run(new byte[0]);
            } catch (IOException e) {
                // the connection ended; what it sent is what the tests look at
            }
        });
        peer = FramePeer.client(pair.client());
        return peer;
    }

    /** Waits (bounded) for the server connection to end; whether it has. */
    boolean ended() throws InterruptedException {
        serverThread.join(10_000);
        return !serverThread.isAlive();
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        if (peer != null) {
            peer.close();
        }
        if (serverThread != null) {
            assertThat(ended()).as("server connection ended").isTrue();
        }
        if (pair != null) {
            pair.close();
        }
    }
}
