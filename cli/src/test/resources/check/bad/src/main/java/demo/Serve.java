package demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.example.missing.Router;

/** Serves with the JDK's built-in server; Router comes from a library this scan does not have. */
final class Serve {
    Router router;

    static HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> exchange.sendResponseHeaders(204, -1));
        return server;
    }

    static javax.net.ssl.SSLContext tls() throws java.security.GeneralSecurityException {
        return javax.net.ssl.SSLContext.getInstance("TLSv1.3");
    }
}
