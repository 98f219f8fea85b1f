package sifr.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpResponse;
import sifr.net.ByteStream;
import sifr.websocket.internal.HandshakeIo;

/** Refused opening handshakes: the error answer (counted in the options' counters) on either server path. */
final class WsRefusals {
    private WsRefusals() {
    }

    /** The answer to a refused upgrade from an {@code HttpServer} handler. */
    static HttpResponse response(WebSocketOptions options, int status, HeaderMap extra, String why) {
        options.counters().rejectedHandshake();
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        return HttpResponse.of(status, extra.toBuilder().add("content-type", "text/plain; charset=utf-8").build(),
                BodyStream.ofBytes(body));
    }

    /** Answers a refused upgrade read from a bare stream, and closes it. */
    static WebSocketError refuse(ByteStream stream, WebSocketOptions options, int status, HeaderMap extra,
                                         String why) {
        options.counters().rejectedHandshake();
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        HeaderMap fields = extra.toBuilder().add("content-type", "text/plain; charset=utf-8")
                .add("content-length", Integer.toString(body.length)).add("connection", "close").build();
        try {
            stream.writeAll(HandshakeIo.response(status, reasonPhrase(status), fields));
            stream.writeAll(body);
            stream.flush();
        } catch (IOException ignored) {
            // the peer may be gone already; the refusal stands
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // refused and closing; nothing to report
        }
        return new WebSocketError("WebSocket handshake refused: " + status + " " + why);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 414 -> "URI Too Long";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
    }

}
