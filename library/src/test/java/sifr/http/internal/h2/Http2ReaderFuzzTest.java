package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: arbitrary bytes, cut into arbitrary chunks as a network would, after a valid preface (or
 * not). Nothing but {@link Http2Error} may escape; the reader never claims more bytes than it was
 * given; every callback stays inside the frame-level rules and the reader's bounds. Without
 * {@code JAZZER_FUZZ=1} the saved inputs in {@code Http2ReaderFuzzTestInputs/} run as regression tests.
 */
class Http2ReaderFuzzTest {
    private static final Http2Reader.Limits LIMITS = new Http2Reader.Limits(16_384, 32_768, 8);

    @FuzzTest(maxDuration = "30s")
    void decodesOrFailsWithAProtocolError(FuzzedDataProvider data) {
        boolean server = data.consumeBoolean();
        boolean validStart = data.consumeBoolean();
        Http2Reader reader = new Http2Reader(server ? Http2Reader.Role.SERVER : Http2Reader.Role.CLIENT, LIMITS);
        Checker checker = new Checker();
        byte[] input = data.consumeRemainingAsBytes();
        byte[] stream = input;
        if (validStart) { // most inputs would otherwise die at the preface: start the way a peer must
            byte[] preface = server ? Http2Frames.preface() : new byte[0];
            byte[] settings = Hex.bytes(Http2ReaderTest.EMPTY_SETTINGS);
            stream = new byte[preface.length + settings.length + input.length];
            System.arraycopy(preface, 0, stream, 0, preface.length);
            System.arraycopy(settings, 0, stream, preface.length, settings.length);
            System.arraycopy(input, 0, stream, preface.length + settings.length, input.length);
        }
        // Cut the bytes into chunks whose sizes come from the input itself (wrapping around).
        byte[] pending = new byte[stream.length];
        int pendingLen = 0;
        int at = 0;
        int cut = 0;
        try {
            while (at < stream.length) {
                int chunk = 1 + ((stream[cut++ % stream.length] & 0xff) * 37) % 2048;
                int n = Math.min(chunk, stream.length - at);
                System.arraycopy(stream, at, pending, pendingLen, n);
                pendingLen += n;
                at += n;
                int consumed = reader.read(pending, 0, pendingLen, checker);
                assertThat(consumed).isBetween(0, pendingLen);
                System.arraycopy(pending, consumed, pending, 0, pendingLen - consumed);
                pendingLen -= consumed;
                // Only an incomplete frame may remain: its payload plus a header, within the max frame size.
                assertThat(pendingLen).isLessThan(Http2Frames.HEADER_LENGTH + LIMITS.maxFrameSize()
                        + Http2Frames.PREFACE_LENGTH);
            }
        } catch (Http2Error e) {
            assertThat(e.code()).isNotNull();
        }
    }

    /** Asserts what every callback may rely on. */
    private static final class Checker implements Http2FrameHandler {
        @Override
        public void data(int streamId, boolean endStream, byte[] buf, int off, int len, int flowControlled) {
            assertThat(streamId).isPositive();
            assertThat(len).isBetween(0, flowControlled);
            assertThat(flowControlled).isLessThanOrEqualTo(LIMITS.maxFrameSize());
            assertThat(off + len).isLessThanOrEqualTo(buf.length);
        }

        @Override
        public void headers(int streamId, boolean endStream, byte[] block, int off, int len) {
            assertThat(streamId).isPositive();
            assertThat(len).isBetween(0, LIMITS.maxHeaderBlockSize());
            assertThat(off + len).isLessThanOrEqualTo(block.length);
        }

        @Override
        public void priority(int streamId, int dependency, boolean exclusive, int weight) {
            assertThat(streamId).isPositive().isNotEqualTo(dependency);
            assertThat(weight).isBetween(1, 256);
        }

        @Override
        public void rstStream(int streamId, long errorCode) {
            assertThat(streamId).isPositive();
            assertThat(errorCode).isBetween(0L, 0xffff_ffffL);
        }

        @Override
        public void settings(Http2Settings settings) {
            assertThat(settings.getOrDefault(Http2Settings.INITIAL_WINDOW_SIZE, 0)).isLessThanOrEqualTo(Integer.MAX_VALUE);
        }

        @Override
        public void settingsAck() {
        }

        @Override
        public void pushPromise(int streamId, int promisedStreamId, byte[] block, int off, int len) {
            assertThat(streamId).isPositive();
            assertThat(promisedStreamId).isPositive().isEven();
            assertThat(len).isBetween(0, LIMITS.maxHeaderBlockSize());
        }

        @Override
        public void ping(boolean ack, long payload) {
        }

        @Override
        public void goAway(int lastStreamId, long errorCode, byte[] debug, int off, int len) {
            assertThat(lastStreamId).isNotNegative();
            assertThat(len).isNotNegative();
        }

        @Override
        public void windowUpdate(int streamId, int increment) {
            assertThat(streamId).isNotNegative();
            assertThat(increment).isPositive();
        }

        @Override
        public void streamError(Http2Error error) {
            assertThat(error.isConnectionError()).isFalse();
        }
    }
}
