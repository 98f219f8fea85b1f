package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sifr.http.internal.h2.Hex.bytes;
import static sifr.http.internal.h2.Hex.hex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sifr.http.internal.hpack.GrowableBytes;

class Http2WriterTest {
    private final Http2Writer writer = new Http2Writer();
    private final GrowableBytes out = new GrowableBytes();

    private String written() {
        return hex(out.toByteArray());
    }

    private static String expect(String... lines) {
        return hex(bytes(lines));
    }

    @Test
    void writesThePrefaceAndSettings() {
        Http2Writer.preface(out);
        Http2Writer.settings(out, Http2Settings.EMPTY
                .with(Http2Settings.MAX_CONCURRENT_STREAMS, 100)
                .with(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20));
        Http2Writer.settingsAck(out);
        assertThat(written()).isEqualTo(expect(
                "505249202a20485454502f322e300d0a0d0a534d0d0a0d0a", // PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n
                "00000c 04 00 00000000", // SETTINGS, 12 octets, stream 0
                "0003 00000064",         // MAX_CONCURRENT_STREAMS 100
                "0004 00100000",         // INITIAL_WINDOW_SIZE 1 MiB
                "000000 04 01 00000000")); // SETTINGS ACK
    }

    @Test
    void writesDataWithAndWithoutPadding() {
        byte[] hello = "hello".getBytes();
        writer.data(out, 1, false, hello, 0, 5);
        writer.data(out, 3, true, hello, 1, 2, 2);
        assertThat(written()).isEqualTo(expect(
                "000005 00 00 00000001", "68656c6c6f", // DATA stream 1 "hello"
                "000005 00 09 00000003",               // DATA, END_STREAM|PADDED, stream 3
                "02",                                  // pad length 2
                "656c",                                // "el"
                "0000"));                              // padding
    }

    @Test
    void splitsLargeFieldBlocksIntoContinuationFrames() {
        byte[] block = new byte[16384 * 2 + 10];
        writer.headers(out, 5, true, block, 0, block.length);
        byte[] b = out.toByteArray();
        // HEADERS: 16384 octets, END_STREAM only, stream 5
        assertThat(hex(java.util.Arrays.copyOfRange(b, 0, 9))).isEqualTo(expect("004000 01 01 00000005"));
        // CONTINUATION: 16384 octets, no flags, stream 5
        assertThat(hex(java.util.Arrays.copyOfRange(b, 9 + 16384, 18 + 16384))).isEqualTo(expect("004000 09 00 00000005"));
        // CONTINUATION: 10 octets, END_HEADERS
        assertThat(hex(java.util.Arrays.copyOfRange(b, 18 + 32768, 27 + 32768))).isEqualTo(expect("00000a 09 04 00000005"));
        assertThat(b).hasSize(27 + block.length);
    }

    @Test
    void writesTheControlFrames() {
        Http2Writer.priority(out, 3, 1, true, 256);
        Http2Writer.rstStream(out, 3, Http2ErrorCode.CANCEL);
        Http2Writer.ping(out, true, 0x0102030405060708L);
        writer.goAway(out, 7, Http2ErrorCode.NO_ERROR, "bye".getBytes());
        Http2Writer.windowUpdate(out, 0, 0x7fffffff);
        writer.pushPromise(out, 1, 2, new byte[] {(byte) 0x82}, 0, 1);
        assertThat(written()).isEqualTo(expect(
                "000005 02 00 00000003", "80000001", "ff", // PRIORITY: exclusive on 1, weight 256
                "000004 03 00 00000003", "00000008",       // RST_STREAM CANCEL
                "000008 06 01 00000000", "0102030405060708", // PING ACK
                "00000b 07 00 00000000", "00000007", "00000000", "627965", // GOAWAY last 7 NO_ERROR "bye"
                "000004 08 00 00000000", "7fffffff",       // WINDOW_UPDATE connection +2^31-1
                "000005 05 04 00000001", "00000002", "82")); // PUSH_PROMISE promised 2, END_HEADERS
    }

    @Test
    void refusesArgumentsThatWouldMakeInvalidFrames() {
        assertThatThrownBy(() -> writer.data(out, 0, false, new byte[1], 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.data(out, 1, false, new byte[16385], 0, 16385)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Http2Writer.windowUpdate(out, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Http2Writer.priority(out, 3, 3, false, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.pushPromise(out, 1, 3, new byte[0], 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.setMaxFrameSize(16383)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws Http2Error {
        Random random = new Random(9113);
        for (int round = 0; round < 60; round++) {
            GrowableBytes wire = new GrowableBytes();
            Http2Writer w = new Http2Writer();
            List<String> expected = new ArrayList<>();
            Http2Writer.settings(wire, Http2Settings.EMPTY.with(Http2Settings.HEADER_TABLE_SIZE, round));
            expected.add("SETTINGS Http2Settings{HEADER_TABLE_SIZE=" + round + "}");
            for (int i = 0; i < 20; i++) {
                int stream = 1 + 2 * random.nextInt(1000);
                switch (random.nextInt(6)) {
                    case 0 -> {
                        byte[] body = new byte[random.nextInt(100)];
                        for (int j = 0; j < body.length; j++) {
                            body[j] = (byte) ('a' + random.nextInt(26));
                        }
                        int pad = random.nextInt(3) - 1;
                        boolean end = random.nextBoolean();
                        w.data(wire, stream, end, body, 0, body.length, pad);
                        expected.add("DATA " + stream + (end ? " END_STREAM" : "") + " '" + new String(body) + "' fc=" + (body.length + (pad >= 0 ? 1 + pad : 0)));
                    }
                    case 1 -> {
                        byte[] block = new byte[random.nextInt(40000)];
                        random.nextBytes(block);
                        w.headers(wire, stream, true, block, 0, block.length);
                        expected.add("HEADERS " + stream + " END_STREAM block=" + hex(block));
                    }
                    case 2 -> {
                        long payload = random.nextLong();
                        Http2Writer.ping(wire, false, payload);
                        expected.add("PING " + Long.toHexString(payload));
                    }
                    case 3 -> {
                        int inc = 1 + random.nextInt(Integer.MAX_VALUE);
                        Http2Writer.windowUpdate(wire, stream, inc);
                        expected.add("WINDOW_UPDATE " + stream + " +" + inc);
                    }
                    case 4 -> {
                        Http2ErrorCode code = Http2ErrorCode.values()[random.nextInt(14)];
                        Http2Writer.rstStream(wire, stream, code);
                        expected.add("RST_STREAM " + stream + " " + code);
                    }
                    default -> {
                        Http2Writer.priority(wire, stream, stream + 2, false, 16);
                        expected.add("PRIORITY " + stream + " dep=" + (stream + 2) + " weight=16");
                    }
                }
            }
            RecordingHandler h = new RecordingHandler();
            Http2Reader reader = new Http2Reader(Http2Reader.Role.CLIENT, Http2Reader.Limits.DEFAULT);
            assertThat(reader.read(wire.array(), 0, wire.size(), h)).isEqualTo(wire.size());
            assertThat(h.events).isEqualTo(expected);
        }
    }
}
