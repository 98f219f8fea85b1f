package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2Frames.CONTINUATION;
import static sifr.http.internal.h2.Http2Frames.DATA;
import static sifr.http.internal.h2.Http2Frames.FLAG_ACK;
import static sifr.http.internal.h2.Http2Frames.FLAG_END_HEADERS;
import static sifr.http.internal.h2.Http2Frames.FLAG_END_STREAM;
import static sifr.http.internal.h2.Http2Frames.FLAG_PADDED;
import static sifr.http.internal.h2.Http2Frames.GOAWAY;
import static sifr.http.internal.h2.Http2Frames.HEADERS;
import static sifr.http.internal.h2.Http2Frames.PING;
import static sifr.http.internal.h2.Http2Frames.PRIORITY;
import static sifr.http.internal.h2.Http2Frames.PUSH_PROMISE;
import static sifr.http.internal.h2.Http2Frames.RST_STREAM;
import static sifr.http.internal.h2.Http2Frames.SETTINGS;
import static sifr.http.internal.h2.Http2Frames.WINDOW_UPDATE;

import sifr.http.internal.hpack.GrowableBytes;

/**
 * Encodes HTTP/2 frames (RFC 9113 §4, §6) into a {@link GrowableBytes}. Pure: the connection's single
 * writer path owns one and flushes what it wrote. Arguments that would produce an invalid frame are
 * programming errors ({@link IllegalArgumentException}); field blocks larger than the peer's
 * SETTINGS_MAX_FRAME_SIZE are split into CONTINUATION frames, DATA is not (the caller chunks it by
 * flow-control windows anyway).
 */
public final class Http2Writer {
    private int maxFrameSize = Http2Frames.DEFAULT_MAX_FRAME_SIZE;

