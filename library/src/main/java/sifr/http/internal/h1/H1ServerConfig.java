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
 * @param bodyReadTimeout how long one read of the request body may wait for bytes (inactivity)
 * @param writeTimeout how long one write of at most {@link #WRITE_SLICE} bytes may take (a peer not reading)
 * @param timer runs a read under a timeout; {@link Timer#NONE} for none (the transport supplies one)
 * @param priorKnowledge takes over a connection that opens with the HTTP/2 preface (h2c prior knowledge)
 */
public record H1ServerConfig(H1Limits limits, long maxRequestBodyBytes, UpgradeHook upgrade,
                             Duration idleTimeout, Duration headerReadTimeout, Duration bodyReadTimeout,
                             Duration writeTimeout, Timer timer, PrefaceHook priorKnowledge) {
    public static final long DEFAULT_MAX_REQUEST_BODY = 64L * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(60);
    /** Writes are cut into slices of this size, each under its own write timeout: progress re-arms it. */
    public static final int WRITE_SLICE = 64 * 1024;
    public static final H1ServerConfig DEFAULT = new H1ServerConfig(H1Limits.DEFAULT, DEFAULT_MAX_REQUEST_BODY,
            UpgradeHook.NONE, DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_BODY_READ_TIMEOUT,
            DEFAULT_WRITE_TIMEOUT, Timer.NONE, null);

    public H1ServerConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(upgrade, "upgrade");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(headerReadTimeout, "headerReadTimeout");
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(timer, "timer");
        // priorKnowledge may be null: no detection, the preface is then answered like any bad request (505)
        if (maxRequestBodyBytes <= 0) {
            throw new IllegalArgumentException("HTTP body limit must be positive");
        }
    }

    public H1ServerConfig withUpgrade(UpgradeHook hook) {
        return new H1ServerConfig(limits, maxRequestBodyBytes, hook, idleTimeout, headerReadTimeout, bodyReadTimeout,
                writeTimeout, timer, priorKnowledge);
    }

    public H1ServerConfig withMaxRequestBodyBytes(long max) {
        return new H1ServerConfig(limits, max, upgrade, idleTimeout, headerReadTimeout, bodyReadTimeout,
                writeTimeout, timer, priorKnowledge);
    }

    public H1ServerConfig withLimits(H1Limits newLimits) {
        return new H1ServerConfig(newLimits, maxRequestBodyBytes, upgrade, idleTimeout, headerReadTimeout, bodyReadTimeout,
                writeTimeout, timer, priorKnowledge);
    }

    public H1ServerConfig withTimeouts(Duration idle, Duration headerRead, Timer newTimer) {
        return new H1ServerConfig(limits, maxRequestBodyBytes, upgrade, idle, headerRead, bodyReadTimeout,
                writeTimeout, newTimer, priorKnowledge);
    }

    /** With the inactivity bounds on request body reads and response writes. */
    public H1ServerConfig withBodyAndWriteTimeouts(Duration bodyRead, Duration write) {
        return new H1ServerConfig(limits, maxRequestBodyBytes, upgrade, idleTimeout, headerReadTimeout, bodyRead, write,
                timer, priorKnowledge);
    }

    public H1ServerConfig withPriorKnowledge(PrefaceHook hook) {
        return new H1ServerConfig(limits, maxRequestBodyBytes, upgrade, idleTimeout, headerReadTimeout, bodyReadTimeout,
                writeTimeout, timer, hook);
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

    /** Runs blocking reads and writes under a timeout ({@link ReadTimeouts} in a server). */
    public interface Timer {
        /** No timeouts: runs the body as is. */
        Timer NONE = new Timer() {
            @Override
            public <T> T within(Duration timeout, String operation, Read<T> body) throws IOException {
                return body.run();
            }
        };

        /** A read under {@code timeout}: past it, {@code TimeoutError} ({@code TCP read timed out}). */
        default <T> T within(Duration timeout, Read<T> body) throws IOException {
            return within(timeout, "TCP read", body);
        }

        /** {@code body} under {@code timeout}: past it, {@code TimeoutError} ({@code <operation> timed out}). */
        <T> T within(Duration timeout, String operation, Read<T> body) throws IOException;
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
