package sifr.websocket.internal;

/**
 * Decodes RFC 6455 frames from bytes as they arrive, with no I/O and no buffering of its own (the
 * httparse shape: {@link #decode} returns how many bytes it consumed; the caller keeps the rest and
 * calls again with more).
 *
 * <p>Data frame payloads are streamed: {@link Sink#dataStart} once the header is complete, then
 * {@link Sink#dataPayload} for each piece as it arrives (already unmasked, in place), then
 * {@link Sink#dataEnd}. So a frame is never held whole here, whatever its length, and a text message
 * can be found invalid in the middle of a frame. Control frames (at most 125 bytes) are delivered whole:
 * the caller's buffer must hold at least {@code 14 + 125} bytes.
 *
 * <p>Frame-level rules checked here, each failing with 1002 unless said: RSV2 and RSV3 clear, RSV1 only
 * when an extension defines it ({@link #allowRsv1}) and never on a control frame (§5.2, RFC 7692 §6);
 * no reserved opcode (§5.2); control frames final and at most 125 bytes (§5.5); client frames masked,
 * server frames not (§5.1); the 64-bit length's most significant bit clear (§5.2); a data frame no longer
 * than the frame limit (1009). Non-minimal length encodings are accepted: the minimal-length rule binds
 * senders, and rejecting them would break peers that no receiver rejects. Message-level rules
 * (fragmentation, UTF-8, sizes) are {@link MessageAssembler}'s.
 *
 * <p>After a Close frame the decoder stops: nothing after it is read (§5.5.1).
 */
public final class FrameDecoder {
    /** What the decoder reports, in wire order. */
    public interface Sink {
        /** A whole control frame (Close, Ping, Pong), payload unmasked. */
        void control(int opcode, byte[] buf, int off, int len) throws WsProtocolError;

        /** A data frame (Text, Binary, Continuation) header; {@code length} payload bytes follow. */
        void dataStart(int opcode, boolean fin, boolean rsv1, long length) throws WsProtocolError;

        /** The next piece of the current data frame's payload, unmasked; never empty. */
        void dataPayload(byte[] buf, int off, int len) throws WsProtocolError;

        /** The current data frame is complete. */
        void dataEnd() throws WsProtocolError;
    }

    private final boolean expectMasked;
    private final long maxFramePayload;
    private boolean rsv1Allowed;

    private boolean inPayload;
    private long remaining;
    private boolean masked;
    private int maskKey;
    private int keyPos;
    private boolean closed;

    /**
     * @param expectMasked true on the server (client frames must be masked), false on the client
     * @param maxFramePayload largest data frame payload accepted (1009 beyond)
     */
    public FrameDecoder(boolean expectMasked, long maxFramePayload) {
        this.expectMasked = expectMasked;
        this.maxFramePayload = maxFramePayload;
    }

    /** permessage-deflate was negotiated: RSV1 marks a compressed message (RFC 7692 §6). */
    public void allowRsv1() {
        rsv1Allowed = true;
    }

    /** Whether a Close frame was decoded (the decoder consumes nothing more). */
    public boolean sawClose() {
        return closed;
    }

    /** Whether a frame's payload is being decoded (its header consumed, not all of its payload). */
    public boolean inPayload() {
        return inPayload;
    }

    /**
     * Decodes as many frames, and as much of a data frame's payload, as {@code b[off, off+len)} holds.
     * Payload bytes are unmasked in place.
     *
     * @return bytes consumed; the rest (a partial header or control frame) must be offered again
     *     with more bytes after it
     */
    public int decode(byte[] b, int off, int len, Sink sink) throws WsProtocolError {
        int p = off;
        int end = off + len;
        while (p < end && !closed) {
            if (inPayload) {
                int n = (int) Math.min(remaining, end - p);
                if (masked) {
                    keyPos = WsFrames.mask(b, p, n, maskKey, keyPos);
                }
                sink.dataPayload(b, p, n);
                p += n;
                remaining -= n;
                if (remaining == 0) {
                    inPayload = false;
                    sink.dataEnd();
                }
                continue;
            }
            int avail = end - p;
            if (avail < 2) {
                break;
            }
            int b0 = b[p] & 0xff;
            int b1 = b[p + 1] & 0xff;
            boolean fin = (b0 & WsFrames.FIN) != 0;
            boolean rsv1 = (b0 & WsFrames.RSV1) != 0;
            int opcode = b0 & 0x0f;
            if ((b0 & (WsFrames.RSV2 | WsFrames.RSV3)) != 0) {
                throw WsProtocolError.protocol("RSV2 or RSV3 set without an extension that defines them");
            }
            if (!WsFrames.isKnown(opcode)) {
                throw WsProtocolError.protocol("reserved opcode " + opcode);
            }
            boolean control = WsFrames.isControl(opcode);
            if (rsv1 && (control || !rsv1Allowed)) {
                throw WsProtocolError.protocol(control ? "RSV1 set on a control frame" : "RSV1 set without permessage-deflate");
            }
            boolean frameMasked = (b1 & WsFrames.MASK) != 0;
            if (frameMasked != expectMasked) {
                throw WsProtocolError.protocol(expectMasked ? "client frame is not masked" : "server frame is masked");
            }
            int len7 = b1 & 0x7f;
            if (control && !fin) {
                throw WsProtocolError.protocol("fragmented control frame");
            }
            if (control && len7 > WsFrames.MAX_CONTROL_PAYLOAD) {
                throw WsProtocolError.protocol("control frame payload exceeds 125 bytes");
            }
            int headerLen = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (frameMasked ? 4 : 0);
            if (avail < headerLen) {
                break;
            }
            int q = p + 2;
            long length = len7;
            if (len7 == 126) {
                length = ((b[q] & 0xff) << 8) | (b[q + 1] & 0xff);
                q += 2;
            } else if (len7 == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (b[q + i] & 0xff);
                }
                q += 8;
                if (length < 0) {
                    throw WsProtocolError.protocol("64-bit payload length has its most significant bit set");
                }
            }
            int key = 0;
            if (frameMasked) {
                key = ((b[q] & 0xff) << 24) | ((b[q + 1] & 0xff) << 16) | ((b[q + 2] & 0xff) << 8) | (b[q + 3] & 0xff);
                q += 4;
            }
            if (control) {
                if (avail < headerLen + length) {
                    break; // control frames are delivered whole; wait for the rest
                }
                int n = (int) length;
                if (frameMasked) {
                    WsFrames.mask(b, q, n, key, 0);
                }
                p = q + n;
                if (opcode == WsFrames.CLOSE) {
                    closed = true;
                }
                sink.control(opcode, b, q, n);
                continue;
            }
            if (length > maxFramePayload) {
                throw WsProtocolError.tooBig("frame payload of " + length + " bytes exceeds limit " + maxFramePayload);
            }
            p = q;
            sink.dataStart(opcode, fin, rsv1, length);
            if (length == 0) {
                sink.dataEnd();
            } else {
                inPayload = true;
                remaining = length;
                masked = frameMasked;
                maskKey = key;
                keyPos = 0;
            }
        }
        return p - off;
    }
}
