package sifr.tls.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import sifr.net.ByteStream;
import sifr.tls.TlsStream;

/**
 * The JFR event of one TLS handshake (client or server), spanning the handshake, in the style of
 * the JDK's {@code jdk.SocketRead}. Fields are filled only when {@code shouldCommit()} says a
 * recording wants the event, so a disabled event builds no strings. The {@code sifr.tls} log records
 * are written here too, from suppliers (nothing built unless the level is on).
 */
@Name("sifr.TlsHandshake")
@Label("TLS Handshake")
@Category({"Sifr", "TLS"})
@Description("A TLS handshake run by TlsClientConfig.connect or TlsServerConfig.accept")
@StackTrace(false)
public final class TlsHandshakeEvent extends Event {
    /** The TLS layer's logger: handshake failures at DEBUG, completed handshakes at TRACE. */
    private static final System.Logger LOG = System.getLogger("sifr.tls");

    @Label("Role")
    @Description("client or server")
    public String role;
    @Label("Server Name")
    @Description("The name the client connected to, or the SNI name a server received")
    public String serverName;
    @Label("Remote Address")
    public String remoteAddress;
    @Label("Protocol")
    public String protocol;
    @Label("Cipher Suite")
    public String cipherSuite;
    @Label("ALPN Protocol")
    public String alpn;
    @Label("Failure")
    @Description("The handshake's error message; empty when it succeeded")
    public String failure;

    /** A begun event. */
    public static TlsHandshakeEvent start() {
        TlsHandshakeEvent e = new TlsHandshakeEvent();
        e.begin();
        return e;
    }

    public void succeeded(String role, TlsStream tls) {
        end();
        LOG.log(System.Logger.Level.TRACE, () -> "TLS " + role + " handshake with " + tls.remoteAddr() + " done: "
                + tls.protocolVersion() + " " + tls.cipherSuite() + ", ALPN " + tls.alpnProtocol().orElse("none"));
        if (shouldCommit()) {
            this.role = role;
            serverName = tls.serverName().orElse(null);
            remoteAddress = String.valueOf(tls.remoteAddr());
            protocol = tls.protocolVersion();
            cipherSuite = tls.cipherSuite();
            alpn = tls.alpnProtocol().orElse(null);
            commit();
        }
    }

    public void failed(String role, String serverName, ByteStream transport, Throwable failure) {
        end();
        LOG.log(System.Logger.Level.DEBUG, () -> failure.getMessage() + " (peer " + remote(transport) + ")");
        if (shouldCommit()) {
            this.role = role;
            this.serverName = serverName;
            remoteAddress = remote(transport);
            this.failure = failure.getMessage();
            commit();
        }
    }

    private static String remote(ByteStream transport) {
        try {
            return String.valueOf(transport.remoteAddr());
        } catch (RuntimeException e) {
            return null; // a transport without an address: the event and record just lack it
        }
    }
}
