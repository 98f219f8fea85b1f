package sifr.http.internal.hpack;

import java.nio.charset.StandardCharsets;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;

/**
 * Decodes HPACK header blocks (RFC 7541) into a {@link HeaderSink}. One instance per connection
 * direction: it holds the dynamic table that the peer's encoder drives. Not thread-safe; the
 * connection's reader calls it with one complete header block at a time (HEADERS or PUSH_PROMISE plus
 * its CONTINUATION frames).
 *
 * <p>Bounds, all checked before anything is allocated for them: each string literal (name or value)
 * at most {@code maxStringLength} octets; the decoded header list at most {@code maxHeaderListSize}
 * octets as RFC 7541 §4.1 counts them. Past the list bound the decoder keeps decoding, to keep its
 * table in step with the peer, but stops handing fields to the sink and then throws
 * {@link HeaderListSizeError}: expansion through indexed fields (an "HPACK bomb") costs no
 * memory because indexed fields share the table's strings.
 */
public final class HpackDecoder {
    /** The size every HTTP/2 connection starts with (RFC 9113 §6.5.2 SETTINGS_HEADER_TABLE_SIZE). */
    public static final int DEFAULT_TABLE_SIZE = 4096;

    private final DynamicTable table;
    private final long maxHeaderListSize;
    private final int maxStringLength;
    /** The SETTINGS_HEADER_TABLE_SIZE this side announced and the peer acknowledged. */
    private int tableSizeLimit;
    /** The limit fell below the table's size: the next block must start with a size update. */
    private boolean sizeUpdateRequired;
    private byte[] scratch = new byte[64];

    // Cursor over the block being decoded.
    private byte[] in;
    private int pos;
    private int end;

    /** A decoder with the protocol's initial table size of 4,096 octets. */
    public HpackDecoder(long maxHeaderListSize, int maxStringLength) {
        this(DEFAULT_TABLE_SIZE, maxHeaderListSize, maxStringLength);
    }

    /**
     * @param tableSize the table size the peer's encoder starts with (and may not exceed)
     * @param maxHeaderListSize bound of a decoded list (name + value + 32 per field)
     * @param maxStringLength bound of one decoded name or value, in octets
     */
    public HpackDecoder(int tableSize, long maxHeaderListSize, int maxStringLength) {
        if (tableSize < 0 || maxHeaderListSize < 0 || maxStringLength < 0) {
            throw new IllegalArgumentException("HPACK limits must not be negative");
        }
        this.table = new DynamicTable(tableSize);
        this.tableSizeLimit = tableSize;
        this.maxHeaderListSize = maxHeaderListSize;
        this.maxStringLength = maxStringLength;
    }

