package sifr.http.internal.h2;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * SETTINGS negotiation (RFC 9113 §6.5.3): the parameters in force in each direction. The peer's
 * SETTINGS apply as soon as they arrive (and this side acknowledges them); ours apply only when the
 * peer acknowledges them, oldest first, since until then the peer may still act on the previous
 * values. Each change returns the before and after values so the connection can act on the
 * differences (initial window delta for open streams, frame sizes, HPACK table sizes). Pure and not
 * thread-safe.
 */
public final class SettingsNegotiation {
    /**
     * A full set of parameters with the protocol's initial values (§6.5.2) for those never set.
     * Unbounded values are {@link Long#MAX_VALUE}.
     */
    public record Values(long headerTableSize, boolean enablePush, long maxConcurrentStreams,
            int initialWindowSize, int maxFrameSize, long maxHeaderListSize, boolean enableConnectProtocol) {
        public static final Values INITIAL = new Values(4096, true, Long.MAX_VALUE,
                Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE, Http2Frames.DEFAULT_MAX_FRAME_SIZE, Long.MAX_VALUE, false);

        /** These values updated by one SETTINGS frame (already range-checked by {@link Http2Reader}). */
        public Values with(Http2Settings s) {
            return new Values(
                    s.getOrDefault(Http2Settings.HEADER_TABLE_SIZE, headerTableSize),
                    s.getOrDefault(Http2Settings.ENABLE_PUSH, enablePush ? 1 : 0) == 1,
                    s.getOrDefault(Http2Settings.MAX_CONCURRENT_STREAMS, maxConcurrentStreams),
                    (int) s.getOrDefault(Http2Settings.INITIAL_WINDOW_SIZE, initialWindowSize),
                    (int) s.getOrDefault(Http2Settings.MAX_FRAME_SIZE, maxFrameSize),
                    s.getOrDefault(Http2Settings.MAX_HEADER_LIST_SIZE, maxHeaderListSize),
                    s.getOrDefault(Http2Settings.ENABLE_CONNECT_PROTOCOL, enableConnectProtocol ? 1 : 0) == 1);
        }
    }

    /** What one SETTINGS frame (or acknowledgement) changed. */
    public record Change(Values before, Values after) {
        /** The amount every stream's window moves by (§6.9.2); may be negative. */
        public long initialWindowDelta() {
            return (long) after.initialWindowSize() - before.initialWindowSize();
        }
    }

    /** Unacknowledged SETTINGS this side may have in flight before it stops sending more. */
    public static final int MAX_PENDING = 8;

    private Values local = Values.INITIAL;
    private Values remote = Values.INITIAL;
    private final ArrayDeque<Http2Settings> pending = new ArrayDeque<>();

    /** Our parameters as the peer has acknowledged them. */
    public Values local() {
        return local;
    }

    /** The peer's parameters, in force for what this side sends. */
    public Values remote() {
        return remote;
    }

    /** Number of our SETTINGS frames not yet acknowledged. */
    public int pending() {
        return pending.size();
    }

    /**
     * This side sends {@code settings}; they apply on acknowledgement.
     *
     * @throws IllegalStateException with {@link #MAX_PENDING} frames unacknowledged
     */
    public void sent(Http2Settings settings) {
        if (pending.size() >= MAX_PENDING) {
            throw new IllegalStateException("too many unacknowledged HTTP/2 SETTINGS");
        }
        pending.add(settings);
    }

    /**
     * The peer acknowledged our oldest SETTINGS; empty for an acknowledgement nothing was waiting
     * for (ignored: RFC 9113 prescribes no error).
     */
    public Optional<Change> acknowledged() {
        Http2Settings s = pending.poll();
        if (s == null) {
            return Optional.empty();
        }
        Values before = local;
        local = local.with(s);
        return Optional.of(new Change(before, local));
    }

    /** The peer's SETTINGS arrived (range-checked by the reader): they apply now; acknowledge them. */
    public Change received(Http2Settings settings) {
        Values before = remote;
        remote = remote.with(settings);
        return new Change(before, remote);
    }
}
