package sifr.http.internal.h1;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import sifr.http.RequestHead;
import sifr.net.ByteStream;

/**
 * Settings of a server-side HTTP/1.1 connection.
 *
 * @param limits head and chunk limits
 * @param maxRequestBodyBytes largest request body accepted (413 beyond); default 64 MiB
 * @param upgrade called for requests that carry {@code Upgrade} (HTTP/2's {@code h2c}); may take over
 * @param idleTimeout how long a kept-alive connection may wait for the next request's first byte
 * @param headerReadTimeout how long a request head may take once its first byte arrived (slowloris)
 * @param timer runs a read under a timeout; {@link Timer#NONE} for none (the transport supplies one)
 * @param priorKnowledge takes over a connection that opens with the HTTP/2 preface (h2c prior knowledge)
 */
public record H1ServerConfig(H1Limits limits, long maxRequestBodyBytes, UpgradeHook upgrade,
                             Duration idleTimeout, Duration headerReadTimeout, Timer timer, PrefaceHook priorKnowledge) {
    public static final long DEFAULT_MAX_REQUEST_BODY = 64L * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final H1ServerConfig DEFAULT = new H1ServerConfig(H1Limits.DEFAULT, DEFAULT_MAX_REQUEST_BODY,
            UpgradeHook.NONE, DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT, Timer.NONE, null);

    public H1ServerConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(upgrade, "upgrade");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(headerReadTimeout, "headerReadTimeout");
        Objects.requireNonNull(timer, "timer");
        // priorKnowledge may be null: no detection, the preface is then answered like any bad request (505)
        if (maxRequestBodyBytes < 0) {
            throw new IllegalArgumentException("request body limit must not be negative");
        }
    }

    public H1ServerConfig withUpgrade(UpgradeHook hook) {
        return new H1ServerConfig(limits, maxRequestBodyBytes, hook, idleTimeout, headerReadTimeout, timer, priorKnowledge);
    }

    public H1ServerConfig withMaxRequestBodyBytes(long max) {
        return new H1ServerConfig(limits, max, upgrade, idleTimeout, headerReadTimeout, timer, priorKnowledge);
    }

    public H1ServerConfig withLimits(H1Limits newLimits) {
        return new H1ServerConfig(newLimits, maxRequestBodyBytes, upgrade, idleTimeout, headerReadTimeout, timer, priorKnowledge);
    }

    public H1ServerConfig withTimeouts(Duration idle, Duration headerRead, Timer newTimer) {
        return new H1ServerConfig(limits, maxRequestBodyBytes, upgrade, idle, headerRead, newTimer, priorKnowledge);
    }

    public H1ServerConfig withPriorKnowledge(PrefaceHook hook) {
        return new H1ServerConfig(limits, maxRequestBodyBytes, upgrade, idleTimeout, headerReadTimeout, timer, hook);
    }

    /** Serves a connection that began with the HTTP/2 connection preface (RFC 9113 §3.3). */
    @FunctionalInterface
    public interface PrefaceHook {
        /**
         * Owns {@code stream} from now on; {@code alreadyRead} holds the bytes read so far, starting
         * with the 24-byte preface itself.
         */
        void serve(ByteStream stream, byte[] alreadyRead) throws IOException;
    }

    /** Runs blocking reads under a timeout (the transport binds this to {@code sifr.task} deadlines). */
    @FunctionalInterface
    public interface Timer {
        /** No timeouts: runs the body as is. */
        Timer NONE = new Timer() {
            @Override
            public <T> T within(Duration timeout, Read<T> body) throws IOException {
                return body.run();
            }
        };

        <T> T within(Duration timeout, Read<T> body) throws IOException;
    }

    /** A blocking read. */
    @FunctionalInterface
    public interface Read<T> {
        T run() throws IOException;
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
