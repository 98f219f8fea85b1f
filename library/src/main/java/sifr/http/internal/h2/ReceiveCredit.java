package sifr.http.internal.h2;

/**
 * When to send WINDOW_UPDATE for a receive window: octets the peer sent are returned to it once the
 * application has consumed them (or they were discarded), batched until half the target window is
 * owed, so a reader that keeps up costs one WINDOW_UPDATE per half window rather than one per frame.
 * Octets of discarded DATA (a reset or closed stream) are credited too, or the connection window
 * would leak (RFC 9113 §6.9). Pure bookkeeping beside a {@link FlowWindow}; not thread-safe.
 */
public final class ReceiveCredit {
    private final FlowWindow window;
    private long target;
    private long owed; // consumed octets not yet returned by a WINDOW_UPDATE

    public ReceiveCredit(FlowWindow window, long target) {
        this.window = window;
        this.target = target;
    }

    /** Changes the window this side wants to keep open (e.g. after our SETTINGS_INITIAL_WINDOW_SIZE). */
    public void setTarget(long target) {
        this.target = target;
    }

    /**
     * The application consumed (or the connection discarded) {@code n} received octets.
     *
     * @return the increment to send in a WINDOW_UPDATE now (it is granted on the window), or 0
     */
    public int release(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative release");
        }
        owed += n;
        long due = Math.min(owed, FlowWindow.MAX - window.available());
        if (due > 0 && owed * 2 >= target) { // half the window is owed: return it in one update
            int increment = (int) Math.min(due, Integer.MAX_VALUE);
            window.grant(increment);
            owed -= increment;
            return increment;
        }
        return 0;
    }
}
