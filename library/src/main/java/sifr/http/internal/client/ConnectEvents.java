package sifr.http.internal.client;

import java.io.IOException;
import java.util.List;
import sifr.http.Version;
import sifr.net.SocketAddr;

/** What {@link ConnectionOpener} reports while it connects; every method does nothing by default. */
public interface ConnectEvents {
    ConnectEvents NONE = new ConnectEvents() {
    };

    /** True if someone listens: only then is the host resolved apart from the connect, to report it. */
    default boolean wantsDns() {
        return false;
    }

    default void dnsStart(String host) {
    }

    default void dnsEnd(String host, List<SocketAddr> addresses) {
    }

    default void connectStart(Origin origin) {
    }

    default void tlsStart(Origin origin) {
    }

    default void tlsEnd(Origin origin, String alpnProtocol) {
    }

    default void connectEnd(Origin origin, SocketAddr remote, Version version) {
    }

    default void connectFailed(Origin origin, IOException failure) {
    }
}
