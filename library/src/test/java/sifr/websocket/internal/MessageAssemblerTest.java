package sifr.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.4 fragmentation, §5.5.1 close bodies, §8.1 UTF-8, RFC 7692 §6-7 compressed messages; limits. */
class MessageAssemblerTest {
    static class Recorder implements MessageAssembler.Events {
        final List<String> events = new ArrayList<>();

        @Override
        public void message(boolean text, byte[] data, boolean last) {
            events.add((text ? "text " : "binary ") + (last ? "" : "part ") + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void ping(byte[] payload) {
            events.add("ping " + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void pong(byte[] payload) {
            events.add("pong " + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void close(int code, String reason) {
            events.add("close " + code + " " + reason);
        }
    }

    private static final MessageAssembler.Limits LIMITS = new MessageAssembler.Limits(1000, 10, false);

    private static byte[] frame(boolean fin, int opcode, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return WsFrames.frame(fin, false, opcode, p, 0, p.length, false, 0);
    }

    private static byte[] frame(boolean fin, int opcode, byte[] p) {
        return WsFrames.frame(fin, false, opcode, p, 0, p.length, false, 0);
    }

    private static List<String> run(MessageAssembler.Limits limits, MessageInflater inflater, byte[]... frames)
            throws WsProtocolError {
        Recorder r = new Recorder();
        MessageAssembler a = new MessageAssembler(limits, inflater, r);
        FrameDecoder d = new FrameDecoder(false, 1 << 20);
        if (inflater != null) {
            d.allowRsv1();
        }
        for (byte[] f : frames) {
            assertThat(d.decode(f, 0, f.length, a)).isEqualTo(f.length);
        }
        return r.events;
    }

    private static int code(Throwable e) {
        return ((WsProtocolError) e).closeCode();
    }

    @Test
    void rfc6455Section5_4FragmentsMakeOneMessageWithControlFramesBetween() throws Exception {
        assertThat(run(LIMITS, null, frame(false, 1, "frag1"), frame(true, 9, "p"), frame(false, 0, "frag2"),
                frame(true, 0, "frag3"))).containsExactly("ping p", "text frag1frag2frag3");
    }

    @Test
    void rfc6455Section5_4ContinuationWithoutAMessageFails1002() {
        assertThatThrownBy(() -> run(LIMITS, null, frame(true, 0, "x"))).extracting(MessageAssemblerTest::code).isEqualTo(1002);
    }

    @Test
    void rfc6455Section5_4NewMessageInsideAFragmentedOneFails1002() {
        assertThatThrownBy(() -> run(LIMITS, null, frame(false, 1, "a"), frame(true, 1, "b")))
                .extracting(MessageAssemblerTest::code).isEqualTo(1002);
    }

    @Test
    void rfc6455Section8_1InvalidUtf8FailsAtTheFirstBadFragment1007() {
        byte[] bad = HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080"); // κόσμε then a surrogate
        assertThatThrownBy(() -> run(LIMITS, null, frame(false, 1, bad))).extracting(MessageAssemblerTest::code)
                .isEqualTo(1007); // the message has not ended: fail-fast
    }

    @Test
    void rfc6455Section8_1TextEndingInsideACharacterFails1007() {
        assertThatThrownBy(() -> run(LIMITS, null, frame(true, 1, HexFormat.of().parseHex("e282"))))
                .extracting(MessageAssemblerTest::code).isEqualTo(1007);
    }

    @Test
    void binaryIsNotCheckedAsUtf8() throws Exception {
        assertThat(run(LIMITS, null, frame(true, 2, HexFormat.of().parseHex("ff")))).hasSize(1);
    }

    @Test
    void messageSizeCountsEveryFragment1009() {
        byte[] half = new byte[600];
        assertThatThrownBy(() -> run(LIMITS, null, frame(false, 2, half), frame(true, 0, half)))
                .extracting(MessageAssemblerTest::code).isEqualTo(1009);
    }

    @Test
    void fragmentCountIsLimited1009() {
        byte[][] frames = new byte[12][];
        for (int i = 0; i < 11; i++) {
            frames[i] = frame(false, i == 0 ? 2 : 0, "x");
        }
        frames[11] = frame(true, 0, "x");
        assertThatThrownBy(() -> run(LIMITS, null, frames)).hasMessageContaining("more than 10 fragments")
                .extracting(MessageAssemblerTest::code).isEqualTo(1009);
    }

    @Test
    void fragmentModeHandsOnEachFrameCutAtCharacterBoundaries() throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // e2 82 ac, split 1 | 2
        MessageAssembler.Limits fragments = new MessageAssembler.Limits(1000, 10, true);
        assertThat(run(fragments, null, frame(false, 1, new byte[] {'a', euro[0]}), frame(true, 0, new byte[] {euro[1], euro[2]})))
                .containsExactly("text part a", "text €");
    }

    @Test
    void rfc6455Section5_5_1CloseBodies() throws Exception {
        assertThat(run(LIMITS, null, frame(true, 8, new byte[0]))).containsExactly("close 1005 ");
        assertThat(run(LIMITS, null, frame(true, 8, HexFormat.of().parseHex("03e8") ))).containsExactly("close 1000 ");
        assertThat(run(LIMITS, null, frame(true, 8, HexFormat.of().parseHex("0bb8" + "6f6b")))).containsExactly("close 3000 ok");
        assertThatThrownBy(() -> run(LIMITS, null, frame(true, 8, new byte[] {3})))
                .extracting(MessageAssemblerTest::code).isEqualTo(1002);
        for (int invalid : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            byte[] body = {(byte) (invalid >> 8), (byte) invalid};
            assertThatThrownBy(() -> run(LIMITS, null, frame(true, 8, body))).as("code %d", invalid)
                    .extracting(MessageAssemblerTest::code).isEqualTo(1002);
        }
        assertThatThrownBy(() -> run(LIMITS, null, frame(true, 8, HexFormat.of().parseHex("03e8eda080"))))
                .extracting(MessageAssemblerTest::code).isEqualTo(1007);
    }

    private static byte[] deflate(byte[] data) {
        return new MessageDeflater(true, Deflater.DEFAULT_COMPRESSION).compress(data, 0, data.length, true);
    }

    private static byte[] compressedFrame(boolean fin, boolean rsv1, int opcode, byte[] p) {
        return WsFrames.frame(fin, rsv1, opcode, p, 0, p.length, false, 0);
    }

    @Test
    void rfc7692Section7_2CompressedMessagesInflateAcrossFramesAndKeepContext() throws Exception {
        MessageDeflater sender = new MessageDeflater(true, Deflater.DEFAULT_COMPRESSION);
        byte[] first = "Hello, hello, hello".getBytes(StandardCharsets.UTF_8);
        byte[] c1 = sender.compress(first, 0, first.length, true);
        byte[] c2 = sender.compress(first, 0, first.length, true); // refers back into message 1's window
        byte[] a = java.util.Arrays.copyOfRange(c1, 0, 3);
        byte[] b = java.util.Arrays.copyOfRange(c1, 3, c1.length);
        assertThat(run(LIMITS, new MessageInflater(true), compressedFrame(false, true, 1, a), compressedFrame(true, false, 0, b),
                compressedFrame(true, true, 1, c2)))
                .containsExactly("text Hello, hello, hello", "text Hello, hello, hello");
    }

    @Test
    void rfc7692Section7_2_1ACompressorReleasedBetweenMessagesStaysReadableByAPeerKeepingContext() throws Exception {
        // A quiet connection frees its compressor even with context takeover; the next message starts a
        // fresh window, which the peer's inflater (still holding its window) must decode as usual.
        MessageDeflater sender = new MessageDeflater(true, Deflater.DEFAULT_COMPRESSION);
        byte[] text = "Hello, hello, hello".getBytes(StandardCharsets.UTF_8);
        byte[] c1 = sender.compress(text, 0, text.length, true);
        sender.release();
        byte[] c2 = sender.compress(text, 0, text.length, true);
        byte[] c3 = sender.compress(text, 0, text.length, true); // context again from message 2
        assertThat(c3.length).isLessThan(c2.length);
        assertThat(run(LIMITS, new MessageInflater(true), compressedFrame(true, true, 1, c1), compressedFrame(true, true, 1, c2),
                compressedFrame(true, true, 1, c3)))
                .containsExactly("text Hello, hello, hello", "text Hello, hello, hello", "text Hello, hello, hello");
    }

    @Test
    void rfc7692Section7_2_3_6EmptyCompressedMessage() throws Exception {
        assertThat(deflate(new byte[0])).containsExactly(0);
        assertThat(run(LIMITS, new MessageInflater(true), compressedFrame(true, true, 2, deflate(new byte[0])))).containsExactly("binary ");
    }

    @Test
    void rfc7692Section6_1Rsv1OnAContinuationFails1002() {
        byte[] c = deflate("abc".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> run(LIMITS, new MessageInflater(true), compressedFrame(false, true, 1, c),
                compressedFrame(true, true, 0, c))).extracting(MessageAssemblerTest::code).isEqualTo(1002);
    }

    @Test
    void decompressionBombFails1009WithoutInflatingPastTheLimit() {
        byte[] zeros = new byte[10 * 1024 * 1024];
        byte[] bomb = deflate(zeros); // about 10 KiB
        assertThat(bomb.length).isLessThan(20_000);
        assertThatThrownBy(() -> run(new MessageAssembler.Limits(1 << 20, 10, false), new MessageInflater(true),
                compressedFrame(true, true, 2, bomb))).extracting(MessageAssemblerTest::code).isEqualTo(1009);
    }

    @Test
    void garbageCompressedDataFails1007() {
        assertThatThrownBy(() -> run(LIMITS, new MessageInflater(true), compressedFrame(true, true, 2,
                HexFormat.of().parseHex("ffffffff")))).extracting(MessageAssemblerTest::code).isEqualTo(1007);
    }

    @Test
    void singleFrameMessageIsHandedOverWithoutACopy() throws Exception {
        List<byte[]> got = new ArrayList<>();
        MessageAssembler a = new MessageAssembler(LIMITS, null, new Recorder() {
            @Override
            public void message(boolean text, byte[] data, boolean last) {
                got.add(data);
            }
        });
        byte[] f = frame(true, 2, "12345");
        new FrameDecoder(false, 1 << 20).decode(f, 0, f.length, a);
        assertThat(got.get(0)).hasSize(5);
    }
}
