package sifr.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code sifr fetch}'s progress line on stderr: bytes so far (of the total when known, with a bar),
 * the rate, and the time left when the total is known. Redrawn in place ({@code \r}) at most ten
 * times a second, and once more at the end.
 */
final class Progress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final long total; // -1 when unknown
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintStream err, long total) {
        this.err = err;
        this.total = total;
    }

    void add(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (!drawn || now - lastDraw >= REDRAW_NANOS) {
            draw(now);
        }
    }

    void done() {
        draw(System.nanoTime());
        err.println();
    }

    private void draw(long now) {
        lastDraw = now;
        drawn = true;
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder("\r");
        if (total > 0) {
            int percent = (int) Math.min(100, done * 100 / total);
            int bars = percent / 5;
            line.append('[').append("#".repeat(bars)).append(" ".repeat(20 - bars)).append("] ").append(percent)
                    .append("% ").append(size(done)).append(" of ").append(size(total));
        } else {
            line.append(size(done));
        }
        line.append(", ").append(size((long) rate)).append("/s");
        if (total > 0) {
            long left = rate > 0 ? (long) ((total - done) / rate) : -1;
            line.append(", ETA ").append(left < 0 ? "--:--" : String.format(Locale.ROOT, "%02d:%02d", left / 60, left % 60));
        }
        err.print(line);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
