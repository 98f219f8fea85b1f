package sifr.tls.internal;

import java.time.Duration;
import java.util.List;
import sifr.net.OptionError;

/** Validation of the settings a config carries, with Sifr's messages, as {@link OptionError}s naming the field. */
public final class Settings {
    /** Sifr's upper bound for every network timeout: one day. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(86_400);
    /** Bound on ALPN protocols per config: the extension holds at most 64 KiB, real lists hold two or three. */
    static final int MAX_ALPN_PROTOCOLS = 64;

    private Settings() {
    }

    /**
     * @param option the field checked ({@code TlsClientConfig.handshakeTimeout}), named by the error
     * @throws OptionError {@code TLS timeout must be finite and positive} or {@code TLS timeout is too large}
     *     (Sifr's words)
     */
    public static Duration timeout(Duration timeout, String option) {
        if (timeout == null) {
            throw new OptionError(option, option + " must be set");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new OptionError(option, "TLS timeout must be finite and positive");
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new OptionError(option, "TLS timeout is too large");
        }
        return timeout;
    }

    /** ALPN protocol IDs (RFC 7301): 1 to 255 bytes each; we accept printable ASCII, which every registered ID is. */
    public static List<String> alpn(List<String> protocols, String option) {
        if (protocols == null) {
            throw new OptionError(option, option + " must be set");
        }
        if (protocols.size() > MAX_ALPN_PROTOCOLS) {
            throw new OptionError(option, "at most " + MAX_ALPN_PROTOCOLS + " ALPN protocols are allowed");
        }
        for (String protocol : protocols) {
            if (protocol == null || protocol.isEmpty() || protocol.length() > 255) {
                throw new OptionError(option, "ALPN protocol names must be 1 to 255 characters: " + protocol);
            }
            for (int i = 0; i < protocol.length(); i++) {
                char c = protocol.charAt(i);
                if (c <= 0x20 || c >= 0x7F) {
                    throw new OptionError(option, "ALPN protocol names must be printable ASCII: " + protocol);
                }
            }
        }
        return List.copyOf(protocols);
    }
}
