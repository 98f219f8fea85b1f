package sifr.task.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts child tasks that were spawned and have not finished, across all scopes (leak checks in tests). */
public final class TaskStats {
    private static final AtomicInteger LIVE = new AtomicInteger();

    private TaskStats() {
    }

    public static void started() {
        LIVE.incrementAndGet();
    }

    public static void finished() {
        LIVE.decrementAndGet();
    }

    public static int liveTasks() {
        return LIVE.get();
    }
}
