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

    private static PinningRecorder.Frame jdk(String type, String method, boolean nativeMethod) {
        return new PinningRecorder.Frame(type, method, nativeMethod);
    }

    @Test
    void aBlockingStaticInitializerOfOursIsOurs() {
        assertThat(PinningRecorder.isOurs("Native frame or <clinit> on stack", List.of(
                jdk("java.lang.VirtualThread", "parkNanos", false),
                jdk("java.lang.Thread", "sleep", false),
                jdk("sifr.net.PinningRecorderTest$SlowInit", "<clinit>", false),
                jdk("sifr.net.PinningRecorderTest", "lambda$0", false)))).isTrue();
    }

    @Test
    void aMonitorHeldWithOurCodeOnTheStackIsOurs() {
        assertThat(PinningRecorder.isOurs("Monitor held", List.of(
                jdk("java.lang.VirtualThread", "park", false),
                jdk("sifr.net.TcpStream", "read", false)))).isTrue();
    }

    @Test
    void aNativeJdkSocketReadUnderOurCodeIsTheJdks() {
        assertThat(PinningRecorder.isOurs("Native frame or <clinit> on stack", List.of(
                jdk("java.lang.VirtualThread", "park", false),
                jdk("sun.nio.ch.SocketDispatcher", "read0", true),
                jdk("sifr.net.TcpStream", "read", false)))).isFalse();
    }

    @Test
    void aJdkClassInitializerReachedFromOurCodeIsTheJdks() {
        assertThat(PinningRecorder.isOurs("Native frame or <clinit> on stack", List.of(
                jdk("java.lang.VirtualThread", "park", false),
                jdk("sun.security.ssl.SSLContextImpl$TLSContext", "<clinit>", false),
                jdk("sifr.tls.internal.TlsConnection", "handshake", false)))).isFalse();
    }

    @Test
    void theJdkSubPollerIsTheJdks() {
        assertThat(PinningRecorder.isOurs("Native frame or <clinit> on stack", List.of(
                jdk("sun.nio.ch.EPoll", "wait", true),
                jdk("sun.nio.ch.Poller", "subPollerLoop", false)))).isFalse();
    }
}
