package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sifr.http.internal.h2.Http2Frames.DATA;
import static sifr.http.internal.h2.Http2Frames.HEADERS;
import static sifr.http.internal.h2.Http2Frames.PRIORITY;
import static sifr.http.internal.h2.Http2Frames.PUSH_PROMISE;
import static sifr.http.internal.h2.Http2Frames.RST_STREAM;
import static sifr.http.internal.h2.Http2Frames.WINDOW_UPDATE;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import sifr.http.internal.h2.StreamLifecycle.Verdict;

/** RFC 9113 §5.1 stream states, one rule per test, as a peer would script them. */
class StreamLifecycleTest {
    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, boolean connection,
            Http2ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Http2Error.class, e -> {
            assertThat(e.isConnectionError()).as("connection error").isEqualTo(connection);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    @DisplayName("§5.1 idle: HEADERS opens the stream, with END_STREAM it is half-closed (remote)")
    void headersOpenAnIdleStream() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        assertThat(s.onReceive(HEADERS, false)).isEqualTo(Verdict.PROCESS);
        assertThat(s.state()).isEqualTo(StreamState.OPEN);
        StreamLifecycle t = new StreamLifecycle(3);
        t.onReceive(HEADERS, true);
        assertThat(t.state()).isEqualTo(StreamState.HALF_CLOSED_REMOTE);
    }

    @Test
    @DisplayName("§5.1 idle: any frame but HEADERS or PRIORITY is a connection error PROTOCOL_ERROR")
    void dataOnAnIdleStreamIsAConnectionError() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        assertThat(s.onReceive(PRIORITY, false)).isEqualTo(Verdict.PROCESS);
        assertThat(s.state()).isEqualTo(StreamState.IDLE);
        assertError(() -> s.onReceive(DATA, false), true, Http2ErrorCode.PROTOCOL_ERROR);
        assertError(() -> new StreamLifecycle(1).onReceive(RST_STREAM, false), true, Http2ErrorCode.PROTOCOL_ERROR);
        assertError(() -> new StreamLifecycle(1).onReceive(WINDOW_UPDATE, false), true, Http2ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1 open → half-closed (remote) → closed as both sides end")
    void bothSidesEndingClosesTheStream() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        s.onReceive(HEADERS, false);
        s.onReceive(DATA, false);
        s.onReceive(DATA, true);
        assertThat(s.state()).isEqualTo(StreamState.HALF_CLOSED_REMOTE);
        s.onSend(HEADERS, false);
        s.onSend(DATA, true);
        assertThat(s.state()).isEqualTo(StreamState.CLOSED);
    }

