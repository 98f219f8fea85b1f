package sifr.bench.headers;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import sifr.bench.Fixtures;
import sifr.http.HeaderField;
import sifr.http.HeaderMap;

/**
 * {@code sifr.http.HeaderMap} against Netty's {@code DefaultHttpHeaders} (both validate names and
 * values) on the 13 fields of a browser request: building the map, looking fields up (present,
 * different case, absent) and iterating over all of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderMapBenchmark {
    private String[] names;
    private String[] values;
    private HeaderMap sifrMap;
    private HttpHeaders nettyHeaders;

    @Setup
    public void setUp() {
        List<String> pairs = Fixtures.BROWSER_HEADERS;
        names = new String[pairs.size() / 2];
        values = new String[pairs.size() / 2];
        for (int i = 0; i < names.length; i++) {
            names[i] = pairs.get(2 * i);
            values[i] = pairs.get(2 * i + 1);
        }
        sifrMap = sifrBuild();
        nettyHeaders = nettyBuild();
    }

    @Benchmark
    public HeaderMap sifrBuild() {
        HeaderMap.Builder b = HeaderMap.builder();
        for (int i = 0; i < names.length; i++) {
            b.add(names[i], values[i]);
        }
        return b.build();
    }

    @Benchmark
    public HttpHeaders nettyBuild() {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < names.length; i++) {
            h.add(names[i], values[i]);
        }
        return h;
    }

    @Benchmark
    public void sifrGet(Blackhole bh) {
        bh.consume(sifrMap.get("user-agent"));
        bh.consume(sifrMap.get("Accept-Encoding"));
        bh.consume(sifrMap.get("x-forwarded-for"));
        bh.consume(sifrMap.contains("cookie"));
    }

    @Benchmark
    public void nettyGet(Blackhole bh) {
        bh.consume(nettyHeaders.get("user-agent"));
        bh.consume(nettyHeaders.get("Accept-Encoding"));
        bh.consume(nettyHeaders.get("x-forwarded-for"));
        bh.consume(nettyHeaders.contains("cookie"));
    }

    @Benchmark
    public int sifrIterate() {
        int n = 0;
        for (HeaderField f : sifrMap) {
            n += f.name().value().length() + f.value().value().length();
        }
        return n;
    }

    @Benchmark
    public int nettyIterate() {
        int n = 0;
        for (Map.Entry<String, String> e : nettyHeaders) {
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }
}
