package sifr.http.internal.hpack;

import sifr.http.HeaderName;
import sifr.http.HeaderValue;

/**
 * Encodes header blocks (RFC 7541). One instance per connection direction; not thread-safe: the
 * connection's single writer path owns it, and header blocks must reach the wire in the order they
 * were encoded.
 *
 * <p>Use: {@link #startBlock(GrowableBytes)}, then {@link #field} for each field in order. Fields
 * found in the static or dynamic table go out as one index; others as literals, added to the dynamic
 * table unless they are sensitive (never indexed, RFC 7541 §6.2.3 and §7.1.3: credentials and short
 * cookies) or larger than the whole table. Strings are Huffman-coded when that is shorter.
 */
public final class HpackEncoder {
    /** When to Huffman-code string literals. */
    public enum HuffmanPolicy { ALWAYS, NEVER, WHEN_SHORTER }

    /** RFC 7541 §7.1.3: cookies shorter than this are guessable by compression probing. */
    private static final int SHORT_COOKIE = 20;

    private final EncoderTable table;
    private final int ownLimit;
    private HuffmanPolicy huffman = HuffmanPolicy.WHEN_SHORTER;
    private boolean indexing = true;
    // Pending size updates to announce at the start of the next block (§4.2): the smallest size
    // since the last announcement, then the final one.
    private int pendingMin = -1;
    private int pendingFinal = -1;

    /** An encoder that uses at most 4,096 octets of dynamic table. */
    public HpackEncoder() {
        this(HpackDecoder.DEFAULT_TABLE_SIZE);
    }

    /**
     * @param ownLimit the most dynamic table this encoder will use, whatever the peer allows; below
     *     the initial 4,096 the first block announces it
     */
    public HpackEncoder(int ownLimit) {
        if (ownLimit < 0) {
            throw new IllegalArgumentException("HPACK table size must not be negative");
        }
        this.ownLimit = ownLimit;
        this.table = new EncoderTable(HpackDecoder.DEFAULT_TABLE_SIZE);
        if (ownLimit < HpackDecoder.DEFAULT_TABLE_SIZE) {
            resize(ownLimit);
        }
    }

    public HpackEncoder huffman(HuffmanPolicy policy) {
        this.huffman = policy;
        return this;
    }

    /** With {@code false} no field is added to the dynamic table (only static indexes are used). */
    public HpackEncoder indexing(boolean enabled) {
        this.indexing = enabled;
        return this;
    }

    /**
     * The peer's SETTINGS_HEADER_TABLE_SIZE arrived: use {@code min(peerLimit, ownLimit)} from the next
     * block on, announcing it there.
     */
    public void setPeerTableSizeLimit(int peerLimit) {
        if (peerLimit < 0) {
            throw new IllegalArgumentException("HPACK table size must not be negative");
        }
        resize(Math.min(peerLimit, ownLimit));
    }

    private void resize(int size) {
        int current = pendingFinal >= 0 ? pendingFinal : table.maxSize();
        if (size == current) {
            return;
        }
        pendingMin = pendingMin < 0 ? size : Math.min(pendingMin, size);
        pendingFinal = size;
    }

    /** The dynamic table size the encoder is using (after the pending update, if any). */
    public int tableMaxSize() {
        return pendingFinal >= 0 ? pendingFinal : table.maxSize();
    }

    /** Begins a header block: writes any pending dynamic table size updates. */
    public void startBlock(GrowableBytes out) {
        if (pendingFinal < 0) {
            return;
        }
        if (pendingMin < pendingFinal) {
            table.setMaxSize(pendingMin);
            writeInt(out, 0x20, 5, pendingMin);
        }
        table.setMaxSize(pendingFinal);
        writeInt(out, 0x20, 5, pendingFinal);
        pendingMin = -1;
        pendingFinal = -1;
    }

    /**
     * Encodes one field. Names must be lowercase already (RFC 9113 §8.2.1); strings are written one
     * octet per char.
     *
     * @throws IllegalArgumentException if a char is beyond ISO-8859-1
     */
    public void field(String name, String value, boolean sensitive, GrowableBytes out) {
        sensitive = sensitive || isSensitiveByDefault(name, value);
        int staticMatch = StaticTable.find(name, value);
        if (staticMatch > 0 && !sensitive) {
            writeInt(out, 0x80, 7, staticMatch);
            return;
        }
        int dynamicMatch = staticMatch > 0 ? 0 : table.find(name, value);
        if (dynamicMatch > 0 && !sensitive) {
            writeInt(out, 0x80, 7, dynamicMatch);
            return;
        }
        // A name-only match (or, for a sensitive field, any match) still saves writing the name.
        int nameIndex = staticMatch != 0 ? Math.abs(staticMatch) : Math.abs(dynamicMatch);
        long entrySize = (long) name.length() + value.length() + DynamicTable.ENTRY_OVERHEAD;
        if (sensitive) {
            writeInt(out, 0x10, 4, nameIndex); // never indexed
        } else if (indexing && entrySize <= table.maxSize()) {
            writeInt(out, 0x40, 6, nameIndex); // incremental indexing
            table.add(name, value);
        } else {
            writeInt(out, 0x00, 4, nameIndex); // without indexing
        }
        if (nameIndex == 0) {
            writeString(out, name);
        }
        writeString(out, value);
    }

    /** Encodes one field of a {@code HeaderMap}; a sensitive value is never indexed. */
    public void field(HeaderName name, HeaderValue value, GrowableBytes out) {
        field(name.value(), HpackFields.toOctets(value), value.isSensitive(), out);
    }

    private static boolean isSensitiveByDefault(String name, String value) {
        return name.equals("authorization")
                || name.equals("proxy-authorization")
                || (name.equals("cookie") && value.length() < SHORT_COOKIE);
    }

    /** Writes an integer with an N-bit prefix (§5.1) whose first byte carries {@code flags}. */
    static void writeInt(GrowableBytes out, int flags, int prefixBits, int value) {
        int mask = (1 << prefixBits) - 1;
        if (value < mask) {
            out.writeByte(flags | value);
            return;
        }
        out.writeByte(flags | mask);
        value -= mask;
        while (value >= 0x80) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the Latin-1 copy without a charset lookup
    private void writeString(GrowableBytes out, String s) {
        int n = s.length();
        int huffLength = Huffman.encodedLength(s); // one pass: also finds chars beyond ISO-8859-1
        if (huffLength < 0) {
            throw new IllegalArgumentException("header field is not ISO-8859-1 text");
        }
        boolean useHuffman = switch (huffman) {
            case NEVER -> false;
            case ALWAYS -> true;
            default -> huffLength < n;
        };
        if (useHuffman) {
            writeInt(out, 0x80, 7, huffLength);
            Huffman.encode(s, huffLength, out);
        } else {
            writeInt(out, 0x00, 7, n);
            out.ensure(n);
            s.getBytes(0, n, out.array(), out.size()); // Latin-1 chars to octets, checked above
            out.advance(n);
        }
    }
}