    /**
     * Applies a new SETTINGS_HEADER_TABLE_SIZE once the peer has acknowledged it. If the current
     * table is larger, the peer's next block must begin with a size update to at most this value
     * (RFC 7541 §4.2).
     */
    public void setTableSizeLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("HPACK table size must not be negative");
        }
        tableSizeLimit = limit;
        if (limit < table.maxSize()) {
            sizeUpdateRequired = true;
        }
    }

    /** The current maximum size of the dynamic table, as the peer last set it. */
    public int tableMaxSize() {
        return table.maxSize();
    }

    /** The current size of the dynamic table. */
    public long tableSize() {
        return table.size();
    }

    /** Decodes one complete header block, handing each field to {@code sink} in order. */
    public void decode(byte[] block, int off, int len, HeaderSink sink) throws HpackError, HeaderListSizeError {
        decode(block, off, len, sink, null);
    }

    /**
     * Decodes one complete header block into typed fields, validating each dynamic table entry once
     * (see {@link HeaderFieldSink}).
     */
    public void decode(byte[] block, int off, int len, HeaderFieldSink sink) throws HpackError, HeaderListSizeError {
        decode(block, off, len, null, sink);
    }

    private void decode(byte[] block, int off, int len, HeaderSink strings, HeaderFieldSink typed)
            throws HpackError, HeaderListSizeError {
        in = block;
        pos = off;
        end = off + len;
        try {
            decodeFields(strings, typed);
        } finally {
            in = null;
        }
    }

    private void decodeFields(HeaderSink strings, HeaderFieldSink typed) throws HpackError, HeaderListSizeError {
        boolean fieldSeen = false;
        long listSize = 0;
        boolean tooLarge = false;
        while (pos < end) {
            int b = in[pos] & 0xff;
            String name;
            String value;
            boolean sensitive = false;
            Object typedName = null; // typed mode: resolved before the table changes under the index
            int valueIndex = 0; // HPACK index the value came from (0: a literal not in the table)
            if ((b & 0xe0) == 0x20) { // 001xxxxx dynamic table size update (§6.3)
                if (fieldSeen) {
                    throw new HpackError("HPACK dynamic table size update after a header field");
                }
                int size = readInt(5);
                if (size > tableSizeLimit) {
                    throw new HpackError("HPACK dynamic table size update exceeds the limit");
                }
                table.setMaxSize(size);
                sizeUpdateRequired = false;
                continue;
            }
            if (sizeUpdateRequired) {
                throw new HpackError("HPACK dynamic table size update is missing");
            }
            fieldSeen = true;
            if (b >= 0x80) { // 1xxxxxxx indexed field (§6.1)
                int index = readInt(7);
                name = nameAt(index);
                value = valueAt(index);
                valueIndex = index;
                if (typed != null && !tooLarge) {
                    typedName = typedName(name, index);
                }
            } else if (b >= 0x40) { // 01xxxxxx literal with incremental indexing (§6.2.1)
                int index = readInt(6);
                name = index == 0 ? readString() : nameAt(index);
                if (typed != null) {
                    typedName = typedName(name, index);
                }
                value = readString();
                if (table.add(name, value)) {
                    valueIndex = StaticTable.LENGTH + 1; // the new entry: its typed value is cached there
                    if (typed != null) {
                        table.setTypedName(1, typedName);
                    }
                }
            } else { // 0000xxxx without indexing (§6.2.2), 0001xxxx never indexed (§6.2.3)
                sensitive = (b & 0x10) != 0;
                int index = readInt(4);
                name = index == 0 ? readString() : nameAt(index);
                if (typed != null && !tooLarge) {
                    typedName = typedName(name, index);
                }
                value = readString();
            }
            if (!tooLarge) {
                listSize += (long) name.length() + value.length() + DynamicTable.ENTRY_OVERHEAD;
                if (listSize > maxHeaderListSize) {
                    tooLarge = true;
                } else if (typed == null) {
                    strings.header(name, value, sensitive);
                } else {
                    emit(typed, name, typedName, value, valueIndex, sensitive);
                }
            }
        }
        if (sizeUpdateRequired) {
            throw new HpackError("HPACK dynamic table size update is missing");
        }
        if (tooLarge) {
            throw new HeaderListSizeError(maxHeaderListSize);
        }
    }

    private void emit(HeaderFieldSink sink, String name, Object typedName, String value, int valueIndex,
            boolean sensitive) {
        if (typedName == TypedFields.PSEUDO) {
            sink.pseudoHeader(name, value);
        } else if (typedName instanceof TypedFields.Invalid invalid) {
            sink.malformed(name, invalid.reason());
        } else {
            Object typedValue = valueIndex == 0 ? TypedFields.value(value) : null;
            if (typedValue == null) {
                typedValue = typedValueAt(valueIndex, value);
            }
            if (typedValue instanceof TypedFields.Invalid invalid) {
                sink.malformed(name, invalid.reason());
            } else {
                HeaderValue v = (HeaderValue) typedValue;
                sink.header((HeaderName) typedName, sensitive ? v.withSensitive(true) : v);
            }
        }
    }

    /** The typed name of HPACK index {@code index} (0: a literal name), cached in the table. */
    private Object typedName(String name, int index) {
        if (index == 0) {
            return TypedFields.name(name);
        }
        if (index <= StaticTable.LENGTH) {
            return StaticTable.typedName(index);
        }
        int i = index - StaticTable.LENGTH;
        Object cached = table.typedName(i);
        if (cached == null) {
            cached = TypedFields.name(name);
            table.setTypedName(i, cached);
        }
        return cached;
    }

    private Object typedValueAt(int index, String value) {
        if (index <= StaticTable.LENGTH) {
            return StaticTable.typedValue(index);
        }
        int i = index - StaticTable.LENGTH;
        Object cached = table.typedValue(i);
        if (cached == null) {
            cached = TypedFields.value(value);
            table.setTypedValue(i, cached);
        }
        return cached;
    }

    private String nameAt(int index) throws HpackError {
        if (index == 0) {
            throw new HpackError("HPACK index 0 is invalid");
        }
        if (index <= StaticTable.LENGTH) {
            return StaticTable.name(index);
        }
        int i = index - StaticTable.LENGTH;
        if (i > table.length()) {
            throw new HpackError("HPACK index " + index + " is beyond the table");
        }
        return table.name(i);
    }

    private String valueAt(int index) throws HpackError {
        if (index == 0) {
            throw new HpackError("HPACK index 0 is invalid");
        }
        if (index <= StaticTable.LENGTH) {
            return StaticTable.value(index);
        }
        int i = index - StaticTable.LENGTH;
        if (i > table.length()) {
            throw new HpackError("HPACK index " + index + " is beyond the table");
        }
        return table.value(i);
    }

    /**
     * Reads an integer with an N-bit prefix (§5.1) starting at the current byte. Values beyond
     * {@code Integer.MAX_VALUE}, and continuations longer than needed for that, are errors.
     */
    private int readInt(int prefixBits) throws HpackError {
        int mask = (1 << prefixBits) - 1;
        int value = in[pos++] & mask;
        if (value < mask) {
            return value;
        }
        long result = value;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (pos >= end) {
                throw new HpackError("HPACK integer is truncated");
            }
            int b = in[pos++];
            result += (long) (b & 0x7f) << shift;
            if (result > Integer.MAX_VALUE) {
                throw new HpackError("HPACK integer overflows");
            }
            if ((b & 0x80) == 0) {
                return (int) result;
            }
        }
        throw new HpackError("HPACK integer overflows");
    }

    /** Reads a string literal (§5.2) as one char per octet. */
    private String readString() throws HpackError {
        if (pos >= end) {
            throw new HpackError("HPACK string is truncated");
        }
        boolean huffman = (in[pos] & 0x80) != 0;
        int length = readInt(7);
        if (length > end - pos) {
            throw new HpackError("HPACK string is truncated");
        }
        if (!huffman) {
            if (length > maxStringLength) {
                throw new HpackError("HPACK string exceeds " + maxStringLength + " octets");
            }
            String s = new String(in, pos, length, StandardCharsets.ISO_8859_1);
            pos += length;
            return s;
        }
        // Decoded length is at most 8/5 of the encoded one and at most the string bound.
        int room = (int) Math.min(Huffman.maxDecodedLength(length), (long) maxStringLength);
        if (scratch.length < room) {
            scratch = new byte[Math.max(room, Math.min(scratch.length * 2, maxStringLength))];
        }
        int n = Huffman.decode(in, pos, length, scratch, maxStringLength);
        pos += length;
        return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }
}
