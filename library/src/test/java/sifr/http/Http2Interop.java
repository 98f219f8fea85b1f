package sifr.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the HTTP/2 interop tests' peers talk to: a handler that says what it received, and a concurrency probe. */
final class Http2Interop {
    private Http2Interop() {
    }

    /**
     * Answers 201 with {@code x-sifr-method} and the body {@code METHOD PATH BODYLENGTH VERSION}: a peer's
     * assertions see the status, a custom header, the body and the version the server read.
     */
    static final HttpHandler ECHO = request -> {
        byte[] body = request.body().collectWithLimit(1 << 22);
        String text = request.method() + " " + request.path() + " " + body.length + " " + request.head().version();
        return HttpResponse.of(201, HeaderMap.of("content-type", "text/plain", "x-sifr-method", request.method().toString()),
                Http.bodyFromBytes(text.getBytes(StandardCharsets.UTF_8)));
    };

    static String expected(String method, String path, int bodyLength) {
        return method + " " + path + " " + bodyLength + " HTTP/2";
    }

    /**
     * Wraps {@link #ECHO}: each request (but one for {@code /first}, which a test sends alone to set the
     * connection up) waits up to 10 s until {@code streams} requests are in the handler at once, so a
     * test that sees {@link #allMet()} knows that many streams were in flight together on the server.
     */
    static final class InFlight implements HttpHandler {
        private final CountDownLatch arrived;
        private final AtomicInteger current = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        InFlight(int streams) {
            this.arrived = new CountDownLatch(streams);
        }

        @Override
        public HttpResponse handle(HttpRequest request) throws Exception {
            if (request.path().equals("/first")) {
                return ECHO.handle(request);
            }
            max.accumulateAndGet(current.incrementAndGet(), Math::max);
            try {
                arrived.countDown();
                arrived.await(10, TimeUnit.SECONDS);
                return ECHO.handle(request);
            } finally {
                current.decrementAndGet();
            }
        }

        boolean allMet() {
            return arrived.getCount() == 0;
        }

        int maxInFlight() {
            return max.get();
        }
    }
}
