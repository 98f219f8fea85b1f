package sifr.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sifr.http.HeaderMap;
import sifr.tls.Tls;
import sifr.websocket.CloseStatus;
import sifr.websocket.WebSocket;
import sifr.websocket.WebSocketMessage;
import sifr.websocket.WebSocketHttp2;
import sifr.websocket.WebSocketOptions;

/**
 * {@code sifr ws URL [--cacert PEM] [-H 'name: value'] [--subprotocol P] [--deflate] [--http2 | --http1] [-x PROXY]}: like wscat or
 * websocat. Each line of standard input is sent as a text message; each message received is printed
 * on its own line (a binary one as {@code <binary N bytes>}). At the end of input the connection is
 * closed (1000) and the command exits 0 once the closing handshake is done; if the server closes
 * first, it says so on standard error and exits 0 for 1000, else 1. {@code wss://} runs over HTTP/2 (RFC
 * 8441) when the server offers it, else HTTP/1.1; {@code --http2} requires HTTP/2 (and speaks h2c by prior
 * knowledge for {@code ws://}), {@code --http1} never uses it. {@code -x/--proxy http://[user:pass@]host:port}
 * goes through that HTTP proxy's CONNECT tunnel (as {@code sifr fetch -x} takes it).
 */
final class WsCommand {
    static final String USAGE = "usage: sifr ws URL [--cacert PEM] [-H 'name: value'] [--subprotocol P] [--deflate] [--http2 | --http1] [-x PROXY]";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    WsCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws Exception {
        String url = null;
        WebSocketOptions.Builder options = WebSocketOptions.builder().maxMessageSize(16 << 20).maxFrameSize(16 << 20);
        HeaderMap.Builder headers = HeaderMap.builder();
        List<String> subprotocols = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--cacert" -> options.tls(Tls.clientConfigFromCaPem(Files.readAllBytes(Path.of(value(args, ++i))),
                        List.of("http/1.1")));
                case "-H" -> {
                    String h = value(args, ++i);
                    int colon = h.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("header must be 'name: value': " + h);
                    }
                    headers.add(h.substring(0, colon), h.substring(colon + 1));
                }
                case "--subprotocol" -> subprotocols.add(value(args, ++i));
                case "--deflate" -> options.permessageDeflate(true);
                case "--http2" -> options.http2(WebSocketHttp2.REQUIRED); // RFC 8441; ws:// as h2c prior knowledge
                case "--http1" -> options.http2(WebSocketHttp2.OFF);
                case "-x", "--proxy" -> options.proxy(sifr.http.Proxy.parse(value(args, ++i)));
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
        options.headers(headers.build()).subprotocols(subprotocols);
        WebSocket ws = WebSocket.connect(url, options.build());
        Thread printer = Thread.ofVirtual().start(() -> print(ws));
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while (ws.isOpen() && (line = lines.readLine()) != null) {
            try {
                ws.sendText(line);
            } catch (sifr.websocket.WebSocketError closed) {
                break; // the server closed meanwhile; the printer reports it
            }
        }
        boolean serverClosedFirst = !ws.isOpen() && ws.closeStatus().map(CloseStatus::remote).orElse(true);
        ws.close();
        printer.join();
        CloseStatus status = ws.closeStatus().orElseThrow();
        if (serverClosedFirst && status.remote()) {
            err.println("closed by the server: " + status.code() + (status.reason().isEmpty() ? "" : " " + status.reason()));
        }
        return status.code() == CloseStatus.NORMAL ? 0 : 1;
    }

    private void print(WebSocket ws) {
        try {
            for (WebSocketMessage m = ws.receive(); !m.isClose(); m = ws.receive()) {
                out.println(m.isText() ? m.text() : "<binary " + m.length() + " bytes>");
                out.flush();
            }
        } catch (Exception e) {
            err.println("sifr ws: " + e.getMessage());
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(USAGE);
        }
        return args[i];
    }
}
