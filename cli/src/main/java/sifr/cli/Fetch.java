package sifr.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import sifr.http.BodyStream;
import sifr.http.HeaderField;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpClientOptions;
import sifr.http.HttpConnection;
import sifr.http.HttpResponse;
import sifr.tls.Tls;
import sifr.url.Url;

/**
 * {@code sifr fetch URL [-X METHOD] [-H 'name: value'] [-d DATA] [-o FILE] [--cacert PEM] [-i]
 * [--http1.1 | --http2 | --http2-prior-knowledge]}: one request, the response body to stdout (or FILE),
 * a progress bar on stderr for long downloads.
 *
 * <p>Protocol, like curl: {@code https} offers ALPN {@code h2, http/1.1} and speaks what the server picks
 * ({@code --http1.1}: offers only {@code http/1.1}); {@code http} speaks HTTP/1.1. On {@code http},
 * {@code --http2} and {@code --http2-prior-knowledge} both speak HTTP/2 from the first byte (h2c prior
 * knowledge): Sifr's client does not do the HTTP/1.1 {@code Upgrade: h2c} dance, which costs a round
 * trip and cannot carry a request body (curl's {@code --http2} on http does it; servers that serve h2c
 * by Upgrade, Sifr's included, also take prior knowledge).
 */
final class Fetch {
    static final String USAGE = "usage: sifr fetch URL [-X METHOD] [-H 'name: value'] [-d DATA] [-o FILE] [--cacert PEM] [-i]"
            + " [--http1.1 | --http2 | --http2-prior-knowledge]";
    private static final long PROGRESS_FROM = 1 << 20;

    private final PrintStream out;
    private final PrintStream err;

    Fetch(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws Exception {
        String url = null;
        String method = null;
        String data = null;
        Path output = null;
        Path caCert = null;
        boolean include = false;
        boolean http1Only = false;
        boolean http2 = false;
        HeaderMap.Builder headers = HeaderMap.builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-X" -> method = value(args, ++i);
                case "-H" -> {
                    String h = value(args, ++i);
                    int colon = h.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("header must be 'name: value': " + h);
                    }
                    headers.add(h.substring(0, colon), h.substring(colon + 1));
                }
                case "-d" -> data = value(args, ++i);
                case "-o" -> output = Path.of(value(args, ++i));
                case "--cacert" -> caCert = Path.of(value(args, ++i));
                case "-i" -> include = true;
                case "--http1.1" -> http1Only = true;
                case "--http2", "--http2-prior-knowledge" -> http2 = true;
                default -> {
                    if (a.startsWith("-") || url != null) {
                        throw new IllegalArgumentException(USAGE);
                    }
                    url = a;
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException(USAGE);
        }
        Url parsed = Url.parse(url);
        String target = parsed.path() + parsed.query().map(q -> "?" + q).orElse("");
        if (http1Only && http2) {
            throw new IllegalArgumentException("--http1.1 and --http2 exclude each other");
        }
        HttpClientOptions options = HttpClientOptions.builder().maxResponseBodyBytes(Long.MAX_VALUE)
                .offerH2(!http1Only).h2cPriorKnowledge(http2).build();
        if (caCert != null) {
            // the client sets the ALPN list itself from the options above
            options = options.toBuilder().tls(Tls.clientConfigFromCaPem(Files.readAllBytes(caCert), List.of("http/1.1"))).build();
        }
        BodyStream body = data == null ? BodyStream.empty() : Http.bodyFromBytes(data.getBytes(StandardCharsets.UTF_8));
        String m = method != null ? method : data != null ? "POST" : "GET";
        try (HttpConnection connection = HttpConnection.open(parsed.origin(), options); // the target goes in the head
             HttpResponse response = connection.send(Http.requestHead(m, target, headers.build()), body)) {
            if (include) {
                out.print(response.version() + " " + response.status() + "\r\n");
                for (HeaderField f : response.headers()) {
                    out.print(f.name() + ": " + f.value() + "\r\n");
                }
                out.print("\r\n");
            }
            long total = response.headers().get("content-length").map(Long::parseLong).orElse(-1L);
            try (OutputStream sink = output == null ? out : Files.newOutputStream(output)) {
                copy(response.body(), sink, total, output != null);
            }
            return response.status().code() < 400 ? 0 : 22; // like curl -f: an HTTP error is a failure
        }
    }

    private void copy(BodyStream body, OutputStream sink, long total, boolean showProgress) throws IOException {
        long done = 0;
        int shown = -1;
        for (byte[] chunk = body.readChunk(); chunk.length > 0; chunk = body.readChunk()) {
            sink.write(chunk);
            done += chunk.length;
            if (showProgress && total >= PROGRESS_FROM) {
                int percent = (int) (done * 100 / total);
                if (percent != shown) {
                    shown = percent;
                    int bars = percent / 5;
                    err.print("\r[" + "#".repeat(bars) + " ".repeat(20 - bars) + "] " + percent + "% of " + total + " bytes");
                }
            }
        }
        sink.flush();
        if (shown >= 0) {
            err.println();
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(USAGE);
        }
        return args[i];
    }
}
