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
 * class runs, and fails the class if any virtual thread was pinned. Put it on every network test class.
 */
public final class PinningRecorder implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PinningRecorder.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Recording recording = new Recording();
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
        context.getStore(NS).put("recording", recording);
    }

    /**
     * The JDK's own I/O sub-poller threads (virtual threads in JDK 25's default poller mode) wait in
     * {@code epoll_wait} pinned by design; that is the JDK's poller, not a Sifr thread. Every other
     * pinned virtual thread fails the test.
     */
    private static boolean isJdkSubPoller(RecordedEvent e) {
        if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
            return false;
        }
        var top = e.getStackTrace().getFrames().get(0).getMethod();
        return top.getType().getName().equals("sun.nio.ch.Poller") && top.getName().equals("subPollerLoop");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (Recording recording = context.getStore(NS).remove("recording", Recording.class)) {
            recording.stop();
            Path file = Files.createTempFile("sifr-pinning", ".jfr");
            try {
                recording.dump(file);
                List<String> pinned = new ArrayList<>();
                for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                    if (e.getEventType().getName().equals("jdk.VirtualThreadPinned") && !isJdkSubPoller(e)) {
                        pinned.add(e.getThread() + " " + e.getDuration() + "\n" + e.getStackTrace());
                    }
                }
                assertThat(pinned).as("jdk.VirtualThreadPinned events in " + context.getDisplayName()).isEmpty();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
