package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records the JFR event {@code jdk.VirtualThreadPinned} (threshold 0: every pinned park) while a test
 * class runs, and fails the class if code of ours pinned a virtual thread ({@link #isOurs}). Put it
 * on every network test class.
 */
public final class PinningRecorder implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PinningRecorder.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("recording", start());
    }

    /** Starts recording {@code jdk.VirtualThreadPinned} with threshold 0 and stack traces. */
    static Recording start() {
        initializeEventClasses();
        Recording recording = new Recording();
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
        return recording;
    }

    /**
     * The library's JFR event classes, initialized here on the test's platform thread. JFR registers an
     * event class from a static initializer it adds to the class; the first use on a virtual thread
     * then runs that registration, which waits on a JDK monitor when another event class registers at
     * the same moment (a client's first connect beside a server's first accept): a pin inside a
     * {@code <clinit>} of a {@code sifr.*} class, which {@link #isOurs} rightly cannot tell from a
     * blocking initializer of our own. The classes have no initializer of their own.
     */
    private static final List<String> EVENT_CLASSES = List.of("sifr.net.internal.TcpEvents$Connect",
            "sifr.net.internal.TcpEvents$Accept", "sifr.net.internal.TcpEvents$Close",
            "sifr.tls.internal.TlsHandshakeEvent", "sifr.http.internal.HttpExchangeEvent");

    private static void initializeEventClasses() {
        for (String name : EVENT_CLASSES) {
            try {
                Class.forName(name, true, PinningRecorder.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError("JFR event class " + name + " is gone: update PinningRecorder", e);
            }
        }
    }

    /** One frame of a pinned thread's stack, as much of it as the classification needs. */
    record Frame(String type, String method, boolean nativeMethod) {
        boolean ours() {
            return type.startsWith("sifr.");
        }

        /** A frame that pins by its nature: a class initializer or a native method. */
        boolean pinsByItself() {
            return nativeMethod || method.equals("<clinit>");
        }
    }

    /**
     * Whether a pinned park is caused by code of ours. On JDK 24 and later (JEP 491) {@code synchronized}
     * no longer pins, so what can still pin a virtual thread is a frame that pins by its nature (a class
     * initializer, a native method) or, in rare cases, a monitor held across one. A pin is ours when such
     * a frame is one of ours ({@code sifr.*}: a blocking static initializer, which the self-test shows is
     * caught), or when the JVM reports a held monitor and code of ours is on the stack.
     *
     * <p>Everything else has a JDK frame as its cause and is the runtime's business: the JDK's I/O
     * sub-pollers waiting in {@code epoll_wait}, native socket reads, two threads loading one class,
     * linking an {@code invokedynamic} call site, class initializers inside the JDK's TLS code on a
     * loaded machine. Session 1 listed those one by one and every loaded CI run found a new one; they
     * are now reported on stderr (see {@link #stop}) but do not fail the test. {@code synchronized}
     * around blocking I/O in our code, which would pin on JDK 21, is caught by
     * {@code sifr.NoSynchronizedInLibraryTest} instead, since this runtime cannot show it.
     */
    static boolean isOurs(String pinnedReason, List<Frame> frames) {
        boolean oursOnStack = false;
        for (Frame frame : frames) {
            if (frame.ours() && frame.pinsByItself()) {
                return true;
            }
            oursOnStack |= frame.ours();
        }
        return oursOnStack && pinnedReason != null && pinnedReason.toLowerCase(java.util.Locale.ROOT).contains("monitor");
    }

    private static List<Frame> frames(RecordedEvent e) {
        List<Frame> frames = new ArrayList<>();
        if (e.getStackTrace() != null) {
            for (var frame : e.getStackTrace().getFrames()) {
                var method = frame.getMethod();
                frames.add(new Frame(method.getType().getName(), method.getName(),
                        java.lang.reflect.Modifier.isNative(method.getModifiers())));
            }
        }
        return frames;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<String> pinned = stop(context.getStore(NS).remove("recording", Recording.class));
        assertThat(pinned).as("jdk.VirtualThreadPinned events in " + context.getDisplayName()).isEmpty();
    }

    /** Stops the recording and returns every pinning event of ours (thread, duration, reason, stack); reports the JDK's on stderr. */
    static List<String> stop(Recording recording) throws Exception {
        try (recording) {
            recording.stop();
            Path file = Files.createTempFile("sifr-pinning", ".jfr");
            try {
                recording.dump(file);
                List<String> pinned = new ArrayList<>();
                int jdkOnly = 0;
                String firstJdkOnly = "";
                for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                    if (!e.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                        continue;
                    }
                    String reason = e.hasField("pinnedReason") ? e.getString("pinnedReason") : null;
                    String described = e.getThread() + " " + e.getDuration() + " (" + reason + ")\n" + e.getStackTrace();
                    if (isOurs(reason, frames(e))) {
                        pinned.add(described);
                    } else if (jdkOnly++ == 0) {
                        firstJdkOnly = described;
                    }
                }
                if (jdkOnly > 0) {
                    System.err.println("PinningRecorder: " + jdkOnly + " pinned park(s) caused by JDK frames only"
                            + " (not failing); first one:\n" + firstJdkOnly);
                }
                return pinned;
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
