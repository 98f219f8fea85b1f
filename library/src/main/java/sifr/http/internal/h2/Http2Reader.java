package sifr.http.internal.h2;

import static sifr.http.internal.h2.Http2ErrorCode.ENHANCE_YOUR_CALM;
import static sifr.http.internal.h2.Http2ErrorCode.FLOW_CONTROL_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.FRAME_SIZE_ERROR;
import static sifr.http.internal.h2.Http2ErrorCode.PROTOCOL_ERROR;
import static sifr.http.internal.h2.Http2Frames.CONTINUATION;
import static sifr.http.internal.h2.Http2Frames.DATA;
import static sifr.http.internal.h2.Http2Frames.FLAG_ACK;
import static sifr.http.internal.h2.Http2Frames.FLAG_END_HEADERS;
import static sifr.http.internal.h2.Http2Frames.FLAG_END_STREAM;
import static sifr.http.internal.h2.Http2Frames.FLAG_PADDED;
import static sifr.http.internal.h2.Http2Frames.FLAG_PRIORITY;
import static sifr.http.internal.h2.Http2Frames.GOAWAY;
import static sifr.http.internal.h2.Http2Frames.HEADERS;
import static sifr.http.internal.h2.Http2Frames.HEADER_LENGTH;
import static sifr.http.internal.h2.Http2Frames.PING;
import static sifr.http.internal.h2.Http2Frames.PRIORITY;
import static sifr.http.internal.h2.Http2Frames.PUSH_PROMISE;
import static sifr.http.internal.h2.Http2Frames.RST_STREAM;
import static sifr.http.internal.h2.Http2Frames.SETTINGS;
import static sifr.http.internal.h2.Http2Frames.WINDOW_UPDATE;

import sifr.http.internal.hpack.GrowableBytes;

/**
 * Decodes HTTP/2 frames (RFC 9113 §4, §6) from bytes into an {@link Http2FrameHandler}. Pure: no
 * I/O, no stream states. {@link #read} consumes every complete frame in the given bytes and returns
 * how many bytes it consumed; the caller keeps the rest and calls again with more. A frame whose
 * declared length exceeds SETTINGS_MAX_FRAME_SIZE is refused from its 9-byte header, before its
 * payload is buffered.
 *
 * <p>The reader enforces the frame-level rules: the connection preface (a server reader expects the
 * client's 24 octets; both expect SETTINGS as the first frame), stream identifiers per frame type,
 * lengths of fixed-size frames, padding, SETTINGS values, window increments, and CONTINUATION
 * sequencing. It assembles a field block split over CONTINUATION frames, bounded in bytes and in
 * frame count (zero-length CONTINUATION floods). Connection errors are thrown as {@link Http2Error};
 * stream errors go to {@link Http2FrameHandler#streamError} and reading goes on.
 *
 * <p>Not thread-safe: one reader per connection, used by the connection's reading thread.
 */
public final class Http2Reader {
    /** Which end of the connection this reader serves. */
    public enum Role { CLIENT, SERVER }

    /**
     * Bounds of what the peer may make this reader hold.
     *
     * @param maxFrameSize the SETTINGS_MAX_FRAME_SIZE this side announced (16,384 until changed)
     * @param maxHeaderBlockSize bound of one field block, summed over HEADERS/PUSH_PROMISE and its
     *     CONTINUATION frames, in compressed octets
     * @param maxContinuationFrames bound of CONTINUATION frames in one field block
     */
    public record Limits(int maxFrameSize, int maxHeaderBlockSize, int maxContinuationFrames) {
        public static final Limits DEFAULT = new Limits(Http2Frames.DEFAULT_MAX_FRAME_SIZE, 1 << 20, 128);

        public Limits {
            checkFrameSize(maxFrameSize);
            if (maxHeaderBlockSize <= 0 || maxContinuationFrames < 0) {
                throw new IllegalArgumentException("HTTP/2 reader limits must be positive");
            }
        }
    }

