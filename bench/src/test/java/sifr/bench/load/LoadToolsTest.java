package sifr.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner reads the load tools' reports correctly (fixtures are real wrk 4.1 / h2load 1.52 output). */
class LoadToolsTest {
    private static final String WRK = """
            Running 2s test @ http://127.0.0.1:40331/
              1 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     2.61ms    8.12ms 197.12ms   97.52%
                Req/Sec    12.01k     1.02k   13.09k    80.00%
              Latency Distribution
                 50%  412.00us
                 75%  600.00us
                 90%    1.10ms
                 99%   45.87ms
              23900 requests in 2.01s, 2.94MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 4
            Requests/sec:  11888.06
            Transfer/sec:      1.46MB
            """;

    private static final String H2LOAD = """
            starting benchmark...
            spawning thread #0: 16 total client(s). Timing-based test with 0s of warm-up time and 2s of main duration for measurements.
            finished in 2.00s, 23632.00 req/s, 650.43KB/s
            requests: 47264 total, 47776 started, 47264 done, 47260 succeeded, 4 failed, 0 errored, 0 timeout
            status codes: 47260 2xx, 0 3xx, 3 4xx, 0 5xx
            """;

    @Test
    void readsWrkThroughputPercentilesAndErrors() throws Exception {
        Measurement m = LoadTools.parseWrk(WRK);
        assertThat(m.requestsPerSecond()).isEqualTo(11888.06);
        assertThat(m.p50Millis()).isCloseTo(0.412, within(1e-9));
        assertThat(m.p99Millis()).isCloseTo(45.87, within(1e-9));
        assertThat(m.errors()).isEqualTo(2 + 1 + 4);
    }

    @Test
    void treatsWrkZeroPercentilesAsMissingAndLeavesThemOutOfMedians() throws Exception {
        Measurement m = LoadTools.parseWrk(WRK.replace("412.00us", "0.00us").replace("45.87ms", "0.00us"));
        assertThat(m.p50Millis()).isNaN();
        assertThat(m.p99Millis()).isNaN();
        ResultTable t = new ResultTable();
        t.add(Workload.H1_PIPELINED, ServerSpec.all().get(0), m);
        t.add(Workload.H1_PIPELINED, ServerSpec.all().get(0), run(10));
        assertThat(t.markdown()).contains("| 1.00* (1 runs) | 2.00* (1 runs) |").contains("0.00us");
    }

    @Test
    void convertsEveryWrkTimeUnitToMilliseconds() {
        assertThat(LoadTools.wrkMillis("250.00us")).isCloseTo(0.25, within(1e-9));
        assertThat(LoadTools.wrkMillis("1.50ms")).isCloseTo(1.5, within(1e-9));
        assertThat(LoadTools.wrkMillis("2.00s")).isCloseTo(2000, within(1e-9));
        assertThat(LoadTools.wrkMillis("1.00m")).isCloseTo(60_000, within(1e-9));
    }

    @Test
    void readsH2loadThroughputErrorsAndPercentilesFromItsLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("h2load.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 100; i++) { // elapsed 1000..100000 us
            sb.append(1_700_000_000_000_000L + i).append("\t200\t").append(i * 1000).append('\n');
        }
        Files.writeString(log, sb);
        Measurement m = LoadTools.parseH2load(H2LOAD, log);
        assertThat(m.requestsPerSecond()).isEqualTo(23632.00);
        assertThat(m.errors()).isEqualTo(4 + 3);
        assertThat(m.p50Millis()).isEqualTo(50.0);
        assertThat(m.p99Millis()).isEqualTo(99.0);
    }

    @Test
    void medianOfEvenCountAveragesTheMiddleTwo() {
        List<Measurement> ms = List.of(run(4), run(1), run(3), run(2));
        assertThat(ResultTable.median(ms, Measurement::requestsPerSecond)).isEqualTo(2.5);
    }

    @Test
    void tableShowsRatioAgainstTheBaselineServer() {
        ResultTable t = new ResultTable();
        ServerSpec netty = ServerSpec.all().get(0);
        ServerSpec helidon = ServerSpec.all().stream().filter(s -> s.name().equals("helidon")).findFirst().orElseThrow();
        t.add(Workload.H1_PLAIN, netty, run(1000));
        t.add(Workload.H1_PLAIN, helidon, run(500));
        assertThat(t.markdown()).contains("| netty | 1,000 | 1.00× |").contains("| helidon | 500 | 0.50× |");
    }

    private static Measurement run(double rps) {
        return new Measurement(rps, 1, 2, 0, 1024);
    }
}
