package sifr.http.internal.h2;

import sifr.http.HttpError;
import sifr.task.internal.Alarm;
import sifr.task.internal.TaskContext;

/**
 * The bound on a client caller's own frame write ({@link Http2Outbound#writeClaimed}), which runs
 * shielded from its task's cancellation and deadline: if the write is still blocked when this alarm
 * rings, the peer has read nothing for that long, and the connection fails (closing the socket ends the
 * blocked write). An alarm rather than an interrupt: an interrupt would close the socket too, but
 * also at any ordinary moment the caller's deadline passes.
 */
final class StalledWrite extends Alarm {
    private final Http2Connection c;
    /** The write ended: a ring racing {@link #cancel} must not fail the connection. */
    volatile boolean over;

    private StalledWrite(Http2Connection c) {
        this.c = c;
    }

    /** An alarm set for {@code until}, or null for {@link TaskContext#NO_DEADLINE} (no bound). */
    static StalledWrite arm(Http2Connection c, long until) {
        if (until == TaskContext.NO_DEADLINE) {
            return null;
        }
        StalledWrite w = new StalledWrite(c);
        w.set(until);
        return w;
    }

    @Override
    protected void ring() {
        if (!over) { // on the timer thread: the failure (lock, socket close) runs on a thread of its own
            Thread.ofVirtual().start(() -> c.fail(new HttpError("HTTP/2 peer read nothing for "
                    + c.config.floodLimits().zeroWindowTimeout().toMillis() + " ms (write timed out)")));
        }
    }
}
