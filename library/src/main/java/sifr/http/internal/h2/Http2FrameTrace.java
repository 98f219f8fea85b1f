package sifr.http.internal.h2;

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

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import sifr.http.internal.hpack.GrowableBytes;

/**
 * The frame trace of one HTTP/2 connection: a {@link Level#TRACE} record on the logger
 * {@code sifr.http.h2} for every frame received (as the frame reader takes it, before dispatch) and
 * every frame queued for sending (in wire order, under the connection's lock), for debugging interop.
 *
 * <p>One line per frame: connection number and role, {@code in} or {@code out}, type, stream,
 * length, flags, and the decoded values of SETTINGS (each parameter), GOAWAY (last stream, error code,
 * debug data length), RST_STREAM (error code), WINDOW_UPDATE (increment), PING (opaque data),
 * PRIORITY and PUSH_PROMISE (stream ids). Never any HPACK contents: HEADERS, CONTINUATION and
 * PUSH_PROMISE field blocks are neither decoded nor shown, so no header name or value (sensitive or
 * not) reaches the log; nor do DATA payloads or GOAWAY debug text (it can quote what the peer sent).
 *
 * <p>Cost: whether TRACE is on is asked once, when the connection starts ({@link #forConnection}
 * returns null when it is off), so a connection without a trace pays one null check per frame and
 * builds no strings. Turning TRACE on affects connections opened afterwards.
 */
final class Http2FrameTrace {
    static final String LOGGER = "sifr.http.h2";
    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    /** {@code "h2 #7 server "}: which connection each line is about. */
    private final String prefix;

    private Http2FrameTrace(String prefix) {
        this.prefix = prefix;
    }

    /** The trace of a new connection on {@code side}, or null when TRACE is off for {@value #LOGGER}. */
    static Http2FrameTrace forConnection(Http2Reader.Role side) {
        if (!LOG.isLoggable(Level.TRACE)) {
            return null;
        }
        return new Http2FrameTrace("h2 #" + CONNECTIONS.incrementAndGet() + " "
                + (side == Http2Reader.Role.SERVER ? "server" : "client") + " ");
    }

    /** A frame the reader took whole: its header fields and its payload at {@code buf[payload, payload + length)}. */
    void received(int type, int flags, int streamId, byte[] buf, int payload, int length) {
        LOG.log(Level.TRACE, prefix + "in  " + describe(type, flags, streamId, buf, payload, length));
    }

    /** The frames appended to {@code out} since it held {@code from} octets (one or more whole frames). */
    void sent(GrowableBytes out, int from) {
        byte[] b = out.array();
        int end = out.size();
        int p = from;
        while (end - p >= HEADER_LENGTH) {
            int length = ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
            int type = b[p + 3] & 0xff;
            int flags = b[p + 4] & 0xff;
            int streamId = int32(b, p + 5) & 0x7fff_ffff;
            int payload = p + HEADER_LENGTH;
            if (end - payload < length) {
                return; // not a frame boundary: nothing sensible to say
            }
            LOG.log(Level.TRACE, prefix + "out " + describe(type, flags, streamId, b, payload, length));
            p = payload + length;
        }
    }

    /** One frame as a trace line (without direction): type, stream, length, flags, decoded control values. */
    static String describe(int type, int flags, int streamId, byte[] b, int p, int length) {
        StringBuilder sb = new StringBuilder(80).append(Http2Frames.typeName(type))
                .append(" stream=").append(streamId).append(" length=").append(length)
                .append(" flags=0x").append(Integer.toHexString(flags));
        flagNames(sb, type, flags);
        switch (type) {
            case SETTINGS -> {
                if ((flags & FLAG_ACK) == 0 && length % 6 == 0) {
                    for (int i = p; i < p + length; i += 6) {
                        int id = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
                        sb.append(' ').append(Http2Settings.name(id)).append('=').append(int32(b, i + 2) & 0xffff_ffffL);
                    }
                }
            }
            case RST_STREAM -> {
                if (length == 4) {
                    sb.append(" error=").append(Http2ErrorCode.describe(int32(b, p) & 0xffff_ffffL));
                }
            }
            case GOAWAY -> {
                if (length >= 8) {
                    sb.append(" last_stream=").append(int32(b, p) & 0x7fff_ffff)
                            .append(" error=").append(Http2ErrorCode.describe(int32(b, p + 4) & 0xffff_ffffL))
                            .append(" debug=").append(length - 8).append(" octets");
                }
            }
            case WINDOW_UPDATE -> {
                if (length == 4) {
                    sb.append(" increment=").append(int32(b, p) & 0x7fff_ffff);
                }
            }
            case PING -> {
                if (length == 8) {
                    sb.append(" opaque=").append(Long.toHexString(((long) int32(b, p) << 32) | (int32(b, p + 4) & 0xffff_ffffL)));
                }
            }
            case PRIORITY -> {
                if (length == 5) {
                    sb.append(" depends_on=").append(int32(b, p) & 0x7fff_ffff)
                            .append(" weight=").append((b[p + 4] & 0xff) + 1);
                }
            }
            case PUSH_PROMISE -> {
                int at = p + ((flags & FLAG_PADDED) != 0 ? 1 : 0);
                if (at + 4 <= p + length) {
                    sb.append(" promised=").append(int32(b, at) & 0x7fff_ffff);
                }
            }
            default -> {
                // DATA, HEADERS, CONTINUATION, unknown types: the header says all that may be said
            }
        }
        return sb.toString();
    }

    private static void flagNames(StringBuilder sb, int type, int flags) {
        int before = sb.length();
        if ((type == DATA || type == HEADERS) && (flags & FLAG_END_STREAM) != 0) {
            sb.append("|END_STREAM");
        }
        if ((type == SETTINGS || type == PING) && (flags & FLAG_ACK) != 0) {
            sb.append("|ACK");
        }
        if ((type == HEADERS || type == PUSH_PROMISE || type == CONTINUATION) && (flags & FLAG_END_HEADERS) != 0) {
            sb.append("|END_HEADERS");
        }
        if ((type == DATA || type == HEADERS || type == PUSH_PROMISE) && (flags & FLAG_PADDED) != 0) {
            sb.append("|PADDED");
        }
        if (type == HEADERS && (flags & FLAG_PRIORITY) != 0) {
            sb.append("|PRIORITY");
        }
        if (sb.length() > before) {
            sb.setCharAt(before, '(');
            sb.insert(before, ' ').append(')');
        }
    }

    private static int int32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
