package sifr.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5 base framing, byte by byte. Fixtures are hex with a comment per field. */
class FrameDecoderTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Records frames as strings: "ctl 9 <hex>", "data 1 fin rsv1=false <hex>". */
    static final class Recorder implements FrameDecoder.Sink {
        final List<String> events = new ArrayList<>();
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        private String header;

        @Override
        public void control(int opcode, byte[] buf, int off, int len) {
            events.add("ctl " + opcode + " " + HEX.formatHex(buf, off, off + len));
        }

        @Override
        public void dataStart(int opcode, boolean fin, boolean rsv1, long length) {
            header = "data " + opcode + (fin ? " fin" : " more") + (rsv1 ? " rsv1" : "") + " len=" + length;
            payload.reset();
        }

        @Override
        public void dataPayload(byte[] buf, int off, int len) {
            assertThat(len).isPositive();
            payload.write(buf, off, len);
        }

        @Override
        public void dataEnd() {
            events.add(header + " " + HEX.formatHex(payload.toByteArray()));
        }
    }

    private static List<String> decodeAll(FrameDecoder d, String hex) throws WsProtocolError {
        byte[] b = HEX.parseHex(hex);
        Recorder r = new Recorder();
        int used = d.decode(b, 0, b.length, r);
        assertThat(used).isEqualTo(b.length);
        return r.events;
    }

    private static FrameDecoder server() {
        return new FrameDecoder(true, 1 << 20);
    }

    private static FrameDecoder client() {
        return new FrameDecoder(false, 1 << 20);
    }

    @Test
    void rfc6455Section5_7UnmaskedTextHello() throws Exception {
        // 81: FIN, opcode 1 (text); 05: unmasked, length 5; "Hello"
        assertThat(decodeAll(client(), "810548656c6c6f")).containsExactly("data 1 fin len=5 48656c6c6f");
    }

    @Test
    void rfc6455Section5_7MaskedTextHelloIsUnmasked() throws Exception {
        // 81: FIN text; 85: MASK, length 5; 37fa213d: key; masked "Hello"
        assertThat(decodeAll(server(), "818537fa213d7f9f4d5158")).containsExactly("data 1 fin len=5 48656c6c6f");
    }

    @Test
    void rfc6455Section5_7FragmentedUnmaskedText() throws Exception {
        // 01 03 "Hel" (text, not final), 80 02 "lo" (continuation, final)
        assertThat(decodeAll(client(), "010348656c80026c6f"))
                .containsExactly("data 1 more len=3 48656c", "data 0 fin len=2 6c6f");
    }

    @Test
    void rfc6455Section5_7PingAndPong() throws Exception {
        // 89 05 "Hello": unmasked ping; 8a 85 key masked "Hello": masked pong
        assertThat(decodeAll(client(), "890548656c6c6f")).containsExactly("ctl 9 48656c6c6f");
        assertThat(decodeAll(server(), "8a8537fa213d7f9f4d5158")).containsExactly("ctl 10 48656c6c6f");
    }

    @Test
    void rfc6455Section5_7SixteenBitLength256Bytes() throws Exception {
        // 82: FIN binary; 7e: length in the next 16 bits; 0100 = 256
        String payload = "ab".repeat(256);
        assertThat(decodeAll(client(), "827e0100" + payload)).containsExactly("data 2 fin len=256 " + payload);
    }

    @Test
    void rfc6455Section5_7SixtyFourBitLength64KiB() throws Exception {
        // 82: FIN binary; 7f: 64-bit length; 0000000000010000 = 65536
        String payload = "cd".repeat(65536);
        assertThat(decodeAll(client(), "827f0000000000010000" + payload)).containsExactly("data 2 fin len=65536 " + payload);
    }

    @Test
    void rfc6455Section5_2SixtyFourBitLengthWithMostSignificantBitFails1002() {
        // 82 7f, then a length whose top bit is set
        byte[] b = HEX.parseHex("827f8000000000000001");
        assertThatThrownBy(() -> client().decode(b, 0, b.length, new Recorder()))
                .isInstanceOf(WsProtocolError.class).hasMessageContaining("most significant bit")
                .extracting(e -> ((WsProtocolError) e).closeCode()).isEqualTo(1002);
    }

    @Test
    void rfc6455Section5_2FrameOverTheLimitFails1009BeforeItsPayload() {
        FrameDecoder d = new FrameDecoder(false, 1000);
        byte[] b = HEX.parseHex("827e03e9"); // binary, length 1001, no payload yet
        assertThatThrownBy(() -> d.decode(b, 0, b.length, new Recorder()))
                .extracting(e -> ((WsProtocolError) e).closeCode()).isEqualTo(1009);
    }

    @Test
    void rfc6455Section5_1ServerRejectsUnmaskedClientFrame1002() {
        byte[] b = HEX.parseHex("810548656c6c6f");
        assertThatThrownBy(() -> server().decode(b, 0, b.length, new Recorder()))
                .hasMessageContaining("not masked").extracting(e -> ((WsProtocolError) e).closeCode()).isEqualTo(1002);
    }

    @Test
    void rfc6455Section5_1ClientRejectsMaskedServerFrame1002() {
        byte[] b = HEX.parseHex("818537fa213d7f9f4d5158");
        assertThatThrownBy(() -> client().decode(b, 0, b.length, new Recorder()))
                .hasMessageContaining("masked").extracting(e -> ((WsProtocolError) e).closeCode()).isEqualTo(1002);
    }

    @Test
    void rfc6455Section5_2ReservedOpcodesFail1002() {
        for (int opcode : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            byte[] b = {(byte) (0x80 | opcode), 0};
            assertThatThrownBy(() -> client().decode(b, 0, b.length, new Recorder()))
                    .hasMessageContaining("reserved opcode " + opcode);
        }
    }

    @Test
    void rfc6455Section5_2ReservedBitsFail1002() {
        for (int rsv : new int[] {0x40, 0x20, 0x10, 0x70}) {
            byte[] b = {(byte) (0x81 | rsv), 0};
            assertThatThrownBy(() -> client().decode(b, 0, b.length, new Recorder())).isInstanceOf(WsProtocolError.class);
        }
    }

    @Test
    void rfc7692Section6Rsv1AllowedOnDataFramesOnceNegotiated() throws Exception {
        FrameDecoder d = client();
        d.allowRsv1();
        assertThat(decodeAll(d, "c10100")).containsExactly("data 1 fin rsv1 len=1 00");
        byte[] ping = HEX.parseHex("c900"); // RSV1 on a control frame stays forbidden
        assertThatThrownBy(() -> d.decode(ping, 0, ping.length, new Recorder())).hasMessageContaining("control frame");
    }

    @Test
    void rfc6455Section5_5ControlFrameOver125BytesFails1002() {
        byte[] b = HEX.parseHex("897e007e" + "00".repeat(126));
        assertThatThrownBy(() -> client().decode(b, 0, b.length, new Recorder())).hasMessageContaining("125");
    }

    @Test
    void rfc6455Section5_5FragmentedControlFrameFails1002() {
        byte[] b = HEX.parseHex("0900"); // ping without FIN
        assertThatThrownBy(() -> client().decode(b, 0, b.length, new Recorder())).hasMessageContaining("fragmented");
    }

    @Test
    void payloadIsStreamedInPiecesAsBytesArriveAndTheMaskContinuesAcrossPieces() throws Exception {
        byte[] frame = WsFrames.frame(true, false, WsFrames.BINARY, HEX.parseHex("0102030405060708090a0b"), 0, 11,
                true, 0x11223344);
        FrameDecoder d = server();
        Recorder r = new Recorder();
        byte[] pending = new byte[frame.length];
        int have = 0;
        for (byte b : frame) { // one byte at a time
            pending[have++] = b;
            int used = d.decode(pending, 0, have, r);
            System.arraycopy(pending, used, pending, 0, have - used);
            have -= used;
        }
        assertThat(have).isZero();
        assertThat(r.events).containsExactly("data 2 fin len=11 0102030405060708090a0b");
    }

    @Test
    void controlFrameWaitsUntilWhole() throws Exception {
        byte[] b = HEX.parseHex("890548656c6c"); // ping of 5, one byte missing
        Recorder r = new Recorder();
        assertThat(client().decode(b, 0, b.length, r)).isZero();
        assertThat(r.events).isEmpty();
    }

    @Test
    void rfc6455Section5_5_1NothingIsDecodedAfterClose() throws Exception {
        byte[] b = HEX.parseHex("880203e8" + "810548656c6c6f"); // close 1000, then text
        Recorder r = new Recorder();
        FrameDecoder d = client();
        assertThat(d.decode(b, 0, b.length, r)).isEqualTo(4);
        assertThat(d.sawClose()).isTrue();
        assertThat(r.events).containsExactly("ctl 8 03e8");
    }

    @Test
    void encoderUsesTheShortestLengthForm() {
        assertThat(WsFrames.frame(true, false, 2, new byte[125], 0, 125, false, 0)).hasSize(2 + 125);
        assertThat(WsFrames.frame(true, false, 2, new byte[126], 0, 126, false, 0)).hasSize(4 + 126);
        assertThat(WsFrames.frame(true, false, 2, new byte[65535], 0, 65535, false, 0)).hasSize(4 + 65535);
        assertThat(WsFrames.frame(true, false, 2, new byte[65536], 0, 65536, false, 0)).hasSize(10 + 65536);
        assertThat(WsFrames.frame(true, false, 1, "Hello".getBytes(), 0, 5, true, 0x37fa213d))
                .isEqualTo(HEX.parseHex("818537fa213d7f9f4d5158")); // RFC 6455 §5.7's masked example
    }

    @Test
    void maskingAtEveryKeyOffsetEqualsBytewiseXor() {
        int key = 0xA1B2C3D4;
        byte[] keyBytes = {(byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4};
        for (int start = 0; start < 4; start++) {
            for (int len = 0; len < 40; len++) {
                byte[] b = new byte[len + 3];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (i * 7);
                }
                byte[] expected = b.clone();
                for (int i = 0; i < len; i++) {
                    expected[1 + i] ^= keyBytes[(start + i) & 3];
                }
                int pos = WsFrames.mask(b, 1, len, key, start);
                assertThat(b).isEqualTo(expected);
                assertThat(pos).isEqualTo((start + len) & 3);
            }
        }
    }
}
