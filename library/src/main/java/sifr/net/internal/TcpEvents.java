package sifr.net.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import sifr.net.SocketAddr;

/**
 * JFR events of the TCP layer, in the style of the JDK's {@code jdk.SocketRead}: a connect and an
 * accept span the blocking call, a close is an instant with the stream's byte counts. Callers fill
 * the fields only when {@code shouldCommit()} says a recording wants the event, so a disabled event
 * builds no strings (the log records check their level first for the same reason). Stack traces are off: the call sites are always the same few.
 */
public final class TcpEvents {
    /** The TCP layer's logger: connect failures at DEBUG, every connect, accept and close at TRACE. */
    static final System.Logger LOG = System.getLogger("sifr.net");

    private TcpEvents() {
    }

    @Name("sifr.TcpConnect")
    @Label("TCP Connect")
    @Category({"Sifr", "TCP"})
    @Description("A TCP connection opened by Net.connectTcp (all addresses tried, until the first connects or all fail)")
    @StackTrace(false)
    public static final class Connect extends Event {
        @Label("Remote Address")
        public String remoteAddress;
        @Label("Local Address")
        public String localAddress;
        @Label("Addresses Tried")
        @Description("How many resolved addresses the connect could try")
        public int addresses;
        @Label("Failure")
        public String failure;
    }

    @Name("sifr.TcpAccept")
    @Label("TCP Accept")
    @Category({"Sifr", "TCP"})
    @Description("A TCP connection accepted by TcpListener.accept (the duration is the wait for it)")
    @StackTrace(false)
    public static final class Accept extends Event {
        @Label("Remote Address")
        public String remoteAddress;
        @Label("Local Address")
        public String localAddress;
    }

    @Name("sifr.TcpClose")
    @Label("TCP Close")
    @Category({"Sifr", "TCP"})
    @Description("A TCP stream closed by TcpStream.close, with the bytes it carried")
    @StackTrace(false)
    public static final class Close extends Event {
        @Label("Remote Address")
        public String remoteAddress;
        @Label("Local Address")
        public String localAddress;
        @Label("Bytes Read")
        @DataAmount
        public long bytesRead;
        @Label("Bytes Written")
        @DataAmount
        public long bytesWritten;
    }

    /** Commits {@code e} if a recording wants it; {@code failure} is null on success. */
    static void connected(Connect e, SocketChannel ch, int addresses, Throwable failure) {
        e.end();
        if (failure != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> "TCP connect failed (" + addresses + " addresses tried): "
                    + failure.getMessage());
        } else if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "TCP connected " + address(ch, true) + " -> " + address(ch, false));
        }
        if (e.shouldCommit()) {
            if (ch != null) {
                e.localAddress = address(ch, true);
                e.remoteAddress = address(ch, false);
            }
            e.addresses = addresses;
            e.failure = failure == null ? null : failure.getMessage();
            e.commit();
        }
    }

    /** Commits an accept that began at {@code e.begin()}. */
    public static void accepted(Accept e, SocketAddr local, SocketAddr remote) {
        e.end();
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "TCP accepted " + remote + " on " + local);
        }
        if (e.shouldCommit()) {
            e.localAddress = local.toString();
            e.remoteAddress = remote.toString();
            e.commit();
        }
    }

    /** Commits a close event if one is wanted; cheap (one check) when none is. */
    public static void closed(SocketAddr local, SocketAddr remote, long bytesRead, long bytesWritten) {
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "TCP closed " + local + " -> " + remote + " after reading "
                    + bytesRead + " and writing " + bytesWritten + " bytes");
        }
        Close e = new Close();
        if (e.shouldCommit()) {
            e.localAddress = local.toString();
            e.remoteAddress = remote.toString();
            e.bytesRead = bytesRead;
            e.bytesWritten = bytesWritten;
            e.commit();
        }
    }

    private static String address(SocketChannel ch, boolean local) {
        try {
            InetSocketAddress a = (InetSocketAddress) (local ? ch.getLocalAddress() : ch.getRemoteAddress());
            return a == null ? null : SocketAddr.of(a).toString();
        } catch (IOException | RuntimeException e) {
            return null; // a channel closed meanwhile: the event just lacks the address
        }
    }
}
