package sifr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JMH report pairs Sifr's method with each peer's by operation and parameters. */
class JmhReportTest {
    private static final String RESULTS = """
            [
              {"benchmark": "sifr.bench.headers.HeaderMapBenchmark.nettyBuild", "mode": "avgt", "params": null,
               "primaryMetric": {"score": 200.0, "scoreError": 5.0, "scoreUnit": "ns/op"}},
              {"benchmark": "sifr.bench.headers.HeaderMapBenchmark.sifrBuild", "mode": "avgt",
               "primaryMetric": {"score": 100.0, "scoreError": 2.0, "scoreUnit": "ns/op"}},
              {"benchmark": "sifr.bench.headers.HeaderMapBenchmark.nettyGet", "mode": "avgt",
               "primaryMetric": {"score": 50.0, "scoreError": "NaN", "scoreUnit": "ns/op"}},
              {"benchmark": "sifr.bench.http1.Http1HeadParseBenchmark.netty", "mode": "avgt", "params": {"request": "api"},
               "primaryMetric": {"score": 300.0, "scoreError": 1.0, "scoreUnit": "ns/op"}},
              {"benchmark": "sifr.bench.http1.Http1HeadParseBenchmark.sifr", "mode": "avgt", "params": {"request": "api"},
               "primaryMetric": {"score": 600.0, "scoreError": 1.0, "scoreUnit": "ns/op"}}
            ]
            """;

    @Test
    void comparesSifrWithEachPeerOfTheSameOperationAndParams() throws Exception {
        Map<String, String> tables = JmhReport.tables(new ObjectMapper().readTree(RESULTS), "bench/jmh", "now");
        assertThat(tables).containsOnlyKeys("HeaderMapBenchmark", "Http1HeadParseBenchmark");
        assertThat(tables.get("HeaderMapBenchmark"))
                .contains("| Build | – | netty | 200.000 | 5.000 | ns/op | 2.00× faster |")
                .contains("| Build | – | sifr | 100.000 | 2.000 | ns/op | – |")
                .contains("| Get | – | netty | 50.000 | – | ns/op | (no Sifr row yet) |");
        assertThat(tables.get("Http1HeadParseBenchmark"))
                .contains("| – | request=api | netty | 300.000 | 1.000 | ns/op | 2.00× slower |");
    }
}
