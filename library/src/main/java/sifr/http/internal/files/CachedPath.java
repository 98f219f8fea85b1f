package sifr.http.internal.files;

/**
 * What one request path resolved to: the file and, when precompressed siblings were looked for, its
 * {@code .br} and {@code .gz} siblings (null when absent). {@code siblingsKnown} is false when the
 * request that made this entry accepted neither coding, so the siblings were not looked up; a later
 * request that accepts one resolves the path again instead of guessing.
 *
 * @param checkedAt {@code System.nanoTime()} when the files were looked at
 */
record CachedPath(FileRepresentation identity, FileRepresentation br, FileRepresentation gzip,
                  boolean siblingsKnown, long checkedAt) {

    /** File bytes held by this entry (the budget {@link FileCache} counts). */
    long contentBytes() {
        return bytes(identity) + bytes(br) + bytes(gzip);
    }

    private static long bytes(FileRepresentation r) {
        return r != null && r.inMemory() ? r.size() : 0;
    }

    /**
     * The representation for these q-values (thousandths, 0 = not acceptable): the sibling whose coding
     * has the higher q-value when it exists, Brotli on a tie, else the other accepted one, else the file.
     */
    FileRepresentation choose(int brQuality, int gzipQuality) {
        FileRepresentation first = brQuality >= gzipQuality ? br : gzip;
        FileRepresentation second = brQuality >= gzipQuality ? gzip : br;
        if (Math.max(brQuality, gzipQuality) > 0 && first != null) {
            return first;
        }
        if (Math.min(brQuality, gzipQuality) > 0 && second != null) {
            return second;
        }
        return identity;
    }
}
