package sifr.http.internal.entry;

import java.io.IOException;
import java.util.Optional;
import sifr.http.BodyStream;
import sifr.http.HttpRequest;
import sifr.http.RequestHead;
import sifr.net.ByteStream;

/**
 * The HTTP/1.1 server's {@code Upgrade} hook for h2c: on an acceptable request ({@link H2cUpgrade})
 * writes {@code 101 Switching Protocols} and hands the connection to HTTP/2, the request itself
 * becoming stream 1.
 */
public final class H2cUpgradeHook {
    /** Serves the rest of the connection as HTTP/2 (the engine's {@code runUpgraded}). */
    @FunctionalInterface
    public interface Http2Takeover {
        void serve(byte[] settingsPayload, HttpRequest stream1, byte[] alreadyRead) throws IOException;
    }

    private H2cUpgradeHook() {
    }

    /** Returns false to let HTTP/1.1 serve {@code head}; true once HTTP/2 has served the connection to its end. */
    public static boolean upgrade(RequestHead head, ByteStream stream, byte[] leftover, Http2Takeover http2)
            throws IOException {
        Optional<H2cUpgrade.Accepted> accepted = H2cUpgrade.accept(head);
        if (accepted.isEmpty()) {
            return false;
        }
        stream.writeAll(H2cUpgrade.SWITCHING_PROTOCOLS);
        stream.flush();
        HttpRequest request = HttpRequest.of(accepted.get().request(), BodyStream.empty(), stream.remoteAddr());
        http2.serve(accepted.get().settingsPayload(), request, leftover);
        return true;
    }
}
