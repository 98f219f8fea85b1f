package sifr.http.internal.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sifr.http.internal.h2.Hex.bytes;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Frame-level rules of RFC 9113 §3.4, §4 and §6, byte by byte. Each fixture lists the frame header
 * fields (length, type, flags, stream id) and then the payload fields, one comment per field.
 */
class Http2ReaderTest {
    /** An empty SETTINGS frame: the preface every reader expects first. */
    static final String EMPTY_SETTINGS = "000000 04 00 00000000";

    private final RecordingHandler handler = new RecordingHandler();

    /** A client-side reader past the server's preface SETTINGS. */
    private Http2Reader client() throws Http2Error {
        return started(new Http2Reader(Http2Reader.Role.CLIENT, Http2Reader.Limits.DEFAULT));
    }

    private Http2Reader server() throws Http2Error {
        Http2Reader r = new Http2Reader(Http2Reader.Role.SERVER, Http2Reader.Limits.DEFAULT);
        byte[] preface = Http2Frames.preface();
        assertThat(r.read(preface, 0, preface.length, handler)).isEqualTo(24);
        return started(r);
    }

    private Http2Reader started(Http2Reader r) throws Http2Error {
        feed(r, EMPTY_SETTINGS);
        handler.events.clear();
        return r;
    }

    /** Feeds whole frames and checks they were all consumed. */
    private List<String> feed(Http2Reader r, String... lines) throws Http2Error {
        byte[] b = bytes(lines);
        assertThat(r.read(b, 0, b.length, handler)).isEqualTo(b.length);
        return handler.events;
    }

