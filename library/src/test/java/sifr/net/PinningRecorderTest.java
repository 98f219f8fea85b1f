package sifr.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/** The recorder really sees pinning: a virtual thread that parks inside a class initializer is pinned. */
class PinningRecorderTest {

    /** Its static initializer sleeps; a virtual thread that runs it cannot unmount (class init pins). */
    static final class SlowInit {
        static final long STAMP;

        static {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            STAMP = System.nanoTime();
        }
    }

    @Test
    void recordsAVirtualThreadPinnedInAClassInitializer() throws Exception {
        Recording recording = PinningRecorder.start();
        Thread.ofVirtual().start(() -> {
            long ignored = SlowInit.STAMP;
        }).join();
        List<String> pinned = PinningRecorder.stop(recording);
        assertThat(pinned).anySatisfy(event -> assertThat(event).contains("SlowInit"));
    }
}
