package sifr.http.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import sifr.http.HeaderMap;

/** {@link FileCache}'s expiry and its two bounds (paths and bytes), on a clock of the test's own. */
class FileCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    private CachedPath entry(int bytes) {
        FileRepresentation r = new FileRepresentation(Path.of("/x"), bytes, 0, null, "text/plain", "\"0-0\"",
                Instant.EPOCH, HeaderMap.empty(), HeaderMap.empty(), bytes > 0 ? new byte[bytes] : null);
        return new CachedPath(r, null, null, false, clock.get());
    }

    @Test
    void anEntryIsTrustedForTheValidityTimeOnly() {
        FileCache cache = new FileCache(Duration.ofSeconds(1), clock::get);
        cache.put("/a", entry(10));
        assertThat(cache.get("/a")).isNotNull();
        clock.addAndGet(SECOND - 1);
        assertThat(cache.get("/a")).isNotNull();
        clock.incrementAndGet();
        assertThat(cache.get("/a")).isNull();
        assertThat(cache.previous("/a")).isNotNull(); // kept for its bytes until replaced
    }

    @Test
    void aZeroValidityKeepsNothing() {
        FileCache cache = new FileCache(Duration.ZERO, clock::get);
        cache.put("/a", entry(10));
        assertThat(cache.enabled()).isFalse();
        assertThat(cache.get("/a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void pastMaxEntriesExpiredOnesGoFirstThenAll() {
        FileCache cache = new FileCache(Duration.ofSeconds(1), clock::get);
        cache.put("/old", entry(0));
        clock.addAndGet(2 * SECOND);
        for (int i = 1; i < FileCache.MAX_ENTRIES; i++) {
            cache.put("/" + i, entry(0));
        }
        assertThat(cache.size()).isEqualTo(FileCache.MAX_ENTRIES);
        cache.put("/new", entry(0));
        assertThat(cache.size()).isEqualTo(FileCache.MAX_ENTRIES); // the expired one made room
        assertThat(cache.previous("/old")).isNull();
        cache.put("/newer", entry(0));
        assertThat(cache.size()).isEqualTo(1); // nothing expired: started over
        assertThat(cache.get("/newer")).isNotNull();
    }

    @Test
    void fileBytesStayWithinTheBudgetAndAreCountedOnReplacement() {
        FileCache cache = new FileCache(Duration.ofSeconds(1), clock::get);
        int each = StaticFileHandler.IN_MEMORY_MAX;
        long fits = FileCache.MAX_CONTENT_BYTES / each;
        for (int i = 0; i < fits; i++) {
            cache.put("/" + i, entry(each));
        }
        assertThat(cache.contentBytes()).isEqualTo(fits * each);
        cache.put("/0", entry(each)); // a replacement adds nothing
        assertThat(cache.contentBytes()).isEqualTo(fits * each);
        cache.put("/one-more", entry(each));
        assertThat(cache.contentBytes()).isLessThanOrEqualTo(FileCache.MAX_CONTENT_BYTES).isEqualTo(each);
        assertThat(cache.size()).isEqualTo(1);
    }
}
