package sifr.http.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.StaticFilesOptions;

/**
 * The handler's resolution cache ({@link FileCache}) seen through requests, on a clock of the test's
 * own: while an entry is trusted a changed file is answered wholly as it was (bytes and ETag
 * together), after the validity time or with the cache off the change shows, and nothing the cache
 * keeps can serve a file that left the root.
 */
class StaticFileCacheTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path tmp;
    private Path root;
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
    }

    private StaticFileHandler handler(Duration validity) {
        return new StaticFileHandler(root, StaticFilesOptions.builder().cacheValidity(validity).build(), clock::get);
    }

    private void write(String name, String text, long mtimeSecond) throws IOException {
        Path p = root.resolve(name);
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(mtimeSecond)));
    }

    private static HttpResponse get(StaticFileHandler h, String path, String... headers) throws Exception {
        return h.handle(HttpRequest.of(Http.requestHead("GET", path, HeaderMap.of(headers)), BodyStream.empty()));
    }

    private static String text(HttpResponse r) throws IOException {
        return new String(r.body().collectWithLimit(1 << 24), StandardCharsets.UTF_8);
    }

    @Test
    void aChangedFileIsAnsweredWhollyAsItWasUntilTheValidityTimePasses() throws Exception {
        write("a.txt", "old", 1_000);
        StaticFileHandler h = handler(Duration.ofSeconds(1));
        HttpResponse first = get(h, "/a.txt");
        String oldTag = first.headers().get("etag").orElseThrow();
        assertThat(text(first)).isEqualTo("old");
        write("a.txt", "new!", 2_000);
        clock.addAndGet(SECOND / 2);
        HttpResponse cached = get(h, "/a.txt");
        assertThat(cached.headers().get("etag")).contains(oldTag);
        assertThat(text(cached)).isEqualTo("old"); // the old bytes with the old tag, never mixed
        assertThat(get(h, "/a.txt", "if-none-match", oldTag).status().code()).isEqualTo(304);
        clock.addAndGet(SECOND / 2);
        HttpResponse fresh = get(h, "/a.txt");
        assertThat(fresh.headers().get("etag")).isPresent().get().isNotEqualTo(oldTag);
        assertThat(text(fresh)).isEqualTo("new!");
        assertThat(get(h, "/a.txt", "if-none-match", oldTag).status().code()).isEqualTo(200);
    }

    @Test
    void withAZeroValidityEveryRequestLooksAtTheFile() throws Exception {
        write("a.txt", "old", 1_000);
        StaticFileHandler h = handler(Duration.ZERO);
        assertThat(text(get(h, "/a.txt"))).isEqualTo("old");
        write("a.txt", "new!", 2_000);
        assertThat(text(get(h, "/a.txt"))).isEqualTo("new!");
        Files.delete(root.resolve("a.txt"));
        assertThat(get(h, "/a.txt").status().code()).isEqualTo(404);
    }

    @Test
    void theQueryDoesNotSplitTheEntryAndAnotherSpellingOfThePathIsResolvedOnItsOwn() throws Exception {
        write("a.txt", "old", 1_000);
        StaticFileHandler h = handler(Duration.ofSeconds(1));
        assertThat(text(get(h, "/a.txt?v=1"))).isEqualTo("old");
        write("a.txt", "new!", 2_000);
        assertThat(text(get(h, "/a.txt?v=2"))).isEqualTo("old"); // the same path: the entry holds
        assertThat(text(get(h, "/./a.txt"))).isEqualTo("new!"); // another spelling: looked up
    }

    @Test
    void aLargeFileDeletedOrSwappedForALinkOutOfTheRootIsNotServedFromTheEntry() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.bin"), "s".repeat(StaticFileHandler.IN_MEMORY_MAX + 1));
        String big = "b".repeat(StaticFileHandler.IN_MEMORY_MAX + 1);
        write("big.bin", big, 1_000);
        write("gone.bin", big, 1_000);
        StaticFileHandler h = handler(Duration.ofSeconds(1));
        assertThat(text(get(h, "/big.bin"))).isEqualTo(big);
        assertThat(text(get(h, "/gone.bin"))).isEqualTo(big);
        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, outside.resolve("secret.bin"));
        Files.move(link, root.resolve("big.bin"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(root.resolve("gone.bin"));
        assertThat(get(h, "/big.bin").status().code()).isEqualTo(404); // never followed, entry or not
        assertThat(get(h, "/gone.bin").status().code()).isEqualTo(404);
    }

    @Test
    void aRequestAcceptingACodingGetsTheSiblingEvenAfterOneThatDidNot() throws Exception {
        write("app.js", "console.log(1)", 1_000);
        write("app.js.br", "BR", 1_000);
        StaticFileHandler h = handler(Duration.ofSeconds(1));
        assertThat(text(get(h, "/app.js"))).isEqualTo("console.log(1)");
        HttpResponse br = get(h, "/app.js", "accept-encoding", "gzip, br");
        assertThat(br.headers().get("content-encoding")).contains("br");
        assertThat(text(br)).isEqualTo("BR");
        assertThat(text(get(h, "/app.js", "accept-encoding", "gzip"))).isEqualTo("console.log(1)");
        assertThat(get(h, "/app.js").headers().get("content-encoding")).isEmpty();
    }
}
