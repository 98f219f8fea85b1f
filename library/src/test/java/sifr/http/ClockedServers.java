package sifr.http;

import java.io.IOException;
import sifr.net.internal.NanoClock;

/** Starts an {@link HttpServer} whose timeouts run on a given clock (a manual one), for tests outside this package. */
public final class ClockedServers {
    private ClockedServers() {
    }

    public static HttpServer start(String address, HttpHandler handler, HttpServerOptions options, NanoClock clock)
            throws IOException {
        return HttpServer.start(address, handler, options, clock);
    }
}