    private final Role role;
    private final Limits limits;
    private int maxFrameSize;
    private int prefaceMatched; // octets of the client preface seen (server only)
    private boolean awaitingSettings = true;

    // A field block waiting for CONTINUATION frames (pendingType < 0: none).
    private int pendingType = -1;
    private int pendingStream;
    private boolean pendingEndStream;
    private int pendingPromised;
    private int continuations;
    private final GrowableBytes block = new GrowableBytes(1024);
    /** Sees every whole frame before it is decoded; null (the rule) when the connection is not traced. */
    private Http2FrameTrace trace;

    public Http2Reader(Role role, Limits limits) {
        this.role = role;
        this.limits = limits;
        this.maxFrameSize = limits.maxFrameSize();
        this.prefaceMatched = role == Role.SERVER ? 0 : Http2Frames.PREFACE_LENGTH;
    }

    /** Shows every frame read from now on to {@code trace} (null: none), as it arrives, before dispatch. */
    void traceTo(Http2FrameTrace trace) {
        this.trace = trace;
    }

    /** Applies a new SETTINGS_MAX_FRAME_SIZE of this side (16,384..16,777,215). */
    public void setMaxFrameSize(int size) {
        checkFrameSize(size);
        maxFrameSize = size;
    }

    private static void checkFrameSize(int size) {
        if (size < Http2Frames.DEFAULT_MAX_FRAME_SIZE || size > Http2Frames.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("HTTP/2 max frame size must be in 16384..16777215");
        }
    }

    /** True while a field block is open, waiting for CONTINUATION. */
    public boolean inHeaderBlock() {
        return pendingType >= 0;
    }

    /**
     * Decodes the complete frames in {@code buf[off, off + len)}.
     *
     * @return the number of bytes consumed: the preface, then whole frames only
     * @throws Http2Error a connection error (or whatever the handler throws)
     */
    public int read(byte[] buf, int off, int len, Http2FrameHandler handler) throws Http2Error {
        int p = off;
        int end = off + len;
        while (prefaceMatched < Http2Frames.PREFACE_LENGTH) {
            if (p == end) {
                return p - off;
            }
            if (buf[p] != Http2Frames.prefaceByte(prefaceMatched)) {
                throw Http2Error.connection(PROTOCOL_ERROR, "invalid HTTP/2 connection preface");
            }
            p++;
            prefaceMatched++;
        }
        while (end - p >= HEADER_LENGTH) {
            int length = ((buf[p] & 0xff) << 16) | ((buf[p + 1] & 0xff) << 8) | (buf[p + 2] & 0xff);
            int type = buf[p + 3] & 0xff;
            int flags = buf[p + 4] & 0xff;
            int streamId = int32(buf, p + 5) & 0x7fff_ffff; // the reserved bit is ignored (§4.1)
            if (length > maxFrameSize) {
                throw Http2Error.connection(FRAME_SIZE_ERROR, Http2Frames.typeName(type) + " frame of " + length
                        + " octets exceeds SETTINGS_MAX_FRAME_SIZE " + maxFrameSize);
            }
            if (end - p - HEADER_LENGTH < length) {
                break;
            }
            int payload = p + HEADER_LENGTH;
            p = payload + length;
            if (trace != null) {
                trace.received(type, flags, streamId, buf, payload, length);
            }
            frame(type, flags, streamId, buf, payload, length, handler);
        }
        return p - off;
    }

