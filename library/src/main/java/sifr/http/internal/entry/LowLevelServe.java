package sifr.http.internal.entry;

import java.io.IOException;
import sifr.http.HttpHandler;
import sifr.http.HttpServerOptions;
import sifr.http.internal.ServerExchange;
import sifr.http.internal.h1.H1ServerConfig;
import sifr.http.internal.h1.H1ServerConnection;
import sifr.http.internal.h1.ReadTimeouts;
import sifr.http.internal.h2.Http2ServerConnection;
import sifr.net.ByteStream;
import sifr.net.internal.NanoClock;

/**
 * {@code Http1.serve} and {@code Http2.serve} with options: one connection, the same limits, timeouts
 * and access log as {@code HttpServer} applies, but with its own timeout sweeper (one thread, stopped
 * when the connection ends) where a server shares one across its connections.
 */
public final class LowLevelServe {
    private LowLevelServe() {
    }

    /** HTTP/1.1 on {@code stream} until the connection ends; the stream is closed after. */
    public static void http1(ByteStream stream, HttpHandler handler, HttpServerOptions options) throws IOException {
        H1ServerConfig config = EngineConfigs.h1Server(options);
        try (ReadTimeouts timeouts = ReadTimeouts.start("sifr-http1-timeouts", options.idleTimeout(),
                options.headerReadTimeout(), options.bodyReadTimeout(), options.writeTimeout());
             ReadTimeouts.Watch watch = timeouts.watch(stream)) {
            new H1ServerConnection(stream, new ServerExchange(handler, options.accessLog().orElse(null)),
                    config.withTimeouts(config.idleTimeout(), config.headerReadTimeout(), watch)).serve();
        } finally {
            stream.close();
        }
    }

    /** HTTP/2 on {@code stream} (the client preface first) until the connection ends; the stream is closed after. */
    public static void http2(ByteStream stream, HttpHandler handler, HttpServerOptions options) throws IOException {
        try (Http2Timeouts timeouts = new Http2Timeouts("sifr-http2-timeouts", NanoClock.SYSTEM, options.idleTimeout(),
                options.bodyReadTimeout(), options.writeTimeout());
             Http2Timeouts.Tracked idle = timeouts.track()) {
            Http2ServerConnection h2 = new Http2ServerConnection(idle.stream(stream),
                    new ServerExchange(idle.handler(handler), options.accessLog().orElse(null)),
                    EngineConfigs.server(options), NanoClock.SYSTEM);
            idle.bind(h2);
            h2.run(new byte[0]);
        } finally {
            stream.close();
        }
    }
}
