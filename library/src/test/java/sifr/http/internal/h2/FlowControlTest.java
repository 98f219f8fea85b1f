package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9113 §5.2 and §6.9 flow control, in long arithmetic. */
class FlowControlTest {
    @Test
    @DisplayName("§6.9.1: a WINDOW_UPDATE past 2^31-1 is a stream error on a stream, a connection error on stream 0")
    void windowOverflow() throws Http2Error {
        FlowWindow stream = new FlowWindow(3, 65_535);
        stream.increase(Integer.MAX_VALUE - 65_535); // exactly 2^31-1: allowed
        assertThat(stream.available()).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> stream.increase(1)).isInstanceOfSatisfying(Http2Error.class, e -> {
            assertThat(e.isConnectionError()).isFalse();
            assertThat(e.streamId()).isEqualTo(3);
            assertThat(e.code()).isEqualTo(Http2ErrorCode.FLOW_CONTROL_ERROR);
        });
        FlowWindow connection = new FlowWindow(0, 65_535);
        assertThatThrownBy(() -> connection.increase(Integer.MAX_VALUE)).isInstanceOfSatisfying(Http2Error.class,
                e -> assertThat(e.isConnectionError()).isTrue());
    }

    @Test
    @DisplayName("§6.9: DATA beyond the receive window is a FLOW_CONTROL_ERROR")
    void peerOverrunningTheWindow() throws Http2Error {
        FlowWindow w = new FlowWindow(1, 100);
        w.receive(60);
        w.receive(40);
        assertThat(w.available()).isZero();
        assertThatThrownBy(() -> w.receive(1)).isInstanceOfSatisfying(Http2Error.class,
                e -> assertThat(e.code()).isEqualTo(Http2ErrorCode.FLOW_CONTROL_ERROR));
    }

    @Test
    @DisplayName("§6.9.2: SETTINGS_INITIAL_WINDOW_SIZE changes move open stream windows, below zero too")
    void peerLowersInitialWindowSize() throws Http2Error {
        FlowWindow w = new FlowWindow(1, 65_535);
        w.send(60_000);
        w.applyInitialWindowDelta(16_384 - 65_535); // the peer lowered the initial window to 16 KiB
        assertThat(w.available()).isEqualTo(5_535 - 49_151).isNegative();
        assertThatThrownBy(() -> w.send(1)).isInstanceOf(IllegalStateException.class);
        w.increase(50_000);
        assertThat(w.available()).isEqualTo(6_384);
    }

    @Test
    @DisplayName("§6.9.2: an initial window change that would push a window past 2^31-1 is a connection error")
    void initialWindowChangeOverflow() throws Http2Error {
        FlowWindow w = new FlowWindow(5, 65_535);
        w.increase(Integer.MAX_VALUE - 65_535);
        assertThatThrownBy(() -> w.applyInitialWindowDelta(1)).isInstanceOfSatisfying(Http2Error.class, e -> {
            assertThat(e.isConnectionError()).isTrue();
            assertThat(e.code()).isEqualTo(Http2ErrorCode.FLOW_CONTROL_ERROR);
        });
    }

    @Test
    @DisplayName("§6.9: received octets go back to the peer in batches of half the window, discarded ones too")
    void creditsReturnInHalfWindowBatches() throws Http2Error {
        FlowWindow w = new FlowWindow(0, 65_535);
        ReceiveCredit credit = new ReceiveCredit(w, 65_535);
        w.receive(16_384);
        assertThat(credit.release(16_384)).isZero(); // a quarter owed: wait
        w.receive(16_384);
        assertThat(credit.release(16_384)).isEqualTo(32_768); // half owed: one WINDOW_UPDATE
        assertThat(w.available()).isEqualTo(65_535);
        // DATA on a reset stream is discarded but still credited to the connection window
        w.receive(40_000);
        assertThat(credit.release(40_000)).isEqualTo(40_000);
        assertThat(w.available()).isEqualTo(65_535);
    }
}