    private static void assertConnectionError(ThrowingCallable call, Http2ErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Http2Error.class, e -> {
            assertThat(e.isConnectionError()).isTrue();
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    // §3.4 connection preface

    @Test
    void serverReadsThePrefaceAndFirstSettingsInPieces() throws Http2Error {
        Http2Reader r = new Http2Reader(Http2Reader.Role.SERVER, Http2Reader.Limits.DEFAULT);
        byte[] all = bytes(Hex.hex(Http2Frames.preface()),
                "000006 04 00 00000000", // SETTINGS, 6 octets, no flags, stream 0
                "0003 00000064");        // MAX_CONCURRENT_STREAMS = 100
        int consumed = 0;
        for (int end = 1; end <= all.length; end++) { // one more byte at a time, as a slow peer sends
            consumed += r.read(all, consumed, end - consumed, handler);
        }
        assertThat(consumed).isEqualTo(all.length);
        assertThat(handler.events).containsExactly("SETTINGS Http2Settings{MAX_CONCURRENT_STREAMS=100}");
    }

    @Test
    void rejectsAnHttp1RequestInsteadOfThePreface() {
        Http2Reader r = new Http2Reader(Http2Reader.Role.SERVER, Http2Reader.Limits.DEFAULT);
        byte[] b = "GET / HTTP/1.1\r\n\r\n".getBytes();
        assertConnectionError(() -> r.read(b, 0, b.length, handler), Http2ErrorCode.PROTOCOL_ERROR, "preface");
    }

    @Test
    void rejectsAFirstFrameOtherThanSettings() {
        Http2Reader r = new Http2Reader(Http2Reader.Role.CLIENT, Http2Reader.Limits.DEFAULT);
        assertConnectionError(() -> feed(r, "000008 06 00 00000000", "0000000000000000"), // PING first
                Http2ErrorCode.PROTOCOL_ERROR, "must start with SETTINGS");
        Http2Reader r2 = new Http2Reader(Http2Reader.Role.CLIENT, Http2Reader.Limits.DEFAULT);
        assertConnectionError(() -> feed(r2, "000000 04 01 00000000"), // SETTINGS ACK first
                Http2ErrorCode.PROTOCOL_ERROR, "must start with SETTINGS");
    }

    // §4 frame format and size

    @Test
    void consumesOnlyWholeFrames() throws Http2Error {
        Http2Reader r = client();
        byte[] b = bytes("000005 00 01 00000001", // DATA, 5 octets, END_STREAM, stream 1
                "68656c6c6f",                     // "hello"
                "000005 00 00 00000003",          // a second frame header ...
                "6869");                          // ... with only 2 of its 5 payload octets
        assertThat(r.read(b, 0, b.length, handler)).isEqualTo(14);
        assertThat(handler.events).containsExactly("DATA 1 END_STREAM 'hello' fc=5");
    }

    @Test
    void rejectsAFrameLargerThanMaxFrameSizeFromItsHeaderAlone() throws Http2Error {
        Http2Reader r = client();
        // DATA of 16,385 octets on stream 1: only the 9-octet header has arrived
        assertConnectionError(() -> feed(r, "004001 00 00 00000001"), Http2ErrorCode.FRAME_SIZE_ERROR, "16385");
    }

    @Test
    void acceptsLargerFramesAfterMaxFrameSizeIsRaised() throws Http2Error {
        Http2Reader r = client();
        r.setMaxFrameSize(32768);
        byte[] b = new byte[9 + 16385];
        System.arraycopy(bytes("004001 00 00 00000001"), 0, b, 0, 9);
        assertThat(r.read(b, 0, b.length, handler)).isEqualTo(b.length);
        assertThat(handler.events).hasSize(1);
    }

    @Test
    void ignoresTheReservedStreamBitAndUnknownFrameTypes() throws Http2Error {
        Http2Reader r = client();
        assertThat(feed(r,
                "000002 fa 00 80000005", // type 0xfa (unknown), stream 5 with the reserved bit set
                "abcd",
                "000001 00 00 80000001", // DATA on stream 1 with the reserved bit set
                "78"))
                .containsExactly("UNKNOWN type=250 stream=5 len=2", "DATA 1 'x' fc=1");
    }

    // §6.1 DATA

    @Test
    void dataStripsPaddingButCountsItForFlowControl() throws Http2Error {
        assertThat(feed(client(),
                "000008 00 09 00000003", // DATA, 8 octets, END_STREAM|PADDED, stream 3
                "03",                    // pad length 3
                "61626364",              // "abcd"
                "000000"))               // padding
                .containsExactly("DATA 3 END_STREAM 'abcd' fc=8");
    }

    @Test
    void dataMayBeAllPadding() throws Http2Error {
        assertThat(feed(client(),
                "000003 00 08 00000001", // DATA, 3 octets, PADDED, stream 1
                "02",                    // pad length 2
                "0000"))                 // padding
                .containsExactly("DATA 1 '' fc=3");
    }

    @Test
    void dataOnStreamZeroIsAConnectionError() throws Http2Error {
        Http2Reader r = client();
        assertConnectionError(() -> feed(r, "000001 00 00 00000000", "78"), Http2ErrorCode.PROTOCOL_ERROR, "stream 0");
    }

    @Test
    void paddingAsLongAsThePayloadIsAConnectionError() throws Http2Error {
        Http2Reader r = client();
        assertConnectionError(() -> feed(r,
                "000003 00 08 00000001", // DATA, 3 octets, PADDED, stream 1
                "03 0000"),              // pad length 3 > 2 octets left
                Http2ErrorCode.PROTOCOL_ERROR, "padding exceeds");
        Http2Reader r2 = client();
        assertConnectionError(() -> feed(r2, "000000 00 08 00000001"), // PADDED but no Pad Length octet
                Http2ErrorCode.FRAME_SIZE_ERROR, "too short");
    }

    // §6.2 HEADERS, §6.10 CONTINUATION

    @Test
    void headersWithPaddingAndPriority() throws Http2Error {
        assertThat(feed(client(),
                "000009 01 2d 00000005", // HEADERS, 9 octets, END_STREAM|END_HEADERS|PADDED|PRIORITY, stream 5
                "02",                    // pad length 2
                "80000003",              // exclusive, depends on stream 3
                "0f",                    // weight 16
                "82",                    // field block: :method GET
                "0000"))                 // padding
                .containsExactly("PRIORITY 5 dep=3 exclusive weight=16", "HEADERS 5 END_STREAM block=82");
    }

    @Test
    void headersDependingOnThemselvesAreAStreamErrorButStillDelivered() throws Http2Error {
        assertThat(feed(client(),
                "000006 01 24 00000001", // HEADERS, 6 octets, END_HEADERS|PRIORITY, stream 1
                "00000001",              // depends on stream 1 (itself)
                "10",                    // weight 17
                "82"))                   // field block
                .containsExactly("STREAM_ERROR 1 PROTOCOL_ERROR: HTTP/2 stream depends on itself", "HEADERS 1 block=82");
    }

    @Test
    void headersSplitOverContinuationAreDeliveredAsOneBlock() throws Http2Error {
        Http2Reader r = client();
        assertThat(feed(r,
                "000002 01 01 00000001", // HEADERS, 2 octets, END_STREAM (no END_HEADERS), stream 1
                "8286",                  // first fragment
                "000000 09 00 00000001", // CONTINUATION, empty, stream 1
                "000001 09 04 00000001", // CONTINUATION, 1 octet, END_HEADERS, stream 1
                "84"))                   // last fragment
                .containsExactly("HEADERS 1 END_STREAM block=828684");
        assertThat(r.inHeaderBlock()).isFalse();
    }

    @Test
    void anyOtherFrameInsideAFieldBlockIsAConnectionError() throws Http2Error {
        Http2Reader r = client();
        assertConnectionError(() -> feed(r,
                "000001 01 00 00000001", "82", // HEADERS without END_HEADERS, stream 1
                "000001 00 00 00000001", "78"), // DATA on stream 1
                Http2ErrorCode.PROTOCOL_ERROR, "expected CONTINUATION on stream 1");
    }

    @Test
    void continuationOnAnotherStreamOrWithoutHeadersIsAConnectionError() throws Http2Error {
        Http2Reader r = client();
        assertConnectionError(() -> feed(r,
                "000001 01 00 00000001", "82", // HEADERS without END_HEADERS, stream 1
                "000001 09 04 00000003", "84"), // CONTINUATION on stream 3
                Http2ErrorCode.PROTOCOL_ERROR, "unexpected CONTINUATION frame on stream 3");
        Http2Reader r2 = client();
        assertConnectionError(() -> feed(r2, "000001 09 04 00000001", "84"),
                Http2ErrorCode.PROTOCOL_ERROR, "unexpected CONTINUATION");
    }

    @Test
    void boundsContinuationFramesIncludingEmptyOnes() throws Http2Error {
        Http2Reader r = startedClient(new Http2Reader.Limits(16384, 1 << 20, 3));
        assertConnectionError(() -> feed(r,
                "000001 01 00 00000001", "82", // HEADERS without END_HEADERS
                "000000 09 00 00000001",       // empty CONTINUATION ×4
                "000000 09 00 00000001",
                "000000 09 00 00000001",
                "000000 09 00 00000001"),
                Http2ErrorCode.ENHANCE_YOUR_CALM, "too many CONTINUATION");
    }

    @Test
    void boundsTheFieldBlockSize() throws Http2Error {
        Http2Reader r = startedClient(new Http2Reader.Limits(16384, 4, 10));
        assertConnectionError(() -> feed(r,
                "000003 01 00 00000001", "828684", // HEADERS, 3 octets
                "000002 09 04 00000001", "8788"),  // CONTINUATION, 2 more: 5 > 4
                Http2ErrorCode.ENHANCE_YOUR_CALM, "exceeds 4 octets");
        Http2Reader r2 = startedClient(new Http2Reader.Limits(16384, 4, 10));
        assertConnectionError(() -> feed(r2, "000005 01 04 00000001", "8286848788"),
                Http2ErrorCode.ENHANCE_YOUR_CALM, "exceeds 4 octets");
    }

    private Http2Reader startedClient(Http2Reader.Limits limits) throws Http2Error {
        return started(new Http2Reader(Http2Reader.Role.CLIENT, limits));
    }

    @Test
    void headersOnStreamZeroOrTooShortAreConnectionErrors() throws Http2Error {
        Http2Reader r = client();
        assertConnectionError(() -> feed(r, "000001 01 04 00000000", "82"), Http2ErrorCode.PROTOCOL_ERROR, "stream 0");
        Http2Reader r2 = client();
        // PRIORITY flag but only 4 octets: the 5 priority octets do not fit
        assertConnectionError(() -> feed(r2, "000004 01 24 00000001", "00000000"),
                Http2ErrorCode.FRAME_SIZE_ERROR, "too short");
    }

    // §6.3 PRIORITY

    @Test
    void priorityFramesAreParsedAndTheirSizeIsAStreamError() throws Http2Error {
        Http2Reader r = client();
        assertThat(feed(r,
                "000005 02 00 00000003", // PRIORITY, stream 3
                "00000001 ff",           // depends on 1, weight 256
                "000004 02 00 00000005", // PRIORITY of 4 octets, stream 5
                "00000001",
                "000001 00 00 00000001", "78")) // reading goes on
                .containsExactly("PRIORITY 3 dep=1 weight=256",
                        "STREAM_ERROR 5 FRAME_SIZE_ERROR: PRIORITY frame must be 5 octets", "DATA 1 'x' fc=1");
        assertConnectionError(() -> feed(client(), "000005 02 00 00000000", "0000000110"),
                Http2ErrorCode.PROTOCOL_ERROR, "stream 0");
    }

    // §6.4 RST_STREAM

    @Test
    void rstStreamCarriesAnyErrorCode() throws Http2Error {
        assertThat(feed(client(),
                "000004 03 00 00000001", "00000008",  // RST_STREAM stream 1, CANCEL
                "000004 03 00 00000003", "000000ff")) // unknown code 0xff
                .containsExactly("RST_STREAM 1 CANCEL", "RST_STREAM 3 0xff");
    }

    @Test
    void rstStreamOnStreamZeroOrOfTheWrongLengthIsAConnectionError() throws Http2Error {
        assertConnectionError(() -> feed(client(), "000004 03 00 00000000", "00000008"),
                Http2ErrorCode.PROTOCOL_ERROR, "stream 0");
        assertConnectionError(() -> feed(client(), "000003 03 00 00000001", "000008"),
                Http2ErrorCode.FRAME_SIZE_ERROR, "must be 4 octets");
    }

    // §6.5 SETTINGS

    @Test
    void settingsKeepKnownParametersAndIgnoreUnknownOnes() throws Http2Error {
        assertThat(feed(client(),
                "00001e 04 00 00000000", // SETTINGS, 30 octets, stream 0
                "0001 00001000",         // HEADER_TABLE_SIZE 4096
                "0004 00010000",         // INITIAL_WINDOW_SIZE 65536
                "0005 00004000",         // MAX_FRAME_SIZE 16384
                "00ff 12345678",         // unknown 0xff: ignored
                "0004 7fffffff",         // INITIAL_WINDOW_SIZE again: the last one wins
                "000000 04 01 00000000")) // SETTINGS ACK
                .containsExactly("SETTINGS Http2Settings{HEADER_TABLE_SIZE=4096, INITIAL_WINDOW_SIZE=2147483647, "
                        + "MAX_FRAME_SIZE=16384}", "SETTINGS ACK");
    }

    @Test
    void settingsFrameRules() throws Http2Error {
        assertConnectionError(() -> feed(client(), "000000 04 00 00000001"), Http2ErrorCode.PROTOCOL_ERROR, "stream 1");
        assertConnectionError(() -> feed(client(), "000006 04 01 00000000", "000100001000"),
                Http2ErrorCode.FRAME_SIZE_ERROR, "acknowledgement with a payload");
        assertConnectionError(() -> feed(client(), "000005 04 00 00000000", "0001000010"),
                Http2ErrorCode.FRAME_SIZE_ERROR, "multiple of 6");
    }

    @Test
    void settingsValuesOutOfRangeAreConnectionErrors() throws Http2Error {
        assertConnectionError(() -> feed(server(), "000006 04 00 00000000", "0002 00000002"), // ENABLE_PUSH 2
                Http2ErrorCode.PROTOCOL_ERROR, "ENABLE_PUSH");
        assertConnectionError(() -> feed(client(), "000006 04 00 00000000", "0002 00000001"), // server enables push
                Http2ErrorCode.PROTOCOL_ERROR, "must not enable push");
        assertConnectionError(() -> feed(client(), "000006 04 00 00000000", "0004 80000000"), // window 2^31
                Http2ErrorCode.FLOW_CONTROL_ERROR, "INITIAL_WINDOW_SIZE");
        assertConnectionError(() -> feed(client(), "000006 04 00 00000000", "0005 00003fff"), // frame size 16383
                Http2ErrorCode.PROTOCOL_ERROR, "MAX_FRAME_SIZE");
        assertConnectionError(() -> feed(client(), "000006 04 00 00000000", "0005 01000000"), // frame size 2^24
                Http2ErrorCode.PROTOCOL_ERROR, "MAX_FRAME_SIZE");
        assertConnectionError(() -> feed(client(), "000006 04 00 00000000", "0008 00000002"),
                Http2ErrorCode.PROTOCOL_ERROR, "ENABLE_CONNECT_PROTOCOL");
    }

    @Test
    void serverAcceptsClientEnablingPush() throws Http2Error {
        assertThat(feed(server(), "000006 04 00 00000000", "0002 00000001"))
                .containsExactly("SETTINGS Http2Settings{ENABLE_PUSH=1}");
    }

    // §6.6 PUSH_PROMISE

    @Test
    void clientReadsPushPromiseWithPadding() throws Http2Error {
        assertThat(feed(client(),
                "000008 05 0c 00000001", // PUSH_PROMISE, 8 octets, END_HEADERS|PADDED, stream 1
                "01",                    // pad length 1
                "00000002",              // promised stream 2
                "8284",                  // field block
                "00"))                   // padding
                .containsExactly("PUSH_PROMISE 1 promised=2 block=8284");
    }

    @Test
    void pushPromiseRules() throws Http2Error {
        assertConnectionError(() -> feed(server(), "000005 05 04 00000001", "00000002 82"),
                Http2ErrorCode.PROTOCOL_ERROR, "client must not send PUSH_PROMISE");
        assertConnectionError(() -> feed(client(), "000005 05 04 00000001", "00000003 82"), // odd promised id
                Http2ErrorCode.PROTOCOL_ERROR, "invalid stream 3");
        assertConnectionError(() -> feed(client(), "000005 05 04 00000000", "00000002 82"),
                Http2ErrorCode.PROTOCOL_ERROR, "stream 0");
    }

    // §6.7 PING

    @Test
    void pingRules() throws Http2Error {
        assertThat(feed(client(),
                "000008 06 00 00000000", "0102030405060708", // PING
                "000008 06 01 00000000", "ffffffffffffffff")) // PING ACK
                .containsExactly("PING 102030405060708", "PING ACK ffffffffffffffff");
        assertConnectionError(() -> feed(client(), "000007 06 00 00000000", "01020304050607"),
                Http2ErrorCode.FRAME_SIZE_ERROR, "must be 8 octets");
        assertConnectionError(() -> feed(client(), "000008 06 00 00000001", "0102030405060708"),
                Http2ErrorCode.PROTOCOL_ERROR, "stream 1");
    }

    // §6.8 GOAWAY

    @Test
    void goAwayRules() throws Http2Error {
        assertThat(feed(client(),
                "00000b 07 00 00000000", // GOAWAY, 11 octets
                "80000007",              // last stream 7 (reserved bit set: ignored)
                "0000000b",              // ENHANCE_YOUR_CALM
                "627965"))               // debug data "bye"
                .containsExactly("GOAWAY last=7 ENHANCE_YOUR_CALM 'bye'");
        assertConnectionError(() -> feed(client(), "000007 07 00 00000000", "00000000000000"),
                Http2ErrorCode.FRAME_SIZE_ERROR, "shorter than 8");
        assertConnectionError(() -> feed(client(), "000008 07 00 00000001", "0000000000000000"),
                Http2ErrorCode.PROTOCOL_ERROR, "stream 1");
    }

    // §6.9 WINDOW_UPDATE

    @Test
    void windowUpdateRules() throws Http2Error {
        Http2Reader r = client();
        assertThat(feed(r,
                "000004 08 00 00000000", "80000001", // connection window +1 (reserved bit ignored)
                "000004 08 00 00000003", "7fffffff", // stream 3 +2^31-1
                "000004 08 00 00000005", "00000000")) // increment 0 on a stream: stream error
                .containsExactly("WINDOW_UPDATE 0 +1", "WINDOW_UPDATE 3 +2147483647",
                        "STREAM_ERROR 5 PROTOCOL_ERROR: WINDOW_UPDATE with increment 0");
        assertConnectionError(() -> feed(client(), "000004 08 00 00000000", "00000000"),
                Http2ErrorCode.PROTOCOL_ERROR, "increment 0");
        assertConnectionError(() -> feed(client(), "000005 08 00 00000001", "0000000100"),
                Http2ErrorCode.FRAME_SIZE_ERROR, "must be 4 octets");
    }
}
