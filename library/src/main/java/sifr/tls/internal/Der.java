package sifr.tls.internal;

import java.io.ByteArrayOutputStream;

/**
 * The few pieces of ASN.1 DER that key loading needs: reading one TLV at a time, decoding object
 * identifiers, and writing TLVs to re-wrap PKCS#1 and SEC1 keys as PKCS#8. Strict: definite lengths
 * only, minimal length encodings, no reads past the end.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /** Thrown for malformed DER; callers turn it into a {@code CertificateError} with context. */
    static final class DerException extends Exception {
        private static final long serialVersionUID = 1L;

        DerException(String message) {
            super(message);
        }
    }

    /** One tag-length-value: {@code value} is a copy of the content octets. */
    record Tlv(int tag, byte[] value, byte[] encoded) {
    }

    /** Reads consecutive TLVs from a byte range. */
    static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        Reader(byte[] data) {
            this(data, 0, data.length);
        }

        private Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        boolean hasMore() {
            return pos < end;
        }

        int peekTag() throws DerException {
            if (pos >= end) {
                throw new DerException("truncated DER");
            }
            return data[pos] & 0xFF;
        }

        Tlv read() throws DerException {
            int start = pos;
            int tag = peekTag();
            if ((tag & 0x1F) == 0x1F) {
                throw new DerException("multi-byte DER tags are not supported");
            }
            pos++;
            if (pos >= end) {
                throw new DerException("truncated DER length");
            }
            int first = data[pos++] & 0xFF;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7F;
                if (count == 0 || count > 3) {
                    throw new DerException("unsupported DER length encoding");
                }
                if (end - pos < count) {
                    throw new DerException("truncated DER length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (data[pos++] & 0xFF);
                }
                if (length < 0x80 || (count > 1 && length < (1 << (8 * (count - 1))))) {
                    throw new DerException("non-minimal DER length");
                }
            }
            if (length > end - pos) {
                throw new DerException("DER value runs past its container");
            }
            byte[] value = java.util.Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return new Tlv(tag, value, java.util.Arrays.copyOfRange(data, start, pos));
        }

        Tlv expect(int tag, String what) throws DerException {
            Tlv tlv = read();
            if (tlv.tag() != tag) {
                throw new DerException("expected " + what);
            }
            return tlv;
        }
    }

    /** A reader over the contents of a constructed value (a SEQUENCE or a context tag). */
    static Reader contents(Tlv tlv) {
        return new Reader(tlv.value());
    }

    /** The single TLV that {@code data} must consist of, with nothing after it. */
    static Tlv single(byte[] data, int tag, String what) throws DerException {
        Reader reader = new Reader(data);
        Tlv tlv = reader.expect(tag, what);
        if (reader.hasMore()) {
            throw new DerException("trailing bytes after " + what);
        }
        return tlv;
    }

    /** Dotted-decimal form of an OBJECT IDENTIFIER's content octets. */
    static String oidToString(byte[] value) throws DerException {
        if (value.length == 0) {
            throw new DerException("empty object identifier");
        }
        StringBuilder out = new StringBuilder();
        long arc = 0;
        boolean firstArc = true;
        for (int i = 0; i < value.length; i++) {
            int b = value[i] & 0xFF;
            if (arc == 0 && b == 0x80) {
                throw new DerException("non-minimal object identifier");
            }
            arc = (arc << 7) | (b & 0x7F);
            if (arc > Integer.MAX_VALUE) {
                throw new DerException("object identifier arc too large");
            }
            if ((b & 0x80) == 0) {
                if (firstArc) {
                    long top = Math.min(arc / 40, 2);
                    out.append(top).append('.').append(arc - 40 * top);
                    firstArc = false;
                } else {
                    out.append('.').append(arc);
                }
                arc = 0;
            } else if (i == value.length - 1) {
                throw new DerException("truncated object identifier");
            }
        }
        return out.toString();
    }

    /** Encodes one TLV with a minimal definite length. */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else if (length <= 0xFFFF) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
