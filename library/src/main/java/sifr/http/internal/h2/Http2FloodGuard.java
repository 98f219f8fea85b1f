package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.ENHANCE_YOUR_CALM;

import java.util.function.LongSupplier;

/**
 * Counts, per connection, the frames a peer can send cheaply that cost this side work without
 * moving any request forward, and ends the connection when the peer sends too many of them in a
 * time window (RFC 9113 §10.5: "an endpoint MAY treat activity that is suspicious as a connection
 * error of type ENHANCE_YOUR_CALM"). Pure: no I/O, time from an injected nanosecond clock.
 *
 * <p>What is counted, each against its {@link Http2FloodLimits} rate:
 * <ul>
 *   <li>resets: RST_STREAM received (Rapid Reset, CVE-2023-44487) and RST_STREAM this side sent
 *       because the peer broke a stream-level rule (MadeYouReset, CVE-2025-8671: a peer that makes
 *       the server reset streams, e.g. by WINDOW_UPDATE overflow or DATA after END_STREAM, gets the
 *       same cancelled-but-still-working streams as one that resets them itself). Both feed one
 *       budget. Resets this side sends for its own reasons (a handler failed, a stalled window) do
 *       not count;</li>
 *   <li>SETTINGS and PING without ACK (each obliges an answer), empty DATA without END_STREAM,
 *       PRIORITY, frames dropped without effect, streams refused beyond the concurrency limit.</li>
 * </ul>
 * CONTINUATION floods are stopped by {@link Http2Reader} (frames per field block, zero-length ones
 * included, and octets per block), HPACK bombs by the header list bound of the HPACK decoder.
 *
 * <p>Each {@code on...} method throws a connection {@link Http2Error} ENHANCE_YOUR_CALM once a limit
 * is crossed: the connection sends GOAWAY with that code and closes. Not thread-safe: the
 * connection's reading thread calls it (every counted event is detected while reading).
 */
public final class Http2FloodGuard {
    private final LongSupplier nanoClock;
    private final Window resets;
    private final Window settings;
    private final Window pings;
    private final Window emptyData;
    private final Window priority;
    private final Window ignored;
    private final Window refused;

    /** A guard whose rate windows read {@code nanoClock} (the connection's {@code NanoClock}; a fake one in tests). */
    public Http2FloodGuard(Http2FloodLimits limits, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.resets = new Window(limits.resets());
        this.settings = new Window(limits.settings());
        this.pings = new Window(limits.pings());
        this.emptyData = new Window(limits.emptyData());
        this.priority = new Window(limits.priority());
        this.ignored = new Window(limits.ignoredFrames());
        this.refused = new Window(limits.refusedStreams());
    }

    /** The peer sent RST_STREAM. */
    public void onResetReceived() throws Http2Error {
        count(resets, "RST_STREAM frames");
    }

    /** This side sent RST_STREAM because the peer broke a stream-level rule (not for its own reasons). */
    public void onResetSent() throws Http2Error {
        count(resets, "stream errors");
    }

    /** The peer sent SETTINGS without ACK. */
    public void onSettings() throws Http2Error {
        count(settings, "SETTINGS frames");
    }

    /** The peer sent PING; acknowledgements are answers to ours and are not counted. */
    public void onPing(boolean ack) throws Http2Error {
        if (!ack) {
            count(pings, "PING frames");
        }
    }

    /** The peer sent DATA with {@code length} octets of content (padding removed). */
    public void onData(int length, boolean endStream) throws Http2Error {
        if (length == 0 && !endStream) {
            count(emptyData, "empty DATA frames");
        }
    }

    /** The peer sent a PRIORITY frame (the priority signal inside HEADERS is not counted). */
    public void onPriority() throws Http2Error {
        count(priority, "PRIORITY frames");
    }

    /** A frame was dropped without any effect (an unknown frame type). */
    public void onIgnoredFrame() throws Http2Error {
        count(ignored, "frames without effect");
    }

    /** A stream opened beyond SETTINGS_MAX_CONCURRENT_STREAMS was refused. */
    public void onStreamRefused() throws Http2Error {
        count(refused, "streams beyond SETTINGS_MAX_CONCURRENT_STREAMS");
    }

    private void count(Window w, String what) throws Http2Error {
        if (!w.hit(nanoClock.getAsLong())) {
            throw Http2Error.connection(ENHANCE_YOUR_CALM, "HTTP/2 peer sent too many " + what + ": more than "
                    + w.max + " in " + w.windowText);
        }
    }

    /** A fixed window: {@code max} events from the first one, then a new window. */
    private static final class Window {
        final int max;
        final long windowNanos;
        final String windowText;
        long start;
        int count;

        Window(Http2FloodLimits.Rate rate) {
            this.max = rate.max();
            this.windowNanos = rate.window().toNanos();
            this.windowText = rate.window().toMillis() % 1000 == 0
                    ? rate.window().toSeconds() + " s"
                    : rate.window().toMillis() + " ms";
        }

        /** Records one event at {@code now}; false if it is one too many. */
        boolean hit(long now) {
            if (count == 0 || now - start >= windowNanos) {
                start = now;
                count = 0;
            }
            return ++count <= max;
        }
    }
}