    @Test
    @DisplayName("§5.1 half-closed (remote), §6.1: DATA after the peer's END_STREAM is a stream error STREAM_CLOSED")
    void dataAfterEndStreamIsAStreamError() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        s.onReceive(HEADERS, true);
        assertThat(s.onReceive(WINDOW_UPDATE, false)).isEqualTo(Verdict.PROCESS);
        assertError(() -> s.onReceive(DATA, false), false, Http2ErrorCode.STREAM_CLOSED);
        assertError(() -> s.onReceive(HEADERS, true), false, Http2ErrorCode.STREAM_CLOSED);
    }

    @Test
    @DisplayName("§5.1 closed: frames after the peer's RST_STREAM are stream errors STREAM_CLOSED; a second RST is ignored (§5.4.2)")
    void framesAfterAReceivedResetAreStreamErrors() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        s.onReceive(HEADERS, false);
        s.onReceive(RST_STREAM, false);
        assertThat(s.state()).isEqualTo(StreamState.CLOSED);
        assertError(() -> s.onReceive(DATA, false), false, Http2ErrorCode.STREAM_CLOSED);
        assertThat(s.onReceive(RST_STREAM, false)).isEqualTo(Verdict.IGNORE);
        assertThat(s.onReceive(PRIORITY, false)).isEqualTo(Verdict.PROCESS);
    }

    @Test
    @DisplayName("§5.1 closed: frames in flight after our RST_STREAM are ignored")
    void framesAfterOurResetAreIgnored() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        s.onReceive(HEADERS, false);
        s.onSend(RST_STREAM, false);
        assertThat(s.onReceive(DATA, false)).isEqualTo(Verdict.IGNORE);
        assertThat(s.onReceive(HEADERS, true)).isEqualTo(Verdict.IGNORE);
        assertThat(s.onReceive(WINDOW_UPDATE, false)).isEqualTo(Verdict.IGNORE);
    }

    @Test
    @DisplayName("§5.1 closed: after both END_STREAMs, WINDOW_UPDATE and RST_STREAM may still cross; DATA is a connection error STREAM_CLOSED")
    void dataOnAStreamClosedByEndStreamIsAConnectionError() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        s.onReceive(HEADERS, true);
        s.onSend(HEADERS, true);
        assertThat(s.onReceive(WINDOW_UPDATE, false)).isEqualTo(Verdict.IGNORE);
        assertThat(s.onReceive(RST_STREAM, false)).isEqualTo(Verdict.IGNORE);
        assertError(() -> s.onReceive(DATA, false), true, Http2ErrorCode.STREAM_CLOSED);
    }

    @Test
    @DisplayName("§5.1 reserved (remote): HEADERS makes it half-closed (local); other frames but RST/PRIORITY are PROTOCOL_ERROR")
    void reservedRemote() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(2);
        s.promised(false);
        assertThat(s.state()).isEqualTo(StreamState.RESERVED_REMOTE);
        assertError(() -> s.onReceive(DATA, false), true, Http2ErrorCode.PROTOCOL_ERROR);
        StreamLifecycle t = new StreamLifecycle(4);
        t.promised(false);
        t.onReceive(HEADERS, false);
        assertThat(t.state()).isEqualTo(StreamState.HALF_CLOSED_LOCAL);
        t.onReceive(DATA, true);
        assertThat(t.state()).isEqualTo(StreamState.CLOSED);
    }

    @Test
    @DisplayName("§5.1 reserved (local): we send HEADERS to start the push; the peer may only reset, prioritise or update the window")
    void reservedLocal() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(2);
        s.promised(true);
        assertThat(s.onReceive(WINDOW_UPDATE, false)).isEqualTo(Verdict.PROCESS);
        assertError(() -> s.onReceive(HEADERS, false), true, Http2ErrorCode.PROTOCOL_ERROR);
        assertThatThrownBy(() -> s.onSend(DATA, false)).isInstanceOf(IllegalStateException.class);
        s.onSend(HEADERS, false);
        assertThat(s.state()).isEqualTo(StreamState.HALF_CLOSED_REMOTE);
    }

    @Test
    @DisplayName("§5.1: this side cannot send on a half-closed (local) or closed stream, nor DATA before HEADERS")
    void sendingRules() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        assertThatThrownBy(() -> s.onSend(DATA, false)).isInstanceOf(IllegalStateException.class);
        s.onSend(HEADERS, true);
        assertThat(s.state()).isEqualTo(StreamState.HALF_CLOSED_LOCAL);
        assertThatThrownBy(() -> s.onSend(DATA, false)).isInstanceOf(IllegalStateException.class);
        s.onSend(WINDOW_UPDATE, false);
        s.onReceive(HEADERS, true);
        assertThat(s.state()).isEqualTo(StreamState.CLOSED);
        assertThatThrownBy(() -> s.onSend(DATA, false)).isInstanceOf(IllegalStateException.class);
        s.onSend(RST_STREAM, false); // answering a stream error on a closed stream is allowed
        assertThatThrownBy(() -> new StreamLifecycle(3).onSend(RST_STREAM, false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("§6.6: a server pushes on a stream the client opened, while it may still send on it")
    void pushPromiseOnlyOnOpenOrHalfClosedRemote() throws Http2Error {
        StreamLifecycle s = new StreamLifecycle(1);
        s.onReceive(HEADERS, true);
        s.onSend(PUSH_PROMISE, false);
        s.onSend(HEADERS, true);
        assertThatThrownBy(() -> s.onSend(PUSH_PROMISE, false)).isInstanceOf(IllegalStateException.class);
    }
}
