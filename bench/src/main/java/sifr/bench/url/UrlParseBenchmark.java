package sifr.bench.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import sifr.bench.BenchData;
import sifr.url.Url;
import sifr.url.UrlError;

/**
 * Parses every URL of {@code testdata/urls-kasztp/urls-kasztp.txt} (about 48,000 real-world URLs) once
 * per operation, so one op = the whole corpus and a score in ms/op compares directly across parsers.
 * Inputs a parser rejects still cost a full attempt and are counted, not skipped.
 *
 * <p>Peers: {@code java.net.URI} (RFC 2396, not WHATWG) and OkHttp's {@code HttpUrl} (WHATWG-like,
 * http/https only) — and Sifr's {@code sifr.url.Url.parse} (WHATWG, with IDNA), which does the most work
 * of the three: host canonicalisation, percent-encoding sets and a full serialisation.
 */
@SuppressWarnings("SIFR-IMPORT-0008:java.net.URI") // a peer of the comparison
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UrlParseBenchmark {
    private String[] urls;

    @Setup
    public void load() {
        List<String> all = BenchData.urls();
        urls = all.toArray(String[]::new);
    }

    @Benchmark
    public void sifrParse(Blackhole bh) {
        for (String url : urls) {
            try {
                bh.consume(Url.parse(url));
            } catch (UrlError e) {
                bh.consume(e);
            }
        }
    }

    @Benchmark
    public void javaNetParse(Blackhole bh) {
        for (String url : urls) {
            try {
                bh.consume(new URI(url));
            } catch (URISyntaxException e) {
                bh.consume(e);
            }
        }
    }

    @Benchmark
    public void okHttpParse(Blackhole bh) {
        for (String url : urls) {
            bh.consume(HttpUrl.parse(url)); // null when rejected; consumed either way
        }
    }

    /** Parse, then read what a client reads: host, path, query and the serialization. */
    @Benchmark
    public void sifrParseAndRead(Blackhole bh) {
        for (String url : urls) {
            try {
                Url parsed = Url.parse(url);
                bh.consume(parsed.host());
                bh.consume(parsed.path());
                bh.consume(parsed.query());
                bh.consume(parsed.href());
            } catch (UrlError e) {
                bh.consume(e);
            }
        }
    }

    @Benchmark
    public void javaNetParseAndRead(Blackhole bh) {
        for (String url : urls) {
            try {
                URI parsed = new URI(url);
                bh.consume(parsed.getHost());
                bh.consume(parsed.getRawPath());
                bh.consume(parsed.getRawQuery());
                bh.consume(parsed.toString());
            } catch (URISyntaxException e) {
                bh.consume(e);
            }
        }
    }

    @Benchmark
    public void okHttpParseAndRead(Blackhole bh) {
        for (String url : urls) {
            HttpUrl parsed = HttpUrl.parse(url);
            if (parsed != null) {
                bh.consume(parsed.host());
                bh.consume(parsed.encodedPath());
                bh.consume(parsed.encodedQuery());
                bh.consume(parsed.toString());
            }
        }
    }
}
