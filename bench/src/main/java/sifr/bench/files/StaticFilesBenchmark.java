package sifr.bench.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.StaticFiles;
import sifr.http.StaticFilesOptions;

/**
 * The static-file handler in process, without the network: the load runs' {@code small.bin} (1 KiB) as
 * a 200 (its body read to the end, as the server would) and as a 304 ({@code If-None-Match} with its
 * own ETag), with the resolution cache at its default ({@code cacheValidity} 1 s) and off (0: every
 * request parses the path, {@code lstat}s, opens and reads the file, the handler's cost before the
 * cache). Counts what the handler adds to a request; the rest of the exchange is the server's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StaticFilesBenchmark {
    /** The resolution cache's validity in milliseconds: 1000 (the default) or 0 (off). */
    @Param({"1000", "0"})
    public int cacheMillis;

    private Path root;
    private HttpHandler handler;
    private HttpRequest get;
    private HttpRequest conditional;

    @Setup
    public void setUp() throws IOException {
        root = Files.createTempDirectory("sifr-static-bench");
        byte[] small = new byte[1024];
        ThreadLocalRandom.current().nextBytes(small);
        Files.write(root.resolve("small.bin"), small);
        handler = StaticFiles.handler(root, StaticFilesOptions.builder()
                .cacheValidity(Duration.ofMillis(cacheMillis)).build());
        HeaderMap base = HeaderMap.of("host", "127.0.0.1:8080", "user-agent", "wrk");
        get = HttpRequest.of(Http.requestHead("GET", "/small.bin", base), BodyStream.empty());
        String etag;
        try {
            etag = handler.handle(get).headers().get("etag").orElseThrow();
        } catch (Exception e) {
            throw new IOException(e);
        }
        conditional = HttpRequest.of(Http.requestHead("GET", "/small.bin", base.add("if-none-match", etag)),
                BodyStream.empty());
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(root.resolve("small.bin"));
        Files.deleteIfExists(root);
    }

    @Benchmark
    public int small200() throws Exception {
        HttpResponse r = handler.handle(get);
        try (BodyStream body = r.body()) {
            return body.readChunk().length;
        }
    }

    @Benchmark
    public HttpResponse notModified304() throws Exception {
        return handler.handle(conditional);
    }
}
