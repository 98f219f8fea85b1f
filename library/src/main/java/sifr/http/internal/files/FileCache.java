package sifr.http.internal.files;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Request paths recently resolved to files, so the next request for the same path skips parsing,
 * {@code lstat}, {@code open} and {@code read}: nginx's {@code open_file_cache} idea, holding
 * validators, prepared header fields and small files' bytes rather than descriptors. An entry is trusted
 * for the validity time ({@code StaticFilesOptions.cacheValidity}, 1 s by default); after it the path is
 * resolved again (every rule re-applied) and a file with the same size and mtime keeps its bytes. So a
 * changed, deleted or replaced file shows within that time, and while an entry is trusted the answer is
 * the whole of what was seen (bytes and validators together, never the new bytes with old tags).
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} paths and {@link #MAX_CONTENT_BYTES} of file bytes. When an
 * insertion would pass either, expired entries are dropped first and, if that is not enough, all of
 * them (requests then resolve as without the cache until it fills again). Lookups take no lock; the
 * lock guards only insertions and the byte count, which happen at most once per path per validity time.
 */
final class FileCache {
    static final int MAX_ENTRIES = 1024;
    static final long MAX_CONTENT_BYTES = 8L * 1024 * 1024;

    private final long validNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, CachedPath> entries = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private long contentBytes; // guarded by lock

    FileCache(Duration validity) {
        this(validity, System::nanoTime);
    }

    /** With a clock of its own (nanoseconds), for tests of expiry. */
    FileCache(Duration validity, LongSupplier clock) {
        this.validNanos = validity.toNanos();
        this.clock = clock;
    }

    /** Whether entries are kept at all (a zero validity turns the cache off). */
    boolean enabled() {
        return validNanos > 0;
    }

    long now() {
        return clock.getAsLong();
    }

    /** The entry for this path while it is trusted, else null. */
    CachedPath get(String path) {
        if (validNanos == 0) {
            return null;
        }
        CachedPath e = entries.get(path);
        return e != null && clock.getAsLong() - e.checkedAt() < validNanos ? e : null;
    }

    /** The entry for this path even when expired (its bytes may be reused), or null. */
    CachedPath previous(String path) {
        return validNanos == 0 ? null : entries.get(path);
    }

    void put(String path, CachedPath entry) {
        if (validNanos == 0) {
            return;
        }
        long bytes = entry.contentBytes();
        lock.lock();
        try {
            CachedPath old = entries.get(path);
            long after = contentBytes - (old == null ? 0 : old.contentBytes()) + bytes;
            if (old == null && entries.size() >= MAX_ENTRIES || after > MAX_CONTENT_BYTES) {
                dropExpired();
                old = entries.get(path);
                after = contentBytes - (old == null ? 0 : old.contentBytes()) + bytes;
                if (old == null && entries.size() >= MAX_ENTRIES || after > MAX_CONTENT_BYTES) {
                    entries.clear();
                    contentBytes = 0;
                    after = bytes;
                }
            }
            entries.put(path, entry);
            contentBytes = after;
        } finally {
            lock.unlock();
        }
    }

    private void dropExpired() {
        long now = clock.getAsLong();
        for (Map.Entry<String, CachedPath> e : entries.entrySet()) {
            if (now - e.getValue().checkedAt() >= validNanos && entries.remove(e.getKey(), e.getValue())) {
                contentBytes -= e.getValue().contentBytes();
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** File bytes held now. */
    long contentBytes() {
        lock.lock();
        try {
            return contentBytes;
        } finally {
            lock.unlock();
        }
    }
}
