package sifr.tls.internal;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Loads and initializes the classes a handshake needs on the thread that creates a config, before
 * any connection exists. A virtual thread that has to wait while another thread loads or initializes
 * a class is pinned to its carrier (a JVM limitation that JDK 24's JEP 491 did not lift), and the
 * first handshakes in a process usually run side by side (a client and a server in one test, many
 * accepted connections at once). Warming up here costs about a millisecond per config.
 */
public final class ClassWarmUp {
    private static final String[] OURS = {
        "sifr.tls.TlsStream", "sifr.tls.TlsHalves", "sifr.tls.TlsReadHalf", "sifr.tls.TlsWriteHalf",
        "sifr.tls.TlsError", "sifr.tls.CertificateError", "sifr.task.TimeoutError",
        "sifr.tls.internal.TlsConnection", "sifr.tls.internal.TlsPolicy", "sifr.tls.internal.Watchdog",
        "sifr.tls.internal.HandshakeFailures", "sifr.tls.internal.ServerNames", "sifr.tls.internal.Settings",
        "sifr.tls.internal.CertificateDiagnosis", "sifr.tls.internal.CertificateDiagnosis$Purpose",
    };

    private ClassWarmUp() {
    }

    public static void run(SSLContext context) {
        ClassLoader loader = ClassWarmUp.class.getClassLoader();
        for (String name : OURS) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("missing class of the sifr module: " + name, e);
            }
        }
        // A throw-away client engine that produces a ClientHello loads JSSE's handshake machinery.
        SSLEngine engine = context.createSSLEngine("warm-up.invalid", 1);
        try {
            engine.setUseClientMode(true);
            engine.beginHandshake();
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        } catch (SSLException | RuntimeException e) {
            // only a warm-up: a real handshake reports real problems
        } finally {
            engine.closeOutbound();
        }
    }
}
