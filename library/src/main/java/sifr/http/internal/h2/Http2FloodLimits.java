package sifr.http.internal.h2;

import java.time.Duration;

/**
 * The hardening limits of one HTTP/2 connection (DESIGN.md "security defaults"): how many frames that
 * cost the receiver work without moving any request forward a peer may send per time window, and
 * how long a stream may sit on a zero send window. {@link Http2FloodGuard} enforces the rates; the
 * connection applies {@link #zeroWindowTimeout}. The field block bounds against CONTINUATION floods
 * ({@code maxHeaderBlockSize}, {@code maxContinuationFrames}) are in the connection configs next to
 * the other header limits, and {@link Http2Reader} enforces them.
 *
 * <p>Defaults (see docs/ARCHITECTURE.md for why): {@link #SERVER_DEFAULT} is strict, close to what
 * Netty, Jetty, nghttp2 and hyper/h2 chose after CVE-2023-44487 and CVE-2025-8671;
 * {@link #CLIENT_DEFAULT} is ten times as permissive, because a client talks to servers it chose,
 * but still bounded.
 *
 * @param resets RST_STREAM frames received plus RST_STREAM frames this side sent because the peer
 *     broke a stream-level rule (Rapid Reset, CVE-2023-44487; MadeYouReset, CVE-2025-8671)
 * @param settings SETTINGS frames without ACK (each one obliges an acknowledgement)
 * @param pings PING frames without ACK (each one obliges an answer)
 * @param emptyData DATA frames of zero octets without END_STREAM (no progress, no flow-control cost)
 * @param priority PRIORITY frames (deprecated by RFC 9113 §5.3.2, parsed and ignored)
 * @param ignoredFrames frames dropped without any effect: frames of unknown types (§5.5). Frames on
 *     streams that just closed are not counted: they cross our END_STREAM or RST_STREAM legitimately,
 *     and DATA among them is bounded by flow control anyway
 * @param refusedStreams streams refused for opening beyond SETTINGS_MAX_CONCURRENT_STREAMS (§5.1.2)
 * @param zeroWindowTimeout how long a stream that has data to send may wait on a send window of
 *     zero (stream or connection) before it is reset, and how long a sender may wait for output room
 *     before the connection is closed (the peer stopped reading); a peer must not pin a handler
 *     thread forever
 */
public record Http2FloodLimits(
        Rate resets,
        Rate settings,
        Rate pings,
        Rate emptyData,
        Rate priority,
        Rate ignoredFrames,
        Rate refusedStreams,
        Duration zeroWindowTimeout) {

    /**
     * At most {@code max} events in a window of {@code window}; the window restarts with the first
     * event after it ended (a fixed window, like Netty's reset limiter).
     */
    public record Rate(int max, Duration window) {
        public Rate {
            if (max < 1) {
                throw new IllegalArgumentException("HTTP/2 flood limit must be at least 1");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("HTTP/2 flood window must be positive");
            }
        }

        public static Rate of(int max, Duration window) {
            return new Rate(max, window);
        }
    }

    /** Strict limits for a server: a legitimate client stays far below every one of them. */
    public static final Http2FloodLimits SERVER_DEFAULT = new Http2FloodLimits(
            Rate.of(200, Duration.ofSeconds(30)),
            Rate.of(20, Duration.ofSeconds(10)),
            Rate.of(100, Duration.ofSeconds(10)),
            Rate.of(100, Duration.ofSeconds(10)),
            Rate.of(500, Duration.ofSeconds(10)),
            Rate.of(200, Duration.ofSeconds(10)),
            Rate.of(50, Duration.ofSeconds(10)),
            Duration.ofSeconds(30));

    /** Permissive but bounded limits for a client: ten times the server's rates. */
    public static final Http2FloodLimits CLIENT_DEFAULT = new Http2FloodLimits(
            Rate.of(2000, Duration.ofSeconds(30)),
            Rate.of(200, Duration.ofSeconds(10)),
            Rate.of(1000, Duration.ofSeconds(10)),
            Rate.of(1000, Duration.ofSeconds(10)),
            Rate.of(5000, Duration.ofSeconds(10)),
            Rate.of(2000, Duration.ofSeconds(10)),
            Rate.of(500, Duration.ofSeconds(10)),
            Duration.ofSeconds(60));

    public Http2FloodLimits {
        if (resets == null || settings == null || pings == null || emptyData == null || priority == null
                || ignoredFrames == null || refusedStreams == null || zeroWindowTimeout == null) {
            throw new IllegalArgumentException("HTTP/2 flood limits must all be set");
        }
        if (zeroWindowTimeout.isNegative() || zeroWindowTimeout.isZero()) {
            throw new IllegalArgumentException("HTTP/2 zero-window timeout must be positive");
        }
    }

    public Http2FloodLimits withResets(Rate r) {
        return new Http2FloodLimits(r, settings, pings, emptyData, priority, ignoredFrames, refusedStreams,
                zeroWindowTimeout);
    }

    public Http2FloodLimits withSettings(Rate r) {
        return new Http2FloodLimits(resets, r, pings, emptyData, priority, ignoredFrames, refusedStreams,
                zeroWindowTimeout);
    }

    public Http2FloodLimits withPings(Rate r) {
        return new Http2FloodLimits(resets, settings, r, emptyData, priority, ignoredFrames, refusedStreams,
                zeroWindowTimeout);
    }

    public Http2FloodLimits withEmptyData(Rate r) {
        return new Http2FloodLimits(resets, settings, pings, r, priority, ignoredFrames, refusedStreams,
                zeroWindowTimeout);
    }

    public Http2FloodLimits withPriority(Rate r) {
        return new Http2FloodLimits(resets, settings, pings, emptyData, r, ignoredFrames, refusedStreams,
                zeroWindowTimeout);
    }

    public Http2FloodLimits withIgnoredFrames(Rate r) {
        return new Http2FloodLimits(resets, settings, pings, emptyData, priority, r, refusedStreams,
                zeroWindowTimeout);
    }

    public Http2FloodLimits withRefusedStreams(Rate r) {
        return new Http2FloodLimits(resets, settings, pings, emptyData, priority, ignoredFrames, r,
                zeroWindowTimeout);
    }

    public Http2FloodLimits withZeroWindowTimeout(Duration d) {
        return new Http2FloodLimits(resets, settings, pings, emptyData, priority, ignoredFrames, refusedStreams,
                d);
    }
}
