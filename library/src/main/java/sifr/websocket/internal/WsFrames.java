package sifr.websocket.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The RFC 6455 §5.2 base frame: opcodes, header layout, the frame encoder and masking.
 *
 * <pre>
 *  byte 0: FIN(1) RSV1(1) RSV2(1) RSV3(1) opcode(4)
 *  byte 1: MASK(1) payload length(7): 0..125, 126 = a 16-bit length follows, 127 = a 64-bit length
 *          follows (most significant bit 0)
 *  then the extended length, then the 4-byte masking key if MASK, then the payload
 * </pre>
 * The encoder always uses the shortest length form (§5.2 "the minimal number of bytes MUST be used").
 */
public final class WsFrames {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** Control frames carry at most 125 payload bytes (§5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;
    /** Largest header: 2 + 8 (64-bit length) + 4 (masking key). */
    public static final int MAX_HEADER_LENGTH = 14;

    static final int FIN = 0x80;
    static final int RSV1 = 0x40;
    static final int RSV2 = 0x20;
    static final int RSV3 = 0x10;
    static final int MASK = 0x80;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private WsFrames() {
    }

    /** Whether {@code opcode} is a control frame (§5.5: the high bit of the opcode is set). */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** Whether RFC 6455 defines {@code opcode} (3-7 and B-F are reserved, §5.2). */
    public static boolean isKnown(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }

    /** Header bytes for a payload of {@code length}, with or without a masking key. */
    public static int headerLength(long length, boolean masked) {
        int n = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        return masked ? n + 4 : n;
    }

    /**
     * Writes a frame header at {@code dst[at]}; returns the header length.
     *
     * @param maskKey the masking key, written when {@code masked}
     */
    public static int writeHeader(byte[] dst, int at, boolean fin, boolean rsv1, int opcode, long length,
                                  boolean masked, int maskKey) {
        int p = at;
        dst[p++] = (byte) ((fin ? FIN : 0) | (rsv1 ? RSV1 : 0) | opcode);
        int maskBit = masked ? MASK : 0;
        if (length <= 125) {
            dst[p++] = (byte) (maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            dst[p++] = (byte) (maskBit | 126);
            dst[p++] = (byte) (length >> 8);
            dst[p++] = (byte) length;
        } else {
            dst[p++] = (byte) (maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                dst[p++] = (byte) (length >> shift);
            }
        }
        if (masked) {
            dst[p++] = (byte) (maskKey >> 24);
            dst[p++] = (byte) (maskKey >> 16);
            dst[p++] = (byte) (maskKey >> 8);
            dst[p++] = (byte) maskKey;
        }
        return p - at;
    }

    /** One whole frame: header, then {@code payload[off, off+len)} masked with {@code maskKey} when {@code masked}. */
    public static byte[] frame(boolean fin, boolean rsv1, int opcode, byte[] payload, int off, int len,
                               boolean masked, int maskKey) {
        byte[] out = new byte[headerLength(len, masked) + len];
        int h = writeHeader(out, 0, fin, rsv1, opcode, len, masked, maskKey);
        System.arraycopy(payload, off, out, h, len);
        if (masked) {
            mask(out, h, len, maskKey, 0);
        }
        return out;
    }

    /**
     * Copies {@code src[srcOff, srcOff+len)} to {@code dst[dstOff...]} masked with the key (§5.3), starting
     * at key byte {@code keyPos}, in one pass: a client's frame is masked on its way into the write buffer,
     * never in the caller's array and never in a second pass.
     *
     * @return the key position after the last byte
     */
    public static int maskCopy(byte[] src, int srcOff, byte[] dst, int dstOff, int len, int maskKey, int keyPos) {
        int i = 0;
        int pos = keyPos & 3;
        while (i < len && pos != 0) {
            dst[dstOff + i] = (byte) (src[srcOff + i] ^ (maskKey >>> (24 - 8 * pos)));
            i++;
            pos = (pos + 1) & 3;
        }
        long key8 = ((maskKey & 0xFFFF_FFFFL) << 32) | (maskKey & 0xFFFF_FFFFL);
        while (i + 8 <= len) {
            LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ key8);
            i += 8;
        }
        while (i < len) {
            dst[dstOff + i] = (byte) (src[srcOff + i] ^ (maskKey >>> (24 - 8 * pos)));
            i++;
            pos = (pos + 1) & 3;
        }
        return pos;
    }

    /**
     * XORs {@code b[off, off+len)} with the masking key (§5.3), starting at key byte {@code keyPos}
     * (0..3; a payload that arrives in pieces continues where the previous piece stopped). Masking and
     * unmasking are the same operation.
     *
     * @return the key position after the last byte
     */
    public static int mask(byte[] b, int off, int len, int maskKey, int keyPos) {
        int i = off;
        int end = off + len;
        int pos = keyPos & 3;
        // Byte by byte until the key lines up again, then eight bytes per step with the key rotated to pos.
        while (i < end && pos != 0) {
            b[i] ^= (byte) (maskKey >>> (24 - 8 * pos));
            i++;
            pos = (pos + 1) & 3;
        }
        long key8 = ((maskKey & 0xFFFF_FFFFL) << 32) | (maskKey & 0xFFFF_FFFFL);
        while (i + 8 <= end) {
            LONGS.set(b, i, (long) LONGS.get(b, i) ^ key8);
            i += 8;
        }
        while (i < end) {
            b[i] ^= (byte) (maskKey >>> (24 - 8 * pos));
            i++;
            pos = (pos + 1) & 3;
        }
        return pos;
    }
}
