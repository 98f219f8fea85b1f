package sifr.http.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalLong;
import sifr.http.BodyError;
import sifr.http.BodyStream;

/**
 * Makes a body readable once, as {@link BodyStream} promises: after {@code collectWithLimit} has
 * taken the body (or failed part-way), and after the end was handed out, reading again fails with
 * {@code BodyError: body already consumed} instead of quietly returning an empty body. Every body of
 * ours holds one; like the body, it has a single consumer.
 */
public final class ReadOnce {
    public static final String CONSUMED = "body already consumed";

    private boolean collected;
    private boolean ended;

    /** Call first in {@code readChunk}: a body that {@code collectWithLimit} took cannot be read again. */
    public void checkRead() throws BodyError {
        if (collected) {
            throw new BodyError(CONSUMED);
        }
    }

    /** Pass {@code readChunk}'s result through: remembers that the end was handed out. */
    public byte[] chunk(byte[] chunk) {
        if (chunk.length == 0) {
            ended = true;
        }
        return chunk;
    }

    /** Pass a read count through ({@code ArrayReadable.readInto}): -1 remembers that the end was handed out. */
    public int count(int n) {
        if (n < 0) {
            ended = true;
        }
        return n;
    }

    /** {@code collectWithLimit} for {@code body}: once, and not after its end was read. */
    public byte[] collect(BodyStream body, long limit) throws IOException {
        checkLimit(limit);
        if (collected || ended) {
            throw new BodyError(CONSUMED);
        }
        try {
            return collectRest(body, limit);
        } finally {
            collected = true;
        }
    }

    public static void checkLimit(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("HTTP body limit must be positive");
        }
    }

    /** Reads the rest of {@code body} into one array, failing as soon as more than {@code limit} bytes arrive or are announced. */
    public static byte[] collectRest(BodyStream body, long limit) throws IOException {
        checkLimit(limit);
        OptionalLong known = body.length();
        if (known.isPresent() && known.getAsLong() > limit) {
            throw exceedsLimit(limit);
        }
        byte[] out = new byte[(int) Math.min(known.orElse(256), Math.min(limit, 1 << 16))];
        int size = 0;
        while (true) {
            byte[] chunk = body.readChunk();
            if (chunk.length == 0) {
                return size == out.length ? out : Arrays.copyOf(out, size);
            }
            if (size + (long) chunk.length > limit) {
                throw exceedsLimit(limit);
            }
            if (size + (long) chunk.length > Integer.MAX_VALUE - 8) {
                throw BodyError.limitExceeded("body exceeds limit of the largest Java array");
            }
            if (size + chunk.length > out.length) {
                long grown = Math.max((long) out.length * 2, size + (long) chunk.length);
                out = Arrays.copyOf(out, (int) Math.min(grown, Math.min(limit, Integer.MAX_VALUE - 8)));
            }
            System.arraycopy(chunk, 0, out, size, chunk.length);
            size += chunk.length;
        }
    }

    private static BodyError exceedsLimit(long limit) {
        return BodyError.limitExceeded("body exceeds limit of " + limit + " bytes");
    }
}
