package sifr.websocket.internal;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of permessage-deflate (RFC 7692 §7.2.2): raw DEFLATE (no zlib header) across
 * the frames of one message, with the {@code 00 00 FF FF} tail the sender removed appended at the end.
 *
 * <p>Output goes straight into the caller's {@link Output}, which enforces the message size limit on
 * inflated bytes: a small compressed message that expands past it fails there (1009), and no more than
 * one chunk past the limit is ever produced, so a decompression bomb costs bounded memory and time.
 *
 * <p>With context takeover the window carries from message to message; without it (the peer announced
 * {@code *_no_context_takeover}) the inflater is reset after each message and, to keep idle connections
 * small, released entirely until the next compressed message arrives.
 */
public final class MessageInflater {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    /** Where inflated bytes go; refuses (throws) once the message limit would be passed. */
    public interface Output {
        /** Room for at least {@code min} more bytes; returns the array to inflate into at {@link #size()}. */
        byte[] reserve(int min) throws WsProtocolError;

        int size();

        /** {@code n} bytes were inflated into the array at {@link #size()}. */
        void added(int n) throws WsProtocolError;
    }

    private final boolean contextTakeover;
    private Inflater inflater;

    /** @param contextTakeover whether the peer keeps its compression context between messages */
    public MessageInflater(boolean contextTakeover) {
        this.contextTakeover = contextTakeover;
    }

    /** Inflates the next compressed bytes of the current message. */
    public void inflate(byte[] in, int off, int len, Output out) throws WsProtocolError {
        if (len > 0) {
            run(in, off, len, out);
        }
    }

    /** The message's last frame ended: inflates the removed tail, then resets when there is no context takeover. */
    public void endMessage(Output out) throws WsProtocolError {
        run(TAIL, 0, TAIL.length, out);
        if (!contextTakeover) {
            release();
        } else if (inflater.finished()) {
            inflater.reset(); // the peer ended its DEFLATE stream (a BFINAL block): the next message starts afresh
        }
    }

    private void run(byte[] in, int off, int len, Output out) throws WsProtocolError {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        inflater.setInput(in, off, len);
        try {
            while (!inflater.finished()) {
                byte[] dst = out.reserve(16 * 1024);
                int at = out.size();
                int n = inflater.inflate(dst, at, dst.length - at);
                if (n > 0) {
                    out.added(n);
                } else if (inflater.needsInput() || inflater.needsDictionary()) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw WsProtocolError.invalidData("permessage-deflate data is not valid DEFLATE");
        }
        if (inflater.needsDictionary()) {
            throw WsProtocolError.invalidData("permessage-deflate data asks for a preset dictionary");
        }
    }

    /** Frees the native inflater (the connection ended, or no context is kept between messages). */
    public void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
