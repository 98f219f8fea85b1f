package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9113 §5.1.1 stream identifiers and §6.5.3 SETTINGS synchronization. */
class StreamIdsAndSettingsTest {
    @Test
    @DisplayName("§5.1.1: clients open odd streams, servers even ones, in increasing order")
    void localStreamsAlternateByRole() {
        StreamIds client = new StreamIds(Http2Reader.Role.CLIENT);
        assertThat(client.nextLocal()).isEqualTo(1);
        assertThat(client.nextLocal()).isEqualTo(3);
        StreamIds server = new StreamIds(Http2Reader.Role.SERVER);
        assertThat(server.nextLocal()).isEqualTo(2);
        assertThat(server.isLocal(2)).isTrue();
        assertThat(server.isLocal(1)).isFalse();
    }

    @Test
    @DisplayName("§5.1.1: a peer stream id of the wrong parity or not above the last one is a connection PROTOCOL_ERROR")
    void peerStreamIdRules() throws Http2Error {
        StreamIds server = new StreamIds(Http2Reader.Role.SERVER);
        server.peerOpens(1);
        server.peerOpens(7); // skipping 3 and 5 closes them implicitly
        assertThat(server.isIdle(5)).isFalse();
        assertThat(server.isIdle(9)).isTrue();
        assertThat(server.lastPeer()).isEqualTo(7);
        assertThatThrownBy(() -> server.peerOpens(5)).isInstanceOfSatisfying(Http2Error.class, e -> {
            assertThat(e.isConnectionError()).isTrue();
            assertThat(e.code()).isEqualTo(Http2ErrorCode.PROTOCOL_ERROR);
        });
        assertThatThrownBy(() -> server.peerOpens(8)).isInstanceOf(Http2Error.class); // a server's own parity
    }

    @Test
    @DisplayName("§5.1.1: the stream id space runs out at 2^31-1")
    void streamIdsRunOut() {
        StreamIds client = new StreamIds(Http2Reader.Role.CLIENT, Integer.MAX_VALUE - 2);
        assertThat(client.nextLocal()).isEqualTo(Integer.MAX_VALUE - 2);
        assertThat(client.nextLocal()).isEqualTo(Integer.MAX_VALUE);
        assertThat(client.nextLocal()).isEqualTo(-1);
        assertThat(client.nextLocal()).isEqualTo(-1);
        assertThat(client.isIdle(Integer.MAX_VALUE)).isFalse();
    }

    @Test
    @DisplayName("§6.5.3: the peer's SETTINGS apply on receipt; ours only once acknowledged, in order")
    void settingsApplyOnAcknowledgement() {
        SettingsNegotiation n = new SettingsNegotiation();
        n.sent(Http2Settings.EMPTY.with(Http2Settings.MAX_FRAME_SIZE, 32_768));
        n.sent(Http2Settings.EMPTY.with(Http2Settings.HEADER_TABLE_SIZE, 0));
        assertThat(n.local().maxFrameSize()).isEqualTo(16_384); // not yet acknowledged
        SettingsNegotiation.Change first = n.acknowledged().orElseThrow();
        assertThat(first.after().maxFrameSize()).isEqualTo(32_768);
        assertThat(n.local().headerTableSize()).isEqualTo(4096);
        n.acknowledged();
        assertThat(n.local().headerTableSize()).isZero();
        assertThat(n.acknowledged()).isEmpty(); // an unsolicited ACK changes nothing
    }

    @Test
    @DisplayName("§6.9.2: a peer SETTINGS_INITIAL_WINDOW_SIZE yields the delta for every open stream")
    void initialWindowDelta() {
        SettingsNegotiation n = new SettingsNegotiation();
        SettingsNegotiation.Change c = n.received(Http2Settings.EMPTY
                .with(Http2Settings.INITIAL_WINDOW_SIZE, 0)
                .with(Http2Settings.MAX_CONCURRENT_STREAMS, 100));
        assertThat(c.initialWindowDelta()).isEqualTo(-65_535);
        assertThat(n.remote().maxConcurrentStreams()).isEqualTo(100);
        assertThat(n.remote().enablePush()).isTrue();
        assertThat(n.received(Http2Settings.EMPTY.with(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20)).initialWindowDelta())
                .isEqualTo(1 << 20);
    }

    @Test
    @DisplayName("§6.5.3: a bounded number of our SETTINGS may wait for acknowledgement")
    void boundsUnacknowledgedSettings() {
        SettingsNegotiation n = new SettingsNegotiation();
        for (int i = 0; i < SettingsNegotiation.MAX_PENDING; i++) {
            n.sent(Http2Settings.EMPTY);
        }
        assertThatThrownBy(() -> n.sent(Http2Settings.EMPTY)).isInstanceOf(IllegalStateException.class);
    }
}
