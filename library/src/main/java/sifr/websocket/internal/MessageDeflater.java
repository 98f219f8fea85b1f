package sifr.websocket.internal;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate (RFC 7692 §7.2.1): each message is compressed as raw DEFLATE
 * ending in a sync flush, whose {@code 00 00 FF FF} tail is removed. Without context takeover the
 * deflater is released after each message (the next one starts with an empty window); with it, the
 * connection releases it once sending has been quiet for a while ({@link #release}: the next message
 * starts a fresh window, which the peer's inflater decodes as it would any block after a sync flush), so
 * an idle connection holds no compression state either way.
 *
 * <p>{@code java.util.zip} always uses a 32 KiB window (15 bits); a peer that asks for a smaller
 * {@code *_max_window_bits} for our compressor is declined at negotiation ({@link DeflateParams}).
 */
public final class MessageDeflater {
    private final boolean contextTakeover;
    private final int level;
    private Deflater deflater;
    private byte[] out; // the output buffer, allocated with the deflater

    /** @param contextTakeover whether our window carries from one message to the next */
    public MessageDeflater(boolean contextTakeover, int level) {
        this.contextTakeover = contextTakeover;
        this.level = level;
    }

    /**
     * The compressed form of {@code data[off, off+len)}: a whole message, or with {@code last} false one
     * fragment of it (its frames then carry the stream in order; only the last one has the tail removed).
     * An empty message compresses to {@code 00} (RFC 7692 §7.2.3.6).
     */
    public byte[] compress(byte[] data, int off, int len, boolean last) {
        if (deflater == null) {
            deflater = new Deflater(level, true);
            out = new byte[1024];
        }
        deflater.setInput(data, off, len);
        int size = 0;
        while (true) {
            if (out.length - size < 64) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + 1024));
            }
            int n = deflater.deflate(out, size, out.length - size, Deflater.SYNC_FLUSH);
            size += n;
            if (size < out.length) { // SYNC_FLUSH filled less than the room it had: all input is out
                break;
            }
        }
        // Every sync flush ends in an empty stored block, 00 00 FF FF, which the receiver adds back.
        int trimmed = last && size >= 4 && out[size - 4] == 0 && out[size - 3] == 0 && out[size - 2] == (byte) 0xFF
                && out[size - 1] == (byte) 0xFF ? size - 4 : size;
        byte[] result = trimmed == 0 && last ? new byte[] {0} : Arrays.copyOf(out, trimmed);
        if (last && !contextTakeover) {
            release();
        }
        if (out != null && out.length > 64 * 1024) {
            out = new byte[1024]; // don't keep a large message's buffer on an idle connection
        }
        return result;
    }

    /** Frees the native deflater and the output buffer; the next message starts with an empty window. */
    public void release() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
        out = null;
    }
}
