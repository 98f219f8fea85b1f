package sifr.http.internal.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Directories under the root whose real path was found to be their lexical path (no symbolic link on
 * the way, so they are inside the root), remembered for {@link #VALID_NANOS}: a file in one of them
 * that is no link itself needs a single {@code lstat} instead of {@code realpath} and {@code stat}.
 * The price is a window: a directory replaced by a link out of the root is noticed within one second
 * (resolving and opening are never atomic anyway). At most {@link #MAX_ENTRIES}; a full map starts over.
 */
final class VerifiedDirectories {
    static final long VALID_NANOS = 1_000_000_000L;
    static final int MAX_ENTRIES = 1024;

    private final Path root;
    private final ConcurrentHashMap<Path, Long> verifiedAt = new ConcurrentHashMap<>();

    VerifiedDirectories(Path realRoot) {
        this.root = realRoot;
    }

    /** Whether {@code dir} (under the root, lexically) is the root or a recently verified real directory. */
    boolean isVerified(Path dir) throws IOException {
        if (dir == null) {
            return false;
        }
        if (dir.equals(root)) {
            return true;
        }
        long now = System.nanoTime();
        Long at = verifiedAt.get(dir);
        if (at != null && now - at < VALID_NANOS) {
            return true;
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return false; // gone, or not a directory: the slow path decides
        }
        if (!real.equals(dir) || !real.startsWith(root)) {
            verifiedAt.remove(dir);
            return false;
        }
        if (verifiedAt.size() >= MAX_ENTRIES) {
            verifiedAt.clear();
        }
        verifiedAt.put(dir, now);
        return true;
    }
}