    private void frame(int type, int flags, int streamId, byte[] buf, int off, int len, Http2FrameHandler h)
            throws Http2Error {
        if (awaitingSettings) {
            if (type != SETTINGS || (flags & FLAG_ACK) != 0) {
                throw Http2Error.connection(PROTOCOL_ERROR, "HTTP/2 connection preface must start with SETTINGS, got "
                        + Http2Frames.typeName(type));
            }
            awaitingSettings = false;
        }
        if (pendingType >= 0 && type != CONTINUATION) {
            throw Http2Error.connection(PROTOCOL_ERROR, Http2Frames.typeName(type)
                    + " frame inside a field block; expected CONTINUATION on stream " + pendingStream);
        }
        switch (type) {
            case DATA -> data(flags, streamId, buf, off, len, h);
            case HEADERS -> headers(flags, streamId, buf, off, len, h);
            case PRIORITY -> priority(streamId, buf, off, len, h);
            case RST_STREAM -> {
                requireStream(type, streamId);
                requireLength(type, len, 4);
                h.rstStream(streamId, int32(buf, off) & 0xffff_ffffL);
            }
            case SETTINGS -> settings(flags, streamId, buf, off, len, h);
            case PUSH_PROMISE -> pushPromise(flags, streamId, buf, off, len, h);
            case PING -> {
                requireConnection(type, streamId);
                requireLength(type, len, 8);
                h.ping((flags & FLAG_ACK) != 0, ((long) int32(buf, off) << 32) | (int32(buf, off + 4) & 0xffff_ffffL));
            }
            case GOAWAY -> {
                requireConnection(type, streamId);
                if (len < 8) {
                    throw Http2Error.connection(FRAME_SIZE_ERROR, "GOAWAY frame shorter than 8 octets");
                }
                h.goAway(int32(buf, off) & 0x7fff_ffff, int32(buf, off + 4) & 0xffff_ffffL, buf, off + 8, len - 8);
            }
            case WINDOW_UPDATE -> windowUpdate(streamId, buf, off, len, h);
            case CONTINUATION -> continuation(flags, streamId, buf, off, len, h);
            default -> h.unknownFrame(type, flags, streamId, buf, off, len);
        }
    }

    private void data(int flags, int streamId, byte[] buf, int off, int len, Http2FrameHandler h) throws Http2Error {
        requireStream(DATA, streamId);
        int padding = padding(DATA, flags, buf, off, len, 0);
        int start = (flags & FLAG_PADDED) != 0 ? off + 1 : off;
        h.data(streamId, (flags & FLAG_END_STREAM) != 0, buf, start, len - (start - off) - padding, len);
    }

    private void headers(int flags, int streamId, byte[] buf, int off, int len, Http2FrameHandler h)
            throws Http2Error {
        requireStream(HEADERS, streamId);
        boolean hasPriority = (flags & FLAG_PRIORITY) != 0;
        int padding = padding(HEADERS, flags, buf, off, len, hasPriority ? 5 : 0);
        int start = (flags & FLAG_PADDED) != 0 ? off + 1 : off;
        if (hasPriority) {
            int dep = int32(buf, start);
            int dependency = dep & 0x7fff_ffff;
            if (dependency == streamId) {
                // §5.3.1: a stream cannot depend on itself. The field block must still be decoded, to
                // keep HPACK in step, so the stream error is reported and the headers still delivered.
                h.streamError(Http2Error.stream(streamId, PROTOCOL_ERROR, "HTTP/2 stream depends on itself"));
            } else {
                h.priority(streamId, dependency, dep < 0, (buf[start + 4] & 0xff) + 1);
            }
            start += 5;
        }
        int fragment = off + len - padding - start;
        beginBlock(HEADERS, flags, streamId, 0, buf, start, fragment, h);
    }

    private void pushPromise(int flags, int streamId, byte[] buf, int off, int len, Http2FrameHandler h)
            throws Http2Error {
        requireStream(PUSH_PROMISE, streamId);
        if (role == Role.SERVER) {
            throw Http2Error.connection(PROTOCOL_ERROR, "a client must not send PUSH_PROMISE");
        }
        int padding = padding(PUSH_PROMISE, flags, buf, off, len, 4);
        int start = (flags & FLAG_PADDED) != 0 ? off + 1 : off;
        int promised = int32(buf, start) & 0x7fff_ffff;
        if (promised == 0 || (promised & 1) != 0) {
            throw Http2Error.connection(PROTOCOL_ERROR, "PUSH_PROMISE promises invalid stream " + promised);
        }
        start += 4;
        beginBlock(PUSH_PROMISE, flags, streamId, promised, buf, start, off + len - padding - start, h);
    }

