package sifr.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import sifr.net.ByteStream;

/**
 * A scripted WebSocket peer for tests, written apart from the code under test (its own frame codec
 * and handshake): it sends exactly the frames a test asks for, valid or not, cut into the chunks the
 * test asks for, and reads frames back one by one. Like Autobahn's fuzzer, it plays either role.
 */
final class RawPeer implements AutoCloseable {
    /** One frame read back. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    final ByteStream stream;
    private final boolean masks;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    String handshakeHead = "";

    private RawPeer(ByteStream stream, boolean masks) {
        this.stream = stream;
        this.masks = masks;
    }

    /** Client side: sends an upgrade request with {@code extraFields} ("name: value\r\n" lines), reads the head. */
    static RawPeer client(ByteStream stream, String extraFields) throws IOException {
        RawPeer p = new RawPeer(stream, true);
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        String req = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraFields + "\r\n";
        stream.writeAll(req.getBytes(StandardCharsets.ISO_8859_1));
        p.handshakeHead = p.readHead();
        return p;
    }

    /** Server side: reads the upgrade request, answers 101 with the accept value and {@code extraFields}. */
    static RawPeer server(ByteStream stream, java.util.function.Function<String, String> extraFields) throws IOException {
        RawPeer p = new RawPeer(stream, false);
        String head = p.readHead();
        p.handshakeHead = head;
        String key = field(head, "sec-websocket-key");
        String resp = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n" + extraFields.apply(head) + "\r\n";
        stream.writeAll(resp.getBytes(StandardCharsets.ISO_8859_1));
        return p;
    }

    /**
     * A peer on a stream whose handshake was done elsewhere (an RFC 8441 extended CONNECT over HTTP/2):
     * {@code head} holds the fields that handshake carried, as "name: value\r\n" lines.
     */
    static RawPeer onStream(ByteStream stream, boolean masks, String head) {
        RawPeer p = new RawPeer(stream, masks);
        p.handshakeHead = head;
        return p;
    }

    static String accept(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The value of field {@code name} in a head, or "" (first occurrence, case-insensitive). */
    static String field(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = readByte();
            if (b < 0) {
                throw new IOException("end of stream inside the handshake head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A whole frame's bytes: header, optional mask, payload (masked when this side masks). */
    byte[] encode(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int m = masks ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(m | payload.length);
        } else if (payload.length < 65536) {
            out.write(m | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        } else {
            out.write(m | 127);
            long len = payload.length;
            for (int s = 56; s >= 0; s -= 8) {
                out.write((int) (len >> s));
            }
        }
        if (masks) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            out.write(key, 0, 4);
            byte[] masked = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                masked[i] = (byte) (payload[i] ^ key[i & 3]);
            }
            out.write(masked, 0, masked.length);
        } else {
            out.write(payload, 0, payload.length);
        }
        return out.toByteArray();
    }

    /** Sends a frame, in chunks of {@code chop} bytes (0: at once). */
    void send(boolean fin, int rsv, int opcode, byte[] payload, int chop) throws IOException {
        writeChopped(encode(fin, rsv, opcode, payload), chop);
    }

    void send(boolean fin, int opcode, String text) throws IOException {
        send(fin, 0, opcode, text.getBytes(StandardCharsets.UTF_8), 0);
    }

    /**
     * Writes {@code bytes} in chunks. A write that fails because our side already closed the connection
     * is not a failure of the script (our side may close once it has answered or failed): later reads
     * show what it did.
     */
    void writeChopped(byte[] bytes, int chop) throws IOException {
        try {
            writeChunks(bytes, chop);
        } catch (sifr.net.NetError e) {
            if (e.getMessage() == null || !e.getMessage().contains("reset")) {
                throw e;
            }
        }
    }

    private void writeChunks(byte[] bytes, int chop) throws IOException {
        if (chop <= 0) {
            stream.writeAll(bytes);
        } else {
            for (int i = 0; i < bytes.length; i += chop) {
                stream.writeAll(ByteBuffer.wrap(bytes, i, Math.min(chop, bytes.length - i)));
                stream.flush();
            }
        }
        stream.flush();
    }

    /** Sends a Close frame with {@code code} (none when negative) and {@code reason} bytes. */
    void sendClose(int code, byte[] reason) throws IOException {
        byte[] body = code < 0 ? new byte[0] : new byte[2 + reason.length];
        if (code >= 0) {
            body[0] = (byte) (code >> 8);
            body[1] = (byte) code;
            System.arraycopy(reason, 0, body, 2, reason.length);
        }
        send(true, 0, 8, body, 0);
    }

    /** The next frame, or null at end of stream (or when the stream fails: the peer reset it). */
    Frame read() throws IOException {
        int b0 = readByte();
        if (b0 < 0) {
            return null;
        }
        int b1 = readByteOrFail();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = (readByteOrFail() << 8) | readByteOrFail();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByteOrFail();
            }
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] key = new byte[4];
        if (masked) {
            for (int i = 0; i < 4; i++) {
                key[i] = (byte) readByteOrFail();
            }
        }
        if (len > 64L * 1024 * 1024) {
            throw new IOException("frame of " + len + " bytes: more than any test sends");
        }
        byte[] payload = new byte[(int) len];
        int at = 0;
        while (at < payload.length) {
            if (pos == lim && !fill()) {
                throw new IOException("end of stream inside a frame");
            }
            int n = Math.min(lim - pos, payload.length - at);
            System.arraycopy(buf, pos, payload, at, n);
            pos += n;
            at += n;
        }
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0f, payload, masked);
    }

    /** Reads until end of stream; returns how many bytes came (the peer closed TCP). */
    long drainToEnd() {
        long n = lim - pos;
        pos = lim;
        try {
            while (fill()) {
                n += lim - pos;
                pos = lim;
            }
        } catch (IOException e) {
            // a reset ends the stream too
        }
        return n;
    }

    private int readByteOrFail() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw new IOException("end of stream inside a frame header");
        }
        return b;
    }

    private int readByte() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private boolean fill() throws IOException {
        pos = 0;
        lim = 0;
        int n;
        try {
            n = stream.read(ByteBuffer.wrap(buf));
        } catch (IOException e) {
            if (e.getMessage() != null && (e.getMessage().contains("reset") || e.getMessage().contains("closed"))) {
                return false;
            }
            throw e;
        }
        if (n < 0) {
            return false;
        }
        lim = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
