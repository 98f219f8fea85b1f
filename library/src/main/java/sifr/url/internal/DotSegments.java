package sifr.url.internal;

/**
 * The URL Standard's single- and double-dot path segments ({@code .}, {@code ..} and their
 * percent-encoded spellings), resolved as the path state closes each segment.
 */
final class DotSegments {
    private DotSegments() {
    }

    /**
     * Closes the segment that starts at {@code s} in {@code url.path}: a double-dot segment drops
     * itself and the previous one, a single-dot segment drops itself; a trailing dot segment
     * (not followed by a slash) leaves the path ending in '/'. A file URL's first segment that is
     * a Windows drive letter gets its ':' back.
     */
    static void endSegment(UrlRecord url, int s, boolean slash) {
        StringBuilder path = url.path;
        int length = path.length() - s;
        if (length <= 6 && isDoubleDot(path, s, length)) {
            path.setLength(s - 1);
            url.shortenPath();
            if (!slash) {
                path.append('/');
            }
        } else if (length <= 3 && isSingleDot(path, s, length)) {
            path.setLength(s - 1);
            if (!slash) {
                path.append('/');
            }
        } else if (url.schemeType == Schemes.FILE && s == 1 && Chars.isWindowsDriveLetter(path, 1, path.length())) {
            path.setCharAt(2, ':');
        }
    }

    /** {@code .} or {@code %2e}, case-insensitive. */
    private static boolean isSingleDot(StringBuilder s, int start, int length) {
        return (length == 1 && s.charAt(start) == '.') || (length == 3 && isEncodedDot(s, start));
    }

    /** {@code ..}, {@code .%2e}, {@code %2e.} or {@code %2e%2e}, case-insensitive. */
    private static boolean isDoubleDot(StringBuilder s, int start, int length) {
        switch (length) {
            case 2:
                return s.charAt(start) == '.' && s.charAt(start + 1) == '.';
            case 4:
                return (s.charAt(start) == '.' && isEncodedDot(s, start + 1))
                        || (isEncodedDot(s, start) && s.charAt(start + 3) == '.');
            case 6:
                return isEncodedDot(s, start) && isEncodedDot(s, start + 3);
            default:
                return false;
        }
    }

    private static boolean isEncodedDot(StringBuilder s, int i) {
        return s.charAt(i) == '%' && s.charAt(i + 1) == '2' && (s.charAt(i + 2) | 0x20) == 'e';
    }
}
