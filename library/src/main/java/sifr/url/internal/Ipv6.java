package sifr.url.internal;

/** The URL Standard's IPv6 parser (with embedded IPv4) and its compressing serializer. */
public final class Ipv6 {
    private Ipv6() {
    }

    /** Parses {@code in[start, end)} (without brackets) into 8 pieces, or returns null. */
    public static int[] parse(char[] in, int start, int end) {
        int[] address = new int[8];
        int pieceIndex = 0;
        int compress = -1;
        int p = start;
        if (p < end && in[p] == ':') {
            if (p + 1 >= end || in[p + 1] != ':') {
                return null;
            }
            p += 2;
            pieceIndex++;
            compress = pieceIndex;
        }
        while (p < end) {
            if (pieceIndex == 8) {
                return null;
            }
            if (in[p] == ':') {
                if (compress >= 0) {
                    return null;
                }
                p++;
                pieceIndex++;
                compress = pieceIndex;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && p < end && PercentEncoding.hexValue(in[p]) >= 0) {
                value = value * 16 + PercentEncoding.hexValue(in[p]);
                p++;
                length++;
            }
            if (p < end && in[p] == '.') {
                if (length == 0) {
                    return null;
                }
                p -= length;
                if (pieceIndex > 6) {
                    return null;
                }
                int numbersSeen = 0;
                while (p < end) {
                    int ipv4Piece = -1;
                    if (numbersSeen > 0) {
                        if (in[p] == '.' && numbersSeen < 4) {
                            p++;
                        } else {
                            return null;
                        }
                    }
                    if (p >= end || !Chars.isDigit(in[p])) {
                        return null;
                    }
                    while (p < end && Chars.isDigit(in[p])) {
                        int number = in[p] - '0';
                        if (ipv4Piece == -1) {
                            ipv4Piece = number;
                        } else if (ipv4Piece == 0) {
                            return null;
                        } else {
                            ipv4Piece = ipv4Piece * 10 + number;
                        }
                        if (ipv4Piece > 255) {
                            return null;
                        }
                        p++;
                    }
                    address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
                    numbersSeen++;
                    if (numbersSeen == 2 || numbersSeen == 4) {
                        pieceIndex++;
                    }
                }
                if (numbersSeen != 4) {
                    return null;
                }
                break;
            } else if (p < end && in[p] == ':') {
                p++;
                if (p >= end) {
                    return null;
                }
            } else if (p < end) {
                return null;
            }
            address[pieceIndex] = value;
            pieceIndex++;
        }
        if (compress >= 0) {
            int swaps = pieceIndex - compress;
            pieceIndex = 7;
            while (pieceIndex != 0 && swaps > 0) {
                int t = address[pieceIndex];
                address[pieceIndex] = address[compress + swaps - 1];
                address[compress + swaps - 1] = t;
                pieceIndex--;
                swaps--;
            }
        } else if (pieceIndex != 8) {
            return null;
        }
        return address;
    }

    /** Serializes with brackets, lowercase hex, and the first longest run of 2+ zero pieces as {@code ::}. */
    public static String serialize(int[] address) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (address[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && address[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(41).append('[');
        boolean ignore0 = false;
        for (int i = 0; i < 8; i++) {
            if (ignore0 && address[i] == 0) {
                continue;
            }
            ignore0 = false;
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                ignore0 = true;
                continue;
            }
            out.append(Integer.toHexString(address[i]));
            if (i != 7) {
                out.append(':');
            }
        }
        return out.append(']').toString();
    }
}
