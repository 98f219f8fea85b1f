package sifr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sifr.bench.load.Machine;

/**
 * Turns JMH's JSON results into Markdown tables, one per benchmark class, with Sifr's figure next to
 * each peer's: methods are named {@code <implementation><Operation>} (implementation one of
 * {@link #IMPLEMENTATIONS}, e.g. {@code sifrBuild} / {@code nettyBuild}, or just {@code sifr} /
 * {@code netty}), and rows with the same operation and parameters are compared.
 *
 * <p>Usage: {@code JmhReport results.json [--update-docs docs/PERFORMANCE.md] [--command "..."]}.
 * With {@code --update-docs}, each class's table replaces the block between
 * {@code <!-- jmh:ClassName:begin -->} and {@code <!-- jmh:ClassName:end -->}, where present.
 */
public final class JmhReport {
    /** Known implementation prefixes of benchmark method names, Sifr first. */
    static final List<String> IMPLEMENTATIONS =
            List.of("sifr", "netty", "okHttp", "javaNet", "jdk", "helidon", "jetty", "bouncyCastle");

    private record Row(String cls, String impl, String op, String params, String mode, double score,
                       double error, String unit) {
    }

    private JmhReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JmhReport results.json [--update-docs docs/PERFORMANCE.md] [--command CMD]");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        Path doc = null;
        String command = "bench/jmh";
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--update-docs" -> doc = Path.of(args[i + 1]);
                case "--command" -> command = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, String> tables = tables(new ObjectMapper().readTree(json.toFile()), command,
                Files.getLastModifiedTime(json).toInstant().toString().substring(0, 16).replace('T', ' ') + " UTC");
        for (String t : tables.values()) {
            System.out.println(t);
        }
        if (doc != null) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : tables.entrySet()) {
                String begin = "<!-- jmh:" + e.getKey() + ":begin -->";
                String end = "<!-- jmh:" + e.getKey() + ":end -->";
                int b = text.indexOf(begin);
                int en = text.indexOf(end);
                if (b >= 0 && en > b) {
                    text = text.substring(0, b + begin.length()) + "\n" + e.getValue().strip() + "\n" + text.substring(en);
                    System.out.println("bench/jmh: " + doc + " updated for " + e.getKey());
                } else {
                    System.out.println("bench/jmh: no " + begin + " block in " + doc + " (table not written there)");
                }
            }
            Files.writeString(doc, text, StandardCharsets.UTF_8);
        }
    }

    /** One Markdown table per benchmark class (simple name), in the order JMH ran them. */
    static Map<String, String> tables(JsonNode results, String command, String when) {
        Map<String, List<Row>> byClass = new LinkedHashMap<>();
        for (JsonNode r : results) {
            String full = r.get("benchmark").asText();
            int dot = full.lastIndexOf('.');
            String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
            String method = full.substring(dot + 1);
            String impl = "";
            for (String candidate : IMPLEMENTATIONS) {
                if (method.startsWith(candidate) && (method.length() == candidate.length()
                        || Character.isUpperCase(method.charAt(candidate.length())))) {
                    impl = candidate;
                    break;
                }
            }
            String op = impl.isEmpty() ? method : method.substring(impl.length());
            if (impl.isEmpty()) {
                impl = method;
            }
            StringBuilder params = new StringBuilder();
            JsonNode p = r.get("params");
            if (p != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.append(params.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asText());
                }
            }
            JsonNode m = r.get("primaryMetric");
            double error = m.get("scoreError").isNumber() ? m.get("scoreError").asDouble() : Double.NaN;
            byClass.computeIfAbsent(cls, k -> new ArrayList<>()).add(new Row(cls, impl, op, params.toString(),
                    r.get("mode").asText(), m.get("score").asDouble(), error, m.get("scoreUnit").asText()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> e : byClass.entrySet()) {
            out.put(e.getKey(), table(e.getKey(), e.getValue(), command, when));
        }
        return out;
    }

    private static String table(String cls, List<Row> rows, String command, String when) {
        StringBuilder sb = new StringBuilder();
        sb.append("`").append(cls).append("`, ").append(when).append(", `").append(command)
                .append("`. ").append(Machine.host()).append("; load average (1/5/15 min) at the end ")
                .append(Machine.loadAverage()).append(".\n\n");
        sb.append("| Operation | Params | Implementation | Score | ± error | Unit | Sifr vs this |\n");
        sb.append("|---|---|---|---:|---:|---|---:|\n");
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> {
            int c = a.op().compareTo(b.op());
            if (c == 0) {
                c = a.params().compareTo(b.params());
            }
            if (c == 0) {
                c = Integer.compare(rank(a.impl()), rank(b.impl()));
            }
            return c;
        });
        for (Row r : sorted) {
            Row sifr = null;
            for (Row o : rows) {
                if (o.impl().equals("sifr") && o.op().equals(r.op()) && o.params().equals(r.params()) && o.mode().equals(r.mode())) {
                    sifr = o;
                }
            }
            String vs;
            if (sifr == null || r == sifr) {
                vs = r == sifr ? "–" : "(no Sifr row yet)";
            } else {
                // Time modes: lower is better, so Sifr's speed-up is peer time / Sifr time; throughput the inverse.
                double speedup = r.mode().equals("thrpt") ? sifr.score() / r.score() : r.score() / sifr.score();
                vs = String.format(Locale.ROOT, "%.2f× %s", speedup >= 1 ? speedup : 1 / speedup, speedup >= 1 ? "faster" : "slower");
            }
            sb.append("| ").append(r.op().isEmpty() ? "–" : r.op()).append(" | ")
                    .append(r.params().isEmpty() ? "–" : r.params()).append(" | ")
                    .append(r.impl()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.3f", r.score())).append(" | ")
                    .append(Double.isNaN(r.error()) ? "–" : String.format(Locale.ROOT, "%,.3f", r.error())).append(" | ")
                    .append(r.unit()).append(" | ")
                    .append(vs).append(" |\n");
        }
        return sb.toString();
    }

    private static int rank(String impl) {
        int i = IMPLEMENTATIONS.indexOf(impl);
        return i < 0 ? IMPLEMENTATIONS.size() : i;
    }
}
