package sifr.http.internal.hpack;

/**
 * The static Huffman code of RFC 7541 Appendix B. The code is canonical (within one length, codes
 * rise with the symbol; each length continues where the shorter one ended), so the appendix is fully
 * described by the code length of each of its 257 symbols; the codes are rebuilt from the lengths at
 * class load. Decoding walks a table-driven state machine four bits at a time: one state per
 * internal node of the code tree, sixteen transitions each.
 */
final class Huffman {
    /** Code length in bits of symbols 0..255 and of EOS (256), from RFC 7541 Appendix B. */
    private static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    };
    static final int EOS = 256;

    /** Code of each symbol, right-aligned. */
    static final int[] CODES = new int[257];

    // Decoder table entry layout: bits 0-7 next state, 8-15 emitted symbol, then flags.
    private static final int EMIT = 1 << 16;
    private static final int FAIL = 1 << 17;
    /** [state * 16 + nibble] → entry. */
    private static final int[] DECODE = new int[256 * 16];
    /**
     * States in which a string may end: the bits read since the last symbol are fewer than eight and
     * all ones, i.e. a prefix of EOS used as padding (RFC 7541 §5.2).
     */
    private static final boolean[] ACCEPTS = new boolean[256];

    static {
        buildCodes();
        buildDecoder();
    }

    private Huffman() {
    }

    private static void buildCodes() {
        // Canonical assignment: walk symbols by (length, symbol); each code is the previous plus one,
        // shifted left when the length grows.
        int code = 0;
        int prevLen = 0;
        boolean first = true;
        for (int len = 1; len <= 30; len++) {
            for (int sym = 0; sym <= EOS; sym++) {
                if (LENGTHS[sym] != len) {
                    continue;
                }
                if (first) {
                    first = false;
                } else {
                    code = (code + 1) << (len - prevLen);
                }
                prevLen = len;
                CODES[sym] = code;
            }
        }
    }

    private static void buildDecoder() {
        // Code tree: children[node][bit] >= 0 is an internal node, < 0 is ~symbol (a leaf).
        int[][] children = new int[256][2];
        int[] depth = new int[256];
        boolean[] allOnes = new boolean[256];
        for (int[] c : children) {
            c[0] = Integer.MIN_VALUE;
            c[1] = Integer.MIN_VALUE;
        }
        int nodes = 1;
        allOnes[0] = true;
        for (int sym = 0; sym <= EOS; sym++) {
            int len = LENGTHS[sym];
            int node = 0;
            for (int i = len - 1; i > 0; i--) {
                int bit = (CODES[sym] >>> i) & 1;
                if (children[node][bit] == Integer.MIN_VALUE) {
                    int child = nodes++;
                    children[node][bit] = child;
                    depth[child] = depth[node] + 1;
                    allOnes[child] = allOnes[node] && bit == 1;
                }
                node = children[node][bit];
            }
            children[node][CODES[sym] & 1] = ~sym;
        }
        if (nodes != 256) {
            throw new AssertionError("Huffman tree has " + nodes + " internal nodes");
        }
        for (int state = 0; state < 256; state++) {
            ACCEPTS[state] = allOnes[state] && depth[state] <= 7;
            for (int nibble = 0; nibble < 16; nibble++) {
                int node = state;
                int entry = 0;
                for (int i = 3; i >= 0; i--) {
                    int next = children[node][(nibble >>> i) & 1];
                    if (next >= 0) {
                        node = next;
                        continue;
                    }
                    int sym = ~next;
                    if (sym == EOS) {
                        entry |= FAIL; // RFC 7541 §5.2: a string containing EOS is an error
                        break;
                    }
                    entry |= EMIT | (sym << 8); // codes are at least 5 bits: one symbol per nibble at most
                    node = 0;
                }
                DECODE[state * 16 + nibble] = entry | node;
            }
        }
    }

    /** Length in bits of the code for byte {@code b}. */
    static int codeLength(int b) {
        return LENGTHS[b];
    }

    /** Encoded length in bytes of the Latin-1 string {@code s}, or -1 if a char is beyond ISO-8859-1. */
    static int encodedLength(String s) {
        long bits = 0;
        int wide = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            wide |= c;
            bits += LENGTHS[c & 0xff];
        }
        return wide > 0xff ? -1 : (int) ((bits + 7) >>> 3);
    }

    /**
     * Appends the code of the Latin-1 string {@code s}, padded with the most significant bits of EOS;
     * {@code encodedLength} is {@link #encodedLength(String)} of it.
     */
    static void encode(String s, int encodedLength, GrowableBytes out) {
        out.ensure(encodedLength);
        byte[] a = out.array();
        int at = out.size();
        // The low `pending` bits of acc are the bits not yet written; higher bits are stale and never
        // read. Codes are at most 30 bits, so flushing 32 bits at a time keeps pending below 62.
        long acc = 0;
        int pending = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            int b = s.charAt(i) & 0xff;
            int len = LENGTHS[b];
            acc = (acc << len) | CODES[b];
            pending += len;
            if (pending >= 32) {
                pending -= 32;
                int word = (int) (acc >>> pending);
                a[at] = (byte) (word >>> 24);
                a[at + 1] = (byte) (word >>> 16);
                a[at + 2] = (byte) (word >>> 8);
                a[at + 3] = (byte) word;
                at += 4;
            }
        }
        while (pending >= 8) {
            pending -= 8;
            a[at++] = (byte) (acc >>> pending);
        }
        if (pending > 0) {
            a[at++] = (byte) ((acc << (8 - pending)) | (0xff >>> pending));
        }
        out.advance(at - out.size());
    }

    /**
     * Decodes {@code len} bytes of {@code src} from {@code off} into {@code dst} and returns the
     * number of bytes written; more than {@code limit} decoded bytes is an error ({@code dst} holds
     * at least {@code min(limit, maxDecodedLength(len))}).
     */
    static int decode(byte[] src, int off, int len, byte[] dst, int limit) throws HpackError {
        int state = 0;
        int n = 0;
        for (int i = off, end = off + len; i < end; i++) {
            int b = src[i];
            int e = DECODE[(state << 4) | ((b >>> 4) & 0x0f)];
            if ((e & (EMIT | FAIL)) != 0) {
                if ((e & FAIL) != 0) {
                    throw new HpackError("HPACK Huffman string contains EOS");
                }
                if (n == limit) {
                    throw new HpackError("HPACK string exceeds " + limit + " octets");
                }
                dst[n++] = (byte) (e >>> 8);
            }
            e = DECODE[((e & 0xff) << 4) | (b & 0x0f)];
            if ((e & (EMIT | FAIL)) != 0) {
                if ((e & FAIL) != 0) {
                    throw new HpackError("HPACK Huffman string contains EOS");
                }
                if (n == limit) {
                    throw new HpackError("HPACK string exceeds " + limit + " octets");
                }
                dst[n++] = (byte) (e >>> 8);
            }
            state = e & 0xff;
        }
        if (!ACCEPTS[state]) {
            throw new HpackError("HPACK Huffman string has invalid padding");
        }
        return n;
    }

    /** Upper bound of the decoded length of {@code encodedLength} bytes (the shortest code is 5 bits). */
    static int maxDecodedLength(int encodedLength) {
        return (int) (((long) encodedLength * 8) / 5);
    }
}
