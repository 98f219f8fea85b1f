package sifr.http.internal.h1;

import java.io.IOException;
import java.util.Objects;
import sifr.http.RequestHead;
import sifr.net.ByteStream;

/**
 * Settings of a server-side HTTP/1.1 connection.
 *
 * @param limits head and chunk limits
 * @param maxRequestBodyBytes largest request body accepted (413 beyond); default 64 MiB
 * @param upgrade called for requests that carry {@code Upgrade} (HTTP/2's {@code h2c}); may take over
 */
public record H1ServerConfig(H1Limits limits, long maxRequestBodyBytes, UpgradeHook upgrade) {
    public static final long DEFAULT_MAX_REQUEST_BODY = 64L * 1024 * 1024;
    public static final H1ServerConfig DEFAULT = new H1ServerConfig(H1Limits.DEFAULT, DEFAULT_MAX_REQUEST_BODY, UpgradeHook.NONE);

    public H1ServerConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(upgrade, "upgrade");
        if (maxRequestBodyBytes < 0) {
            throw new IllegalArgumentException("request body limit must not be negative");
        }
    }

    public H1ServerConfig withUpgrade(UpgradeHook hook) {
        return new H1ServerConfig(limits, maxRequestBodyBytes, hook);
    }

    public H1ServerConfig withMaxRequestBodyBytes(long max) {
        return new H1ServerConfig(limits, max, upgrade);
    }

    public H1ServerConfig withLimits(H1Limits newLimits) {
        return new H1ServerConfig(newLimits, maxRequestBodyBytes, upgrade);
    }

    /** Takes over a connection whose request asks for another protocol ({@code Upgrade: h2c}). */
    @FunctionalInterface
    public interface UpgradeHook {
        /** Declines every upgrade: the request is served as HTTP/1.1 and Upgrade ignored. */
        UpgradeHook NONE = (head, stream, leftover) -> false;

        /**
         * Returns false to decline (the request is then served normally, before its body is read),
         * or true after taking the connection over: the hook has written its own 101 response and now
         * owns {@code stream}; {@code leftover} holds the bytes already read after the request head.
         */
        boolean upgrade(RequestHead head, ByteStream stream, byte[] leftover) throws IOException;
    }
}
