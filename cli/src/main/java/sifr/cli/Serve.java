package sifr.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import sifr.http.HeaderField;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.StaticFiles;
import sifr.http.StaticFilesOptions;
import sifr.net.SocketAddr;
import sifr.tls.Tls;

/**
 * {@code sifr serve}: the files of a directory through {@link StaticFiles} (ranges, validators,
 * listings, precompressed siblings), or with {@code --echo} every request answered with what the
 * server parsed. One log line per request on standard output. Cleartext speaks HTTP/1.1, plus h2c
 * (prior knowledge and {@code Upgrade}) with {@code --h2c}; with {@code --cert}/{@code --key}, HTTP/2
 * and HTTP/1.1 by ALPN unless {@code --http1.1}.
 */
final class Serve {
    static final String USAGE = "usage: sifr serve [--bind ADDR] [--port N] [--cert PEM --key PEM] [--h2c] [--http1.1]"
            + " [--no-list] [--echo] [--ws-echo] [DIR]";

    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** What the command line asked for; each option is one field and one case in {@link #parse}. */
    static final class Settings {
        String bind = "127.0.0.1";
        int port = 8080;
        Path cert;
        Path key;
        boolean h2c;
        boolean http1Only;
        boolean list = true;
        boolean echo;
        boolean wsEcho;
        Path dir = Path.of(".");
    }

    private final PrintStream out;

    Serve(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws Exception {
        HttpServer server = start(parse(args));
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

    /** @throws IllegalArgumentException naming the option that is wrong, or the usage */
    static Settings parse(String[] args) {
        Settings s = new Settings();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--bind" -> s.bind = value(args, ++i, a);
                case "--port" -> s.port = port(value(args, ++i, a));
                case "--cert" -> s.cert = Path.of(value(args, ++i, a));
                case "--key" -> s.key = Path.of(value(args, ++i, a));
                case "--tls" -> { // the older spelling: --tls CERT KEY
                    s.cert = Path.of(value(args, ++i, a));
                    s.key = Path.of(value(args, ++i, a));
                }
                case "--h2c" -> s.h2c = true;
                case "--http1.1" -> s.http1Only = true;
                case "--no-list" -> s.list = false;
                case "--echo" -> s.echo = true;
                case "--ws-echo" -> s.wsEcho = true;
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    }
                    s.dir = Path.of(a);
                }
            }
        }
        if ((s.cert == null) != (s.key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        if (s.h2c && s.cert != null) {
            throw new IllegalArgumentException("--h2c is for cleartext; with --cert HTTP/2 is chosen by ALPN");
        }
        return s;
    }

    /** Starts serving; prints where, and the URL to open. */
    HttpServer start(Settings s) throws IOException {
        HttpHandler handler;
        Path root = s.dir.toAbsolutePath().normalize();
        if (s.echo) {
            handler = Serve::echo;
        } else {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException(Files.exists(root) ? "not a directory: " + root
                        : "no such directory: " + root + " (give the directory to serve, e.g. sifr serve .)");
            }
            handler = StaticFiles.handler(root, StaticFilesOptions.builder().listDirectories(s.list).build());
        }
        HttpServerOptions.Builder options = HttpServerOptions.builder();
        boolean tls = s.cert != null;
        if (tls) {
            // the server sets the ALPN list itself from the enabled protocols
            options.tls(Tls.serverConfig(Files.readAllBytes(s.cert), Files.readAllBytes(s.key)));
        }
        if (s.http1Only || !tls && !s.h2c) {
            options.http1Only();
        }
        String bind = s.bind.contains(":") && !s.bind.startsWith("[") ? "[" + s.bind + "]" : s.bind;
        if (s.wsEcho) {
            handler = WsEcho.around(handler);
        }
        HttpServer server = HttpServer.start(bind + ":" + s.port, logged(handler), options.build());
        String scheme = tls ? "https" : "http";
        String protocols = tls ? (s.http1Only ? "HTTP/1.1" : "HTTP/2 and HTTP/1.1 by ALPN")
                : s.h2c && !s.http1Only ? "HTTP/1.1, h2c prior knowledge and Upgrade" : "HTTP/1.1";
        out.println("serving " + (s.echo ? "echo" : root.toString()) + " on " + scheme + "://" + server.localAddr()
                + "/ (" + protocols + "; Ctrl-C stops)");
        out.println("open " + scheme + "://" + openHost(server.localAddr()) + ":" + server.localAddr().port() + "/");
        return server;
    }

    /** A wildcard bind is opened through loopback; any other address as it is. */
    private static String openHost(SocketAddr addr) {
        if (addr.address().isAnyLocalAddress()) {
            return addr.isIpv6() ? "[::1]" : "127.0.0.1";
        }
        return addr.isIpv6() ? "[" + addr.host() + "]" : addr.host();
    }

    /**
     * One line per request in Common Log Format, with the Range asked for appended (so seeking in a
     * video shows): {@code ADDR - - [time] "METHOD TARGET VERSION" STATUS BYTES "RANGE"}.
     */
    HttpHandler logged(HttpHandler handler) {
        return request -> {
            HttpResponse response = handler.handle(request);
            String addr = request.remoteAddr().map(a -> a.host()).orElse("-");
            String bytes = response.body().length().isPresent() ? Long.toString(response.body().length().getAsLong()) : "-";
            String range = request.headers().get("range").orElse("-");
            out.println(addr + " - - [" + LOG_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "] \"" + request.method() + " "
                    + printable(request.path()) + " " + request.head().version() + "\" " + response.status().code() + " " + bytes
                    + " \"" + printable(range) + "\"");
            return response;
        };
    }

    /** Keeps a log line one line: control characters and quotes from the request are escaped. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
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

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("--port needs a number from 0 to 65535, not '" + text + "'");
    }
}
