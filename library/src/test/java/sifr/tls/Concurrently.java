package sifr.tls;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for several concurrent parts of a test, failing fast with the first part that failed. */
final class Concurrently {
    private Concurrently() {
    }

    /** A part of a test that may throw. */
    interface Part {
        void run() throws Exception;
    }

    /** Starts {@code part} on its own virtual thread (never the common pool: its few workers starve when parts block). */
    static CompletableFuture<Void> start(Part part) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                part.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    static void awaitAll(Duration limit, CompletableFuture<?>... parts) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        for (;;) {
            boolean allDone = true;
            for (CompletableFuture<?> part : parts) {
                if (part.isCompletedExceptionally()) {
                    try {
                        part.get();
                    } catch (ExecutionException e) {
                        throw new AssertionError("a concurrent part failed: " + e.getCause(), e.getCause());
                    }
                }
                allDone &= part.isDone();
            }
            if (allDone) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("concurrent parts still running after " + limit);
            }
            try {
                CompletableFuture.anyOf(parts).get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // poll again: the loop above reports failures and completion
            }
            Thread.sleep(5);
        }
    }
}
