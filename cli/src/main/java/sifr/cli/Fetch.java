package sifr.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import sifr.http.BodyStream;
import sifr.http.HeaderField;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpClient;
import sifr.http.HttpResponse;
import sifr.http.Proxy;
import sifr.http.Redirects;
import sifr.tls.Tls;

/**
 * {@code sifr fetch URL [-X METHOD] [-H 'name: value'] [-d DATA] [-o FILE] [--cacert PEM] [-i] [-L] [-s]
 * [--compressed] [--max-time SECONDS] [-x PROXY] [--http1.1 | --http2 | --http2-prior-knowledge]}: one
 * call of the pooled {@link HttpClient}, the response body to stdout (or FILE). Like curl: redirects
 * are returned as they are unless {@code -L} ({@link Redirects#NORMAL}: not from https to http);
 * {@code --compressed} asks for gzip/deflate and decodes; {@code -x http://[user:pass@]host:port}
 * goes through an HTTP proxy (CONNECT for https); {@code --max-time} bounds the whole call; {@code -s} hides the progress bar, which is drawn (bytes, rate, ETA) on stderr
 * only when writing to a file from a terminal.
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
            + " [-L] [-s] [--compressed] [--max-time SECONDS] [-x PROXY] [--http1.1 | --http2 | --http2-prior-knowledge]";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    Fetch(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** True when the JVM talks to a terminal (JDK 22+ says so with Console.isTerminal; 21: a console exists). */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless both streams are a terminal
        }
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
        boolean follow = false;
        boolean silent = false;
        boolean compressed = false;
        String proxy = null;
        Duration maxTime = null;
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
                case "-L", "--location" -> follow = true;
                case "-s", "--silent" -> silent = true;
                case "--compressed" -> compressed = true;
                case "-x", "--proxy" -> proxy = value(args, ++i);
                case "--max-time" -> maxTime = seconds(value(args, ++i));
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
        if (http1Only && http2) {
            throw new IllegalArgumentException("--http1.1 and --http2 exclude each other");
        }
        HttpClient.Builder builder = HttpClient.builder().maxResponseBodyBytes(Long.MAX_VALUE)
                .http2(!http1Only).http2PriorKnowledge(http2).redirects(follow ? Redirects.NORMAL : Redirects.NEVER)
                .maxRetries(1).decompression(compressed);
        if (proxy != null) {
            builder.proxy(Proxy.parse(proxy));
        }
        if (maxTime != null) {
            builder.requestTimeout(maxTime);
        }
        if (caCert != null) {
            // the client sets the ALPN list itself from the options above
            builder.tls(Tls.clientConfigFromCaPem(Files.readAllBytes(caCert), List.of("http/1.1")));
        }
        BodyStream body = data == null ? BodyStream.empty() : Http.bodyFromBytes(data.getBytes(StandardCharsets.UTF_8));
        String m = method != null ? method : data != null ? "POST" : "GET";
        try (HttpClient client = builder.build();
             HttpResponse response = client.send(m, url, headers.build(), body)) {
            if (include) {
                out.print(response.version() + " " + response.status() + "\r\n");
                for (HeaderField f : response.headers()) {
                    out.print(f.name() + ": " + f.value() + "\r\n");
                }
                out.print("\r\n");
            }
            long total = response.body().length().orElse(-1);
            Progress progress = !silent && terminal && output != null ? new Progress(err, total) : null;
            try (OutputStream sink = output == null ? out : Files.newOutputStream(output)) {
                copy(response.body(), sink, progress);
            }
            return response.status().code() < 400 ? 0 : 22; // like curl -f: an HTTP error is a failure
        }
    }

    private static void copy(BodyStream body, OutputStream sink, Progress progress) throws IOException {
        for (byte[] chunk = body.readChunk(); chunk.length > 0; chunk = body.readChunk()) {
            sink.write(chunk);
            if (progress != null) {
                progress.add(chunk.length);
            }
        }
        sink.flush();
        if (progress != null) {
            progress.done();
        }
    }

    private static Duration seconds(String text) {
        try {
            double s = Double.parseDouble(text);
            if (!(s > 0) || s > 86_400) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos((long) (s * 1e9));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-time takes seconds (0 < s <= 86400): " + text);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(USAGE);
        }
        return args[i];
    }
}
