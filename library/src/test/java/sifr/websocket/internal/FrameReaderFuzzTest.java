package sifr.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: arbitrary bytes, cut into arbitrary chunks as a network would, through the frame decoder and
 * the message assembler (with and without permessage-deflate, whole messages or fragments, either role).
 * Nothing but {@link WsProtocolError} (with 1002, 1007 or 1009) may escape; the decoder never claims
 * more bytes than it was given; what stays unconsumed is less than a header plus a control frame; no
 * message exceeds the limit and every text message is valid UTF-8. Without {@code JAZZER_FUZZ=1} the
 * saved inputs in {@code FrameReaderFuzzTestInputs/} run as regression tests.
 */
class FrameReaderFuzzTest {
    private static final int MAX_MESSAGE = 4096;

    @FuzzTest(maxDuration = "30s")
    void decodesOrFailsWithACloseCode(FuzzedDataProvider data) {
        boolean server = data.consumeBoolean();
        boolean deflate = data.consumeBoolean();
        boolean fragments = data.consumeBoolean();
        byte[] stream = data.consumeRemainingAsBytes();
        FrameDecoder decoder = new FrameDecoder(server, 2048);
        MessageInflater inflater = null;
        if (deflate) {
            decoder.allowRsv1();
            inflater = new MessageInflater(true);
        }
        MessageAssembler assembler = new MessageAssembler(new MessageAssembler.Limits(MAX_MESSAGE, 64, fragments),
                inflater, new Checker());
        byte[] pending = new byte[stream.length + 1];
        int pendingLen = 0;
        int at = 0;
        int cut = 0;
        try {
            while (at < stream.length && !decoder.sawClose()) {
                int chunk = 1 + ((stream[cut++ % stream.length] & 0xff) * 31) % 700;
                int n = Math.min(chunk, stream.length - at);
                System.arraycopy(stream, at, pending, pendingLen, n);
                pendingLen += n;
                at += n;
                int consumed = decoder.decode(pending, 0, pendingLen, assembler);
                assertThat(consumed).isBetween(0, pendingLen);
                System.arraycopy(pending, consumed, pending, 0, pendingLen - consumed);
                pendingLen -= consumed;
                if (!decoder.sawClose()) {
                    assertThat(pendingLen).isLessThan(WsFrames.MAX_HEADER_LENGTH + WsFrames.MAX_CONTROL_PAYLOAD);
                }
            }
        } catch (WsProtocolError e) {
            assertThat(e.closeCode()).isIn(1002, 1007, 1009);
        } finally {
            assembler.release();
        }
    }

    /** Asserts what every event may rely on. */
    private static final class Checker implements MessageAssembler.Events {
        @Override
        public void message(boolean text, byte[] payload, boolean last) {
            assertThat(payload.length).isLessThanOrEqualTo(MAX_MESSAGE);
            if (text && last) {
                Utf8Validator v = new Utf8Validator();
                assertThat(v.feed(payload, 0, payload.length)).isTrue();
            }
        }

        @Override
        public void ping(byte[] payload) {
            assertThat(payload.length).isLessThanOrEqualTo(WsFrames.MAX_CONTROL_PAYLOAD);
        }

        @Override
        public void pong(byte[] payload) {
            assertThat(payload.length).isLessThanOrEqualTo(WsFrames.MAX_CONTROL_PAYLOAD);
        }

        @Override
        public void close(int code, String reason) {
            assertThat(code == CloseCodes.NO_STATUS || CloseCodes.isSendable(code)).isTrue();
        }
    }
}
