package sifr.http.internal.h2;

import sifr.http.HttpError;

/** Parses the payload of an {@code HTTP2-Settings} field (RFC 7540 §3.2.1): a SETTINGS frame payload. */
final class UpgradeSettings {
    private UpgradeSettings() {
    }

    static Http2Settings parse(byte[] payload) throws HttpError {
        if (payload.length % 6 != 0) {
            throw new HttpError("invalid HTTP2-Settings: length is not a multiple of 6");
        }
        Http2Settings s = Http2Settings.EMPTY;
        for (int p = 0; p < payload.length; p += 6) {
            int id = ((payload[p] & 0xff) << 8) | (payload[p + 1] & 0xff);
            long value = Http2Reader.int32(payload, p + 2) & 0xffff_ffffL;
            if (!Http2Settings.isKnown(id)) {
                continue; // §6.5.2: unknown settings are ignored
            }
            boolean valid = switch (id) {
                case Http2Settings.ENABLE_PUSH, Http2Settings.ENABLE_CONNECT_PROTOCOL,
                        Http2Settings.NO_RFC7540_PRIORITIES -> value <= 1;
                case Http2Settings.INITIAL_WINDOW_SIZE -> value <= FlowWindow.MAX;
                case Http2Settings.MAX_FRAME_SIZE -> value >= Http2Frames.DEFAULT_MAX_FRAME_SIZE
                        && value <= Http2Frames.MAX_MAX_FRAME_SIZE;
                default -> true;
            };
            if (!valid) {
                throw new HttpError("invalid HTTP2-Settings: SETTINGS_" + Http2Settings.name(id) + " = " + value);
            }
            s = s.with(id, value);
        }
        return s;
    }
}
