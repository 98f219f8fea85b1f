package sifr.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import sifr.http.BodyStream;
import sifr.http.HeaderField;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.Method;
import sifr.tls.Tls;

/**
 * {@code sifr serve [--port N] [--tls CERT KEY] [--echo] [--http1.1] [DIR]}: static files from DIR
 * (default: the current directory) or, with {@code --echo}, every request answered with what the server
 * parsed. One port speaks HTTP/1.1 and HTTP/2: with {@code --tls} by ALPN ({@code h2}, {@code http/1.1}),
 * in cleartext by prior knowledge and by {@code Upgrade: h2c}; {@code --http1.1} turns HTTP/2 off.
 */
final class Serve {
    static final String USAGE = "usage: sifr serve [--port N] [--tls CERT KEY] [--echo] [--http1.1] [DIR]";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"), Map.entry("wasm", "application/wasm"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("csv", "text/csv"));

    private final PrintStream out;

    Serve(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws Exception {
        int port = 8080;
        Path cert = null;
        Path key = null;
        boolean echo = false;
        boolean http1Only = false;
        Path dir = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(arg(args, ++i));
                case "--tls" -> {
                    cert = Path.of(arg(args, ++i));
                    key = Path.of(arg(args, ++i));
                }
                case "--echo" -> echo = true;
                case "--http1.1" -> http1Only = true;
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException(USAGE);
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        HttpServerOptions.Builder options = HttpServerOptions.builder();
        if (http1Only) {
            options.http1Only();
        }
        if (cert != null) {
            // the server sets the ALPN list itself from the enabled protocols
            options.tls(Tls.serverConfig(Files.readAllBytes(cert), Files.readAllBytes(key)));
        }
        HttpHandler handler = echo ? Serve::echo : files(dir.toAbsolutePath().normalize());
        HttpServer server = HttpServer.start("127.0.0.1:" + port, handler, options.build());
        out.println("serving " + (echo ? "echo" : dir.toAbsolutePath().normalize().toString()) + " on "
                + (cert != null ? "https" : "http") + "://" + server.localAddr() + "/ ("
                + (http1Only ? "HTTP/1.1" : cert != null ? "HTTP/2 and HTTP/1.1 by ALPN" : "HTTP/1.1, h2c prior knowledge and Upgrade")
                + "; Ctrl-C stops)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
        return 0;
    }

    /** Answers with the request as the server parsed it. */
    static HttpResponse echo(HttpRequest request) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(text, true, StandardCharsets.UTF_8);
        p.println("method: " + request.method());
        p.println("target: " + request.path());
        p.println("version: " + request.head().version());
        for (HeaderField f : request.headers()) {
            p.println("header: " + f.name() + ": " + f.value());
        }
        byte[] body = request.body().collectWithLimit(1 << 20);
        p.println("body: " + body.length + " bytes");
        p.flush();
        text.write(body);
        return HttpResponse.of(200, HeaderMap.of("content-type", "text/plain; charset=utf-8"), Http.bodyFromBytes(text.toByteArray()));
    }

    static HttpHandler files(Path root) {
        return request -> {
            if (!request.method().equals(Method.GET) && !request.method().equals(Method.HEAD)) {
                return HttpResponse.of(405, HeaderMap.of("allow", "GET, HEAD"));
            }
            String path = request.path();
            int q = path.indexOf('?');
            String decoded = sifr.url.Url.percentDecode(q < 0 ? path : path.substring(0, q));
            Path file = root.resolve(decoded.replaceFirst("^/+", "")).normalize();
            if (!file.startsWith(root)) {
                return HttpResponse.of(403, HeaderMap.empty());
            }
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file)) {
                return HttpResponse.of(404, HeaderMap.of("content-type", "text/plain"),
                        Http.bodyFromBytes("not found\n".getBytes(StandardCharsets.UTF_8)));
            }
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String type = dot < 0 ? "application/octet-stream"
                    : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
            return HttpResponse.of(200, HeaderMap.of("content-type", type),
                    BodyStream.ofInputStream(Files.newInputStream(file), Files.size(file)));
        };
    }

    private static String arg(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(USAGE);
        }
        return args[i];
    }
}
