package sifr.task.internal;

/**
 * What the current thread runs under: its deadline (a {@link System#nanoTime()} value), its
 * cancellation token and its context-key bindings. Each task thread gets its own context; a plain
 * thread gets one lazily. Only the owning thread reads or writes a context, so it needs no lock.
 */
public final class TaskContext {
    /** Sentinel for "no deadline". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

    private long deadline;
    private final CancelToken token;
    private ContextValues values;
    /** Blocking reads time out after this many ms without closing anything (0: they do not); see {@link CancelShield#sliceReads}. */
    private int readSliceMillis;

    TaskContext(long deadline, CancelToken token, ContextValues values) {
        this.deadline = deadline;
        this.token = token;
        this.values = values;
    }

    /** The context of the current thread, created (no deadline, no token) if it has none. */
    public static TaskContext current() {
        TaskContext ctx = CURRENT.get();
        if (ctx == null) {
            ctx = new TaskContext(NO_DEADLINE, null, ContextValues.EMPTY);
            CURRENT.set(ctx);
        }
        return ctx;
    }

    /** The context of the current thread, or null: the allocation-free read for hot paths. */
    public static TaskContext peek() {
        return CURRENT.get();
    }

    /** Installs a fresh context without context-key bindings on the current (new task) thread. */
    public static TaskContext install(long deadline, CancelToken token) {
        return install(deadline, token, ContextValues.EMPTY);
    }

    /** Installs a fresh context on the current (new task) thread; {@code values} are the spawner's bindings. */
    public static TaskContext install(long deadline, CancelToken token, ContextValues values) {
        TaskContext ctx = new TaskContext(deadline, token, values);
        CURRENT.set(ctx);
        return ctx;
    }

    /** Makes {@code ctx} the current thread's context for a while ({@link CancelShield}); {@code ctx} is not null. */
    static void set(TaskContext ctx) {
        CURRENT.set(ctx);
    }

    /** Removes the current thread's context (the task thread is finishing). */
    public static void uninstall() {
        CURRENT.remove();
    }

    public long deadline() {
        return deadline;
    }

    public void setDeadline(long deadline) {
        this.deadline = deadline;
    }

    /** See {@link CancelShield#sliceReads}; 0 when reads are not sliced. */
    public int readSliceMillis() {
        return readSliceMillis;
    }

    void setReadSliceMillis(int millis) {
        this.readSliceMillis = millis;
    }

    /** The context-key bindings (never null). */
    public ContextValues values() {
        return values;
    }

    public void setValues(ContextValues values) {
        this.values = values;
    }

    /** The token, or null when the thread is not a task (nothing can cancel it but an interrupt). */
    public CancelToken token() {
        return token;
    }

    public boolean isCancelled() {
        return token != null && token.isCancelled();
    }

    /** The earlier of two deadlines ({@link #NO_DEADLINE}-aware, overflow-safe). */
    public static long earlier(long a, long b) {
        if (a == NO_DEADLINE) {
            return b;
        }
        if (b == NO_DEADLINE) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }

    /** The deadline {@code nanos} from now, saturating to {@link #NO_DEADLINE}. */
    public static long after(long nanos) {
        long now = System.nanoTime();
        long d = now + nanos;
        // saturate on overflow; also never collide with the sentinel
        return (d - now < 0 || d == NO_DEADLINE) ? NO_DEADLINE - 1 : d;
    }
}