    private void beginBlock(int type, int flags, int streamId, int promised, byte[] buf, int off, int len,
            Http2FrameHandler h) throws Http2Error {
        if (len > limits.maxHeaderBlockSize()) {
            throw blockTooLarge();
        }
        boolean endStream = (flags & FLAG_END_STREAM) != 0;
        if ((flags & FLAG_END_HEADERS) != 0) { // the common case: deliver straight from the input
            deliver(type, streamId, endStream, promised, buf, off, len, h);
            return;
        }
        pendingType = type;
        pendingStream = streamId;
        pendingEndStream = endStream;
        pendingPromised = promised;
        continuations = 0;
        block.reset();
        block.write(buf, off, len);
    }

    private void continuation(int flags, int streamId, byte[] buf, int off, int len, Http2FrameHandler h)
            throws Http2Error {
        requireStream(CONTINUATION, streamId);
        if (pendingType < 0 || streamId != pendingStream) {
            throw Http2Error.connection(PROTOCOL_ERROR, "unexpected CONTINUATION frame on stream " + streamId);
        }
        if (++continuations > limits.maxContinuationFrames()) {
            throw Http2Error.connection(ENHANCE_YOUR_CALM, "too many CONTINUATION frames in one field block");
        }
        if (len > limits.maxHeaderBlockSize() - block.size()) {
            throw blockTooLarge();
        }
        block.write(buf, off, len);
        if ((flags & FLAG_END_HEADERS) != 0) {
            int type = pendingType;
            pendingType = -1;
            deliver(type, pendingStream, pendingEndStream, pendingPromised, block.array(), 0, block.size(), h);
        }
    }

    private Http2Error blockTooLarge() {
        // The block cannot be decoded, so HPACK would fall out of step: only the connection can end.
        return Http2Error.connection(ENHANCE_YOUR_CALM, "HTTP/2 field block exceeds " + limits.maxHeaderBlockSize()
                + " octets");
    }

    private static void deliver(int type, int streamId, boolean endStream, int promised, byte[] buf, int off, int len,
            Http2FrameHandler h) throws Http2Error {
        if (type == HEADERS) {
            h.headers(streamId, endStream, buf, off, len);
        } else {
            h.pushPromise(streamId, promised, buf, off, len);
        }
    }

    private void priority(int streamId, byte[] buf, int off, int len, Http2FrameHandler h) throws Http2Error {
        requireStream(PRIORITY, streamId);
        if (len != 5) {
            h.streamError(Http2Error.stream(streamId, FRAME_SIZE_ERROR, "PRIORITY frame must be 5 octets"));
            return;
        }
        int dep = int32(buf, off);
        int dependency = dep & 0x7fff_ffff;
        if (dependency == streamId) {
            h.streamError(Http2Error.stream(streamId, PROTOCOL_ERROR, "HTTP/2 stream depends on itself"));
            return;
        }
        h.priorityFrame(streamId, dependency, dep < 0, (buf[off + 4] & 0xff) + 1);
    }

