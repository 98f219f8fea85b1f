package sifr.http.internal.entry;

import sifr.http.Http2Limits;
import sifr.http.HttpClientOptions;
import sifr.http.HttpServerOptions;
import sifr.http.internal.h2.Http2ClientConfig;
import sifr.http.internal.h2.Http2ServerConfig;

/**
 * Maps the public options onto the HTTP/2 engine's configurations (one place to keep them in step);
 * limits the options do not name (field block size, CONTINUATION count, flood limits) keep the
 * engine's defaults.
 */
public final class Http2Configs {
    private Http2Configs() {
    }

    public static Http2ServerConfig server(HttpServerOptions options) {
        Http2Limits l = options.http2();
        return Http2ServerConfig.DEFAULT.withMaxConcurrentStreams(l.maxConcurrentStreams())
                .withInitialWindowSize(l.initialWindowSize()).withConnectionWindowSize(l.connectionWindowSize())
                .withMaxFrameSize(l.maxFrameSize()).withMaxHeaderListSize(l.maxHeaderListSize())
                .withHeaderTableSize(l.headerTableSize()).withMaxRequestBodyBytes(options.maxRequestBodyBytes())
                // the write timeout bounds a stream stalled on a zero window and a sender waiting for output room
                .withFloodLimits(Http2ServerConfig.DEFAULT.floodLimits().withZeroWindowTimeout(options.writeTimeout()));
    }

    public static Http2ClientConfig client(HttpClientOptions options, boolean https) {
        Http2Limits l = options.http2Limits();
        return Http2ClientConfig.DEFAULT.withInitialWindowSize(l.initialWindowSize())
                .withConnectionWindowSize(l.connectionWindowSize()).withMaxFrameSize(l.maxFrameSize())
                .withMaxHeaderListSize(l.maxHeaderListSize()).withHeaderTableSize(l.headerTableSize())
                .withMaxResponseBodyBytes(options.maxResponseBodyBytes()).withScheme(https ? "https" : "http");
    }
}
