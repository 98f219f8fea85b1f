package sifr.websocket.internal;

import java.util.Arrays;

/**
 * Turns the frames of {@link FrameDecoder} into messages (RFC 6455 §5.4, §5.6): pure state, no I/O,
 * so it is tested and fuzzed with bytes alone.
 *
 * <p>Rules, each failing the connection with the code in brackets: a Continuation frame only inside a
 * message, a Text or Binary frame only outside one [1002]; RSV1 only on a message's first frame [1002,
 * RFC 7692 §6.1]; a message no larger than {@link Limits#maxMessageSize} counting every fragment, after
 * inflation [1009]; no more than {@link Limits#maxFragments} frames per message [1009]; text valid UTF-8,
 * checked as the bytes arrive so an invalid message fails at its first bad byte [1007]; inflatable
 * compressed data [1007]; a well-formed Close body [1002, 1007].
 *
 * <p>Memory: one buffer per message in progress, grown by doubling but never past the message limit
 * (a single-frame message gets exactly its length), none between messages. In fragment mode each frame is handed on as it ends
 * and the buffer starts over, a text fragment held back by at most three bytes so that it ends on a
 * character boundary.
 */
public final class MessageAssembler implements FrameDecoder.Sink {
    /** The limits this side enforces on what it receives. */
    public record Limits(long maxMessageSize, int maxFragments, boolean deliverFragments) {
    }

    /** What the assembler hands on. */
    public interface Events {
        /** A whole message, or in fragment mode one fragment ({@code last} on the message's final one). */
        void message(boolean text, byte[] data, boolean last) throws WsProtocolError;

        void ping(byte[] payload) throws WsProtocolError;

        void pong(byte[] payload) throws WsProtocolError;

        /** A Close frame; {@code code} is {@link CloseCodes#NO_STATUS} when it carried none. */
        void close(int code, String reason) throws WsProtocolError;
    }

    private static final byte[] EMPTY = new byte[0];

    private final Limits limits;
    private final Events events;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final MessageInflater inflater;
    private final Output output = new Output();

    private int messageOpcode; // 0: no message in progress
    private boolean compressed;
    private boolean frameFin;
    private long messageSize;
    private int fragments;
    private byte[] buf = EMPTY;
    private int size;

    /** @param inflater the permessage-deflate receiver, or null when it was not negotiated */
    public MessageAssembler(Limits limits, MessageInflater inflater, Events events) {
        this.limits = limits;
        this.inflater = inflater;
        this.events = events;
    }

    @Override
    public void control(int opcode, byte[] b, int off, int len) throws WsProtocolError {
        switch (opcode) {
            case WsFrames.PING -> events.ping(Arrays.copyOfRange(b, off, off + len));
            case WsFrames.PONG -> events.pong(Arrays.copyOfRange(b, off, off + len));
            default -> {
                CloseCodes.Close close = CloseCodes.parse(b, off, len);
                events.close(close.code(), close.reason());
            }
        }
    }

    @Override
    public void dataStart(int opcode, boolean fin, boolean rsv1, long length) throws WsProtocolError {
        if (opcode == WsFrames.CONTINUATION) {
            if (messageOpcode == 0) {
                throw WsProtocolError.protocol("continuation frame outside a message");
            }
            if (rsv1) {
                throw WsProtocolError.protocol("RSV1 set on a continuation frame");
            }
        } else {
            if (messageOpcode != 0) {
                throw WsProtocolError.protocol("new data frame before the fragmented message ended");
            }
            if (rsv1 && inflater == null) {
                throw WsProtocolError.protocol("RSV1 set without permessage-deflate");
            }
            messageOpcode = opcode;
            compressed = rsv1;
            messageSize = 0;
            fragments = 0;
            utf8.reset();
        }
        if (++fragments > limits.maxFragments()) {
            throw WsProtocolError.tooBig("message has more than " + limits.maxFragments() + " fragments");
        }
        frameFin = fin;
        if (!compressed) {
            if (messageSize + length > limits.maxMessageSize()) {
                throw tooBig(messageSize + length);
            }
            ensure(size + (int) length); // at most the limit: checked above
        }
    }

    @Override
    public void dataPayload(byte[] b, int off, int len) throws WsProtocolError {
        if (compressed) {
            inflater.inflate(b, off, len, output);
            return;
        }
        System.arraycopy(b, off, buf, size, len);
        added(len);
    }

    @Override
    public void dataEnd() throws WsProtocolError {
        if (compressed && frameFin) {
            inflater.endMessage(output);
        }
        boolean text = messageOpcode == WsFrames.TEXT;
        if (frameFin) {
            if (text && !utf8.isComplete()) {
                throw WsProtocolError.invalidData("text message ends inside a UTF-8 sequence");
            }
            messageOpcode = 0;
            events.message(text, take(size), true);
        } else if (limits.deliverFragments()) {
            // Hold back an incomplete UTF-8 sequence so that every text fragment decodes on its own.
            int keep = text ? utf8.partialLength() : 0;
            byte[] piece = take(size - keep);
            events.message(text, piece, false);
        }
    }

    /** The first {@code n} buffered bytes as an exact array; the rest (at most 3) move to the front. */
    private byte[] take(int n) {
        byte[] out;
        if (n == buf.length && n == size) {
            out = buf;
            buf = EMPTY;
        } else {
            out = Arrays.copyOf(buf, n);
            if (size == n) {
                buf = EMPTY; // between messages nothing is kept: an idle connection holds no message buffer
            } else {
                System.arraycopy(buf, n, buf, 0, size - n);
                if (buf.length > 64 * 1024) {
                    buf = Arrays.copyOf(buf, Math.max(16, size - n)); // don't keep a large buffer between fragments
                }
            }
        }
        size -= n;
        return out;
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            int grown = buf.length == 0 ? capacity : (int) Math.min(Math.max((long) buf.length * 2, capacity),
                    Math.max(capacity, Math.min(limits.maxMessageSize(), Integer.MAX_VALUE - 8)));
            buf = Arrays.copyOf(buf, grown);
        }
    }

    private void added(int n) throws WsProtocolError {
        if (messageOpcode == WsFrames.TEXT && !utf8.feed(buf, size, n)) {
            throw WsProtocolError.invalidData("text message is not valid UTF-8");
        }
        size += n;
        messageSize += n;
    }

    private WsProtocolError tooBig(long bytes) {
        return WsProtocolError.tooBig("message of " + bytes + " bytes exceeds limit " + limits.maxMessageSize());
    }

    /** Whether a fragmented message has begun and not ended. */
    public boolean inMessage() {
        return messageOpcode != 0;
    }

    /** Frees the inflater (the connection ended). */
    public void release() {
        if (inflater != null) {
            inflater.release();
        }
    }

    /** Inflated bytes land in the message buffer; the limit is checked before room is made. */
    private final class Output implements MessageInflater.Output {
        @Override
        public byte[] reserve(int min) throws WsProtocolError {
            long room = limits.maxMessageSize() - messageSize;
            // one byte past the limit is enough to see that the message is too big
            int want = (int) Math.min(min, room + 1);
            if (buf.length - size < want) {
                ensure(size + want);
            }
            return buf;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void added(int n) throws WsProtocolError {
            if (messageSize + n > limits.maxMessageSize()) {
                throw tooBig(messageSize + n);
            }
            MessageAssembler.this.added(n);
        }
    }
}
