package sifr.bench.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.HttpUrl;
import sifr.bench.BenchData;
import sifr.url.Url;
import sifr.url.UrlError;

/**
 * The URL corpus through Sifr, {@code java.net.URI} and OkHttp's {@code HttpUrl}, interleaved: every
 * round times one pass of each parser, in a rotating order, and the report gives the median per
 * parser and the median of the per-round ratios. On a shared, noisy machine this is steadier than
 * JMH's one-benchmark-after-the-other, because a burst of load hits all three alike.
 * Run: {@code java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" sifr.bench.url.UrlParseInterleaved [rounds]}
 * (after {@code bench/jmh -l} or a build of the bench module); the first 20% of rounds are warm-up.
 * With {@code [rounds] sifr-only} it times Sifr alone, the way {@code node-url-parse.mjs} times Node
 * (after 5 s of warm-up passes, then {@code rounds} timed passes). With {@code [rounds] full-parser} the
 * URLs get a username, which Sifr's fast path leaves to the full WHATWG parser.
 */
@SuppressWarnings("SIFR-IMPORT-0008:java.net.URI") // a peer of the comparison
public final class UrlParseInterleaved {
    private static long sink;

    private UrlParseInterleaved() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        String[] urls = BenchData.urls().toArray(String[]::new);
        if (args.length > 1 && args[1].equals("full-parser")) {
            // The same URLs with a username ("https://user@host/..."): Sifr's fast path declines
            // credentials, so this times the full WHATWG state machine against the same peers.
            for (int i = 0; i < urls.length; i++) {
                int authority = urls[i].indexOf("://");
                if (authority >= 0) {
                    urls[i] = urls[i].substring(0, authority + 3) + "user@" + urls[i].substring(authority + 3);
                }
            }
        }
        if (args.length > 1 && args[1].equals("sifr-only")) {
            // The Node script's method (median of timed passes of one parser), for the Node comparison.
            // A pass takes only a few ms, so warm up by time (C2 needs seconds), not by pass count.
            long warmupEnd = System.nanoTime() + 5_000_000_000L;
            for (int pass = 0; pass < 5_000 && System.nanoTime() < warmupEnd; pass++) {
                sifrPass(urls);
            }
            List<Double> alone = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                sifrPass(urls);
                alone.add((System.nanoTime() - start) / (double) urls.length);
            }
            System.out.printf("sifr alone: %d URLs, median %.0f ns/URL over %d passes (fastest %.0f, mean %.0f)%n", urls.length,
                    median(alone), alone.size(), Collections.min(alone), alone.stream().mapToDouble(Double::doubleValue).average().orElse(0));
            return;
        }
        List<Double> sifr = new ArrayList<>();
        List<Double> uri = new ArrayList<>();
        List<Double> okhttp = new ArrayList<>();
        List<Double> uriRatio = new ArrayList<>();
        List<Double> okRatio = new ArrayList<>();
        int warmup = rounds / 5;
        for (int round = 0; round < rounds; round++) {
            long[] t = new long[3];
            for (int k = 0; k < 3; k++) {
                int which = (round + k) % 3;
                long start = System.nanoTime();
                switch (which) {
                    case 0 -> sifrPass(urls);
                    case 1 -> uriPass(urls);
                    default -> okHttpPass(urls);
                }
                t[which] = System.nanoTime() - start;
            }
            if (round >= warmup) {
                sifr.add(t[0] / (double) urls.length);
                uri.add(t[1] / (double) urls.length);
                okhttp.add(t[2] / (double) urls.length);
                uriRatio.add(t[1] / (double) t[0]);
                okRatio.add(t[2] / (double) t[0]);
            }
        }
        System.out.printf("%d URLs, %d measured rounds (median ns/URL): sifr %.0f, java.net.URI %.0f, OkHttp HttpUrl %.0f%n",
                urls.length, sifr.size(), median(sifr), median(uri), median(okhttp));
        System.out.printf("median per-round speed-up of Sifr: %.2fx vs java.net.URI, %.2fx vs OkHttp HttpUrl%n",
                median(uriRatio), median(okRatio));
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void sifrPass(String[] urls) {
        for (String url : urls) {
            try {
                sink += Url.parse(url).href().length();
            } catch (UrlError e) {
                sink++;
            }
        }
    }

    private static void uriPass(String[] urls) {
        for (String url : urls) {
            try {
                sink += new URI(url).getPort(); // a field read: no extra work beyond parsing
            } catch (URISyntaxException e) {
                sink++;
            }
        }
    }

    private static void okHttpPass(String[] urls) {
        for (String url : urls) {
            HttpUrl parsed = HttpUrl.parse(url);
            sink += parsed == null ? 1 : parsed.port();
        }
    }
}
