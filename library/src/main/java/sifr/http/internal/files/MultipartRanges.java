package sifr.http.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import sifr.http.BodyError;
import sifr.http.BodyStream;
import sifr.http.internal.ReadOnce;

/**
 * A {@code multipart/byteranges} body (RFC 9110 §14.6): for each range a delimiter, its
 * {@code Content-Type} and {@code Content-Range}, and the bytes, read from the file in chunks of at
 * most {@link #MAX_CHUNK} with positional reads; then the close delimiter. The length is known up front
 * (the response carries Content-Length). Owns the channel: closing the body closes it. Single consumer.
 */
public final class MultipartRanges implements BodyStream {
    static final int MAX_CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final FileChannel channel;
    private final List<byte[]> heads = new ArrayList<>();
    private final List<ByteRanges.Range> ranges;
    private final byte[] closing;
    private final long length;
    private final ReadOnce once = new ReadOnce();
    private int part; // the part being sent; ranges.size() once only the closing delimiter is left
    private boolean headSent;
    private long offset; // within the current range
    private boolean done;

    public MultipartRanges(FileChannel channel, List<ByteRanges.Range> ranges, String boundary, String contentType,
                           long size) {
        this.channel = channel;
        this.ranges = List.copyOf(ranges);
        long total = 0;
        for (int i = 0; i < this.ranges.size(); i++) {
            ByteRanges.Range r = this.ranges.get(i);
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\ncontent-type: " + contentType
                    + "\r\ncontent-range: bytes " + r.first() + "-" + r.last() + "/" + size + "\r\n\r\n";
            byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
            heads.add(bytes);
            total += bytes.length + r.length();
        }
        this.closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.length = total + closing.length;
    }

    /** {@code multipart/byteranges; boundary=B} for the response's Content-Type. */
    public static String contentType(String boundary) {
        return "multipart/byteranges; boundary=" + boundary;
    }

    @Override
    public byte[] readChunk() throws IOException {
        once.checkRead();
        if (done) {
            return once.chunk(END);
        }
        if (part == ranges.size()) {
            done = true;
            return closing;
        }
        if (!headSent) {
            headSent = true;
            return heads.get(part);
        }
        ByteRanges.Range r = ranges.get(part);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MAX_CHUNK, r.length() - offset));
        while (buf.hasRemaining()) {
            if (channel.read(buf, r.first() + offset + buf.position()) < 0) {
                throw new BodyError("file ended inside range " + r.first() + "-" + r.last());
            }
        }
        offset += buf.capacity();
        if (offset == r.length()) {
            part++;
            headSent = false;
            offset = 0;
        }
        return buf.array();
    }

    @Override
    public byte[] collectWithLimit(long limit) throws IOException {
        return once.collect(this, limit);
    }

    @Override
    public OptionalLong length() {
        return OptionalLong.of(length);
    }

    @Override
    public void close() throws IOException {
        done = true;
        channel.close();
    }
}
