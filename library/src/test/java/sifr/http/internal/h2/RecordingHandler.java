package sifr.http.internal.h2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Logs every callback as one line, payloads as text (or hex where binary), for readable assertions. */
final class RecordingHandler implements Http2FrameHandler {
    final List<String> events = new ArrayList<>();

    static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void data(int streamId, boolean endStream, byte[] buf, int off, int len, int flowControlled) {
        events.add("DATA " + streamId + (endStream ? " END_STREAM" : "") + " '" + text(buf, off, len) + "' fc=" + flowControlled);
    }

    @Override
    public void headers(int streamId, boolean endStream, byte[] block, int off, int len) {
        events.add("HEADERS " + streamId + (endStream ? " END_STREAM" : "") + " block=" + HexFormat.of().formatHex(block, off, off + len));
    }

    @Override
    public void priority(int streamId, int dependency, boolean exclusive, int weight) {
        events.add("PRIORITY " + streamId + " dep=" + dependency + (exclusive ? " exclusive" : "") + " weight=" + weight);
    }

    @Override
    public void rstStream(int streamId, long errorCode) {
        events.add("RST_STREAM " + streamId + " " + Http2ErrorCode.describe(errorCode));
    }

    @Override
    public void settings(Http2Settings settings) {
        events.add("SETTINGS " + settings);
    }

    @Override
    public void settingsAck() {
        events.add("SETTINGS ACK");
    }

    @Override
    public void pushPromise(int streamId, int promisedStreamId, byte[] block, int off, int len) {
        events.add("PUSH_PROMISE " + streamId + " promised=" + promisedStreamId + " block=" + HexFormat.of().formatHex(block, off, off + len));
    }

    @Override
    public void ping(boolean ack, long payload) {
        events.add("PING" + (ack ? " ACK " : " ") + Long.toHexString(payload));
    }

    @Override
    public void goAway(int lastStreamId, long errorCode, byte[] debug, int off, int len) {
        events.add("GOAWAY last=" + lastStreamId + " " + Http2ErrorCode.describe(errorCode) + " '" + text(debug, off, len) + "'");
    }

    @Override
    public void windowUpdate(int streamId, int increment) {
        events.add("WINDOW_UPDATE " + streamId + " +" + increment);
    }

    @Override
    public void streamError(Http2Error error) {
        events.add("STREAM_ERROR " + error.streamId() + " " + error.code() + ": " + error.getMessage());
    }

    @Override
    public void unknownFrame(int type, int flags, int streamId, byte[] payload, int off, int len) {
        events.add("UNKNOWN type=" + type + " stream=" + streamId + " len=" + len);
    }
}