    private void settings(int flags, int streamId, byte[] buf, int off, int len, Http2FrameHandler h)
            throws Http2Error {
        requireConnection(SETTINGS, streamId);
        if ((flags & FLAG_ACK) != 0) {
            if (len != 0) {
                throw Http2Error.connection(FRAME_SIZE_ERROR, "SETTINGS acknowledgement with a payload");
            }
            h.settingsAck();
            return;
        }
        if (len % 6 != 0) {
            throw Http2Error.connection(FRAME_SIZE_ERROR, "SETTINGS frame length is not a multiple of 6");
        }
        Http2Settings settings = Http2Settings.EMPTY;
        for (int p = off; p < off + len; p += 6) {
            int id = ((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff);
            long value = int32(buf, p + 2) & 0xffff_ffffL;
            if (!Http2Settings.isKnown(id)) {
                continue; // §6.5.2: unknown settings MUST be ignored
            }
            checkSetting(id, value);
            settings = settings.with(id, value);
        }
        h.settings(settings);
    }

    private void checkSetting(int id, long value) throws Http2Error {
        switch (id) {
            case Http2Settings.ENABLE_PUSH -> {
                if (value > 1) {
                    throw Http2Error.connection(PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH must be 0 or 1");
                }
                if (value == 1 && role == Role.CLIENT) {
                    throw Http2Error.connection(PROTOCOL_ERROR, "a server must not enable push");
                }
            }
            case Http2Settings.INITIAL_WINDOW_SIZE -> {
                if (value > Http2Frames.MAX_WINDOW_INCREMENT) {
                    throw Http2Error.connection(FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1");
                }
            }
            case Http2Settings.MAX_FRAME_SIZE -> {
                if (value < Http2Frames.DEFAULT_MAX_FRAME_SIZE || value > Http2Frames.MAX_MAX_FRAME_SIZE) {
                    throw Http2Error.connection(PROTOCOL_ERROR, "SETTINGS_MAX_FRAME_SIZE outside 16384..16777215");
                }
            }
            case Http2Settings.ENABLE_CONNECT_PROTOCOL, Http2Settings.NO_RFC7540_PRIORITIES -> {
                if (value > 1) {
                    throw Http2Error.connection(PROTOCOL_ERROR, "SETTINGS_" + Http2Settings.name(id) + " must be 0 or 1");
                }
            }
            default -> { }
        }
    }

    private static void windowUpdate(int streamId, byte[] buf, int off, int len, Http2FrameHandler h)
            throws Http2Error {
        requireLength(WINDOW_UPDATE, len, 4);
        int increment = int32(buf, off) & 0x7fff_ffff; // reserved bit ignored
        if (increment == 0) {
            if (streamId == 0) {
                throw Http2Error.connection(PROTOCOL_ERROR, "WINDOW_UPDATE with increment 0");
            }
            h.streamError(Http2Error.stream(streamId, PROTOCOL_ERROR, "WINDOW_UPDATE with increment 0"));
            return;
        }
        h.windowUpdate(streamId, increment);
    }

    /**
     * Validates the Pad Length field of a PADDED frame and returns the padding length (0 without the
     * flag). {@code fixed} is the length of the fields after Pad Length that precede the content.
     */
    private static int padding(int type, int flags, byte[] buf, int off, int len, int fixed) throws Http2Error {
        int prefix = fixed + ((flags & FLAG_PADDED) != 0 ? 1 : 0);
        if (len < prefix) {
            throw Http2Error.connection(FRAME_SIZE_ERROR, Http2Frames.typeName(type) + " frame too short");
        }
        if ((flags & FLAG_PADDED) == 0) {
            return 0;
        }
        int padding = buf[off] & 0xff;
        if (padding > len - prefix) {
            throw Http2Error.connection(PROTOCOL_ERROR, Http2Frames.typeName(type) + " padding exceeds the payload");
        }
        return padding;
    }

    private static void requireStream(int type, int streamId) throws Http2Error {
        if (streamId == 0) {
            throw Http2Error.connection(PROTOCOL_ERROR, Http2Frames.typeName(type) + " frame on stream 0");
        }
    }

    private static void requireConnection(int type, int streamId) throws Http2Error {
        if (streamId != 0) {
            throw Http2Error.connection(PROTOCOL_ERROR, Http2Frames.typeName(type) + " frame on stream " + streamId);
        }
    }

    private static void requireLength(int type, int len, int expected) throws Http2Error {
        if (len != expected) {
            throw Http2Error.connection(FRAME_SIZE_ERROR, Http2Frames.typeName(type) + " frame must be " + expected
                    + " octets");
        }
    }

    static int int32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
