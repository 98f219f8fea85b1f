package sifr.tls.internal;

import java.nio.ByteBuffer;

/** The buffer moves the TLS connection's read path makes between the engine's buffers and the caller's. */
final class TlsBuffers {
    private TlsBuffers() {
    }

    /** Moves as much of {@code from} as fits into {@code to}; returns how many bytes moved. */
    static int drain(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        if (n == from.remaining()) {
            to.put(from);
        } else {
            to.put(from.slice(from.position(), n));
            from.position(from.position() + n);
        }
        return n;
    }

    /** Drops up to {@code max} of {@code from}'s pending bytes; returns how many. */
    static int skip(ByteBuffer from, long max) {
        int n = (int) Math.min(max, from.remaining());
        from.position(from.position() + n);
        return n;
    }

    /** A larger buffer in read mode holding {@code buffer}'s pending bytes. */
    static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        larger.put(buffer);
        return larger.flip();
    }
}
