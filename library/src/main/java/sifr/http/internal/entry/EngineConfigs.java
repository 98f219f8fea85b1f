package sifr.http.internal.entry;

import sifr.http.Http2Limits;
import sifr.http.HttpClientOptions;
import sifr.http.HttpServerOptions;
import sifr.http.internal.h1.H1Limits;
import sifr.http.internal.h1.H1ServerConfig;
import sifr.http.internal.h2.Http2Config;

/**
 * Maps the public options onto the engines' configurations (one place to keep them in step);
 * limits the options do not name (field block size, CONTINUATION count, flood limits) keep the
 * engine's defaults. The header section limit of the options reaches both protocols: HTTP/1.1's
 * header section bound and HTTP/2's SETTINGS_MAX_HEADER_LIST_SIZE (also the HPACK decoder's bound).
 */
public final class EngineConfigs {
    private EngineConfigs() {
    }

    public static H1Limits http1(HttpServerOptions options) {
        return H1Limits.of(options.http1(), options.maxHeaderSectionBytes());
    }

    /** The server side of HTTP/1.1: limits, body limit and the four timeouts (the caller adds its timer). */
    public static H1ServerConfig h1Server(HttpServerOptions options) {
        return H1ServerConfig.DEFAULT.withLimits(http1(options)).withMaxRequestBodyBytes(options.maxRequestBodyBytes())
                .withTimeouts(options.idleTimeout(), options.headerReadTimeout(), H1ServerConfig.Timer.NONE)
                .withBodyAndWriteTimeouts(options.bodyReadTimeout(), options.writeTimeout());
    }

    public static H1Limits http1(HttpClientOptions options) {
        return H1Limits.of(options.http1(), options.maxHeaderSectionBytes());
    }

    public static Http2Config server(HttpServerOptions options) {
        Http2Limits l = options.http2();
        return Http2Config.SERVER_DEFAULT.withMaxConcurrentStreams(l.maxConcurrentStreams())
                .withInitialWindowSize(l.initialWindowSize()).withConnectionWindowSize(l.connectionWindowSize())
                .withMaxFrameSize(l.maxFrameSize()).withMaxHeaderListSize(options.maxHeaderSectionBytes())
                .withHeaderTableSize(l.headerTableSize()).withMaxBodyBytes(options.maxRequestBodyBytes())
                .withEnableConnectProtocol(options.serveH2WebSocket())
                // the write timeout bounds a stream stalled on a zero window and a sender waiting for output room
                .withFloodLimits(Http2Config.SERVER_DEFAULT.floodLimits().withZeroWindowTimeout(options.writeTimeout()));
    }

    public static Http2Config client(HttpClientOptions options) {
        Http2Limits l = options.http2();
        return Http2Config.CLIENT_DEFAULT.withMaxConcurrentStreams(l.maxConcurrentStreams())
                .withInitialWindowSize(l.initialWindowSize())
                .withConnectionWindowSize(l.connectionWindowSize()).withMaxFrameSize(l.maxFrameSize())
                .withMaxHeaderListSize(options.maxHeaderSectionBytes()).withHeaderTableSize(l.headerTableSize())
                .withMaxBodyBytes(options.maxResponseBodyBytes());
    }
}