    /** Applies the peer's SETTINGS_MAX_FRAME_SIZE. */
    public void setMaxFrameSize(int size) {
        if (size < Http2Frames.DEFAULT_MAX_FRAME_SIZE || size > Http2Frames.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("HTTP/2 max frame size must be in 16384..16777215");
        }
        maxFrameSize = size;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** The client connection preface (§3.4); follow it with {@link #settings}. */
    public static void preface(GrowableBytes out) {
        byte[] p = Http2Frames.preface();
        out.write(p, 0, p.length);
    }

    private static void header(GrowableBytes out, int length, int type, int flags, int streamId) {
        out.ensure(Http2Frames.HEADER_LENGTH + length);
        out.writeByte(length >>> 16);
        out.writeByte(length >>> 8);
        out.writeByte(length);
        out.writeByte(type);
        out.writeByte(flags);
        writeInt32(out, streamId);
    }

    private static void writeInt32(GrowableBytes out, int v) {
        out.writeByte(v >>> 24);
        out.writeByte(v >>> 16);
        out.writeByte(v >>> 8);
        out.writeByte(v);
    }

    private static void checkStream(int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("HTTP/2 stream id must be positive");
        }
    }

    /** A DATA frame without padding. */
    public void data(GrowableBytes out, int streamId, boolean endStream, byte[] buf, int off, int len) {
        data(out, streamId, endStream, buf, off, len, -1);
    }

    /**
     * A DATA frame; with {@code padLength >= 0} it is PADDED with that many zero octets (all of which
     * count against flow control).
     */
    public void data(GrowableBytes out, int streamId, boolean endStream, byte[] buf, int off, int len, int padLength) {
        checkStream(streamId);
        if (padLength > 255) {
            throw new IllegalArgumentException("HTTP/2 padding is at most 255 octets");
        }
        int length = len + (padLength >= 0 ? 1 + padLength : 0);
        if (length > maxFrameSize) {
            throw new IllegalArgumentException("DATA frame exceeds the peer's max frame size");
        }
        int flags = (endStream ? FLAG_END_STREAM : 0) | (padLength >= 0 ? FLAG_PADDED : 0);
        header(out, length, DATA, flags, streamId);
        if (padLength >= 0) {
            out.writeByte(padLength);
        }
        out.write(buf, off, len);
        for (int i = 0; i < padLength; i++) {
            out.writeByte(0);
        }
    }

    /**
     * A field block as HEADERS plus as many CONTINUATION frames as the peer's max frame size needs;
     * END_HEADERS on the last of them.
     */
    public void headers(GrowableBytes out, int streamId, boolean endStream, byte[] block, int off, int len) {
        checkStream(streamId);
        int first = Math.min(len, maxFrameSize);
        int flags = (endStream ? FLAG_END_STREAM : 0) | (first == len ? FLAG_END_HEADERS : 0);
        header(out, first, HEADERS, flags, streamId);
        out.write(block, off, first);
        continuations(out, streamId, block, off + first, len - first);
    }

    /** A PUSH_PROMISE (server only) with its field block, split like {@link #headers}. */
    public void pushPromise(GrowableBytes out, int streamId, int promisedStreamId, byte[] block, int off, int len) {
        checkStream(streamId);
        if (promisedStreamId <= 0 || (promisedStreamId & 1) != 0) {
            throw new IllegalArgumentException("a promised stream id must be even and positive");
        }
        int first = Math.min(len, maxFrameSize - 4);
        header(out, 4 + first, PUSH_PROMISE, first == len ? FLAG_END_HEADERS : 0, streamId);
        writeInt32(out, promisedStreamId);
        out.write(block, off, first);
        continuations(out, streamId, block, off + first, len - first);
    }

    private void continuations(GrowableBytes out, int streamId, byte[] block, int off, int remaining) {
        while (remaining > 0) {
            int n = Math.min(remaining, maxFrameSize);
            remaining -= n;
            header(out, n, CONTINUATION, remaining == 0 ? FLAG_END_HEADERS : 0, streamId);
            out.write(block, off, n);
            off += n;
        }
    }

    /** A PRIORITY frame (§6.3); weight 1..256. */
    public static void priority(GrowableBytes out, int streamId, int dependency, boolean exclusive, int weight) {
        checkStream(streamId);
        if (weight < 1 || weight > 256 || dependency < 0 || dependency == streamId) {
            throw new IllegalArgumentException("invalid HTTP/2 priority");
        }
        header(out, 5, PRIORITY, 0, streamId);
        writeInt32(out, dependency | (exclusive ? 0x8000_0000 : 0));
        out.writeByte(weight - 1);
    }

    public static void rstStream(GrowableBytes out, int streamId, Http2ErrorCode code) {
        checkStream(streamId);
        header(out, 4, RST_STREAM, 0, streamId);
        writeInt32(out, code.code());
    }

    /** A SETTINGS frame with the parameters of {@code settings}, in ascending identifier order. */
    public static void settings(GrowableBytes out, Http2Settings settings) {
        int[] ids = settings.ids();
        header(out, 6 * ids.length, SETTINGS, 0, 0);
        for (int id : ids) {
            out.writeByte(id >>> 8);
            out.writeByte(id);
            writeInt32(out, (int) settings.getOrDefault(id, 0));
        }
    }

    public static void settingsAck(GrowableBytes out) {
        header(out, 0, SETTINGS, FLAG_ACK, 0);
    }

    public static void ping(GrowableBytes out, boolean ack, long payload) {
        header(out, 8, PING, ack ? FLAG_ACK : 0, 0);
        writeInt32(out, (int) (payload >>> 32));
        writeInt32(out, (int) payload);
    }

    /** A GOAWAY frame; {@code debug} (may be empty) must fit the peer's max frame size with the 8 fixed octets. */
    public void goAway(GrowableBytes out, int lastStreamId, Http2ErrorCode code, byte[] debug) {
        if (lastStreamId < 0) {
            throw new IllegalArgumentException("HTTP/2 last stream id must not be negative");
        }
        if (debug.length > maxFrameSize - 8) {
            throw new IllegalArgumentException("GOAWAY debug data exceeds the peer's max frame size");
        }
        header(out, 8 + debug.length, GOAWAY, 0, 0);
        writeInt32(out, lastStreamId);
        writeInt32(out, code.code());
        out.write(debug, 0, debug.length);
    }

    /** A WINDOW_UPDATE (§6.9); stream 0 for the connection window; increment 1..2^31-1. */
    public static void windowUpdate(GrowableBytes out, int streamId, int increment) {
        if (streamId < 0 || increment <= 0) {
            throw new IllegalArgumentException("invalid HTTP/2 window update");
        }
        header(out, 4, WINDOW_UPDATE, 0, streamId);
        writeInt32(out, increment);
    }
}
