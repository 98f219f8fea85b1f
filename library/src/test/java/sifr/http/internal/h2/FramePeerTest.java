package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import sifr.testing.MemoryByteStreams;

/** The scripted peer against itself: one plays the client, one the server, over in-memory pipes. */
class FramePeerTest {
    @Test
    void twoPeersExchangeARequestAndAResponse() throws Exception {
        try (MemoryByteStreams.Pair pair = MemoryByteStreams.pair();
                FramePeer client = FramePeer.client(pair.client());
                FramePeer server = FramePeer.server(pair.server())) {
            server.sendPreface(Http2Settings.EMPTY.with(Http2Settings.MAX_CONCURRENT_STREAMS, 10));
            FramePeer.Settings theirs = client.handshake();
            assertThat(theirs.settings().getOrDefault(Http2Settings.MAX_CONCURRENT_STREAMS, 0)).isEqualTo(10);
            server.expect(FramePeer.Settings.class, s -> true);
            server.expect(FramePeer.SettingsAck.class, s -> true);

            client.sendRequest(1, true, "GET", "/hello", "accept", "text/plain");
            FramePeer.Headers request = server.expectHeaders(1);
            assertThat(request.endStream()).isTrue();
            assertThat(request.get(":path")).contains("/hello");
            assertThat(request.get("accept")).contains("text/plain");

            server.sendHeaders(1, false, ":status", "200", "content-type", "text/plain");
            server.sendData(1, true, "hi".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.expectHeaders(1).status()).isEqualTo(200);
            assertThat(new String(client.expectBody(1), StandardCharsets.US_ASCII)).isEqualTo("hi");

            client.expectAlive();
            server.sendRst(3, Http2ErrorCode.REFUSED_STREAM);
            client.expectRstStream(3, Http2ErrorCode.REFUSED_STREAM);
            client.sendGoAway(0, Http2ErrorCode.ENHANCE_YOUR_CALM);
            assertThat(server.expectGoAway(Http2ErrorCode.ENHANCE_YOUR_CALM).lastStreamId()).isZero();
            server.close();
            client.expectClosed();
        }
    }

    @Test
    void framesUntilAliveAreWhatArrivedBeforeThePingAcknowledgement() throws Exception {
        try (MemoryByteStreams.Pair pair = MemoryByteStreams.pair();
                FramePeer client = FramePeer.client(pair.client());
                FramePeer server = FramePeer.server(pair.server())) {
            server.sendPreface();
            client.handshake();
            server.sendWindowUpdate(0, 1000).sendRst(1, Http2ErrorCode.CANCEL);
            assertThat(client.framesUntilAlive()).containsExactly(new FramePeer.WindowUpdate(0, 1000),
                    new FramePeer.RstStream(1, Http2ErrorCode.CANCEL.code()));
            assertThat(client.framesUntilAlive()).isEmpty();
            assertThat(client.saw(f -> f instanceof FramePeer.RstStream)).isTrue(); // every frame seen so far counts
            assertThat(client.saw(f -> f instanceof FramePeer.GoAway)).isFalse();
            server.sendGoAway(0, Http2ErrorCode.NO_ERROR);
            client.expectAlive(); // the GOAWAY came before the PING ACK
            assertThat(client.saw(f -> f instanceof FramePeer.GoAway)).isTrue();
        }
    }

    @Test
    void anExpectationNamesWhatItSawInstead() throws Exception {
        try (MemoryByteStreams.Pair pair = MemoryByteStreams.pair();
                FramePeer client = FramePeer.client(pair.client());
                FramePeer server = FramePeer.server(pair.server())) {
            server.sendPreface();
            client.handshake();
            server.sendGoAway(0, Http2ErrorCode.NO_ERROR);
            assertThatThrownBy(() -> client.expectGoAway(Http2ErrorCode.PROTOCOL_ERROR))
                    .hasMessageContaining("GOAWAY last=0 NO_ERROR");
        }
    }

    @Test
    void aMalformedFrameFromTheOtherSideIsReported() throws Exception {
        try (MemoryByteStreams.Pair pair = MemoryByteStreams.pair();
                FramePeer client = FramePeer.client(pair.client());
                FramePeer server = FramePeer.server(pair.server())) {
            server.sendPreface();
            client.handshake();
            server.sendFrame(Http2Frames.PING, 0, 0, new byte[7]); // PING must be 8 octets
            assertThatThrownBy(client::expectClosed).hasMessageContaining("PING frame must be 8 octets");
        }
    }
}
