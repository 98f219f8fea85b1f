package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sifr.net.ByteStream;
import sifr.net.SocketAddr;
import sifr.testing.MemoryByteStreams;

/**
 * A file body keeps its zero-copy path through middleware that does not need its bytes: behind a
 * router with {@link AccessLogs} and {@link Compression}, a large file reaches the HTTP/1.1 transport as
 * a file body ({@link ByteStream#transferFrom}, sendfile on TCP) when Compression leaves it alone — a
 * type it does not compress, a range, a client that accepts no coding — and is read through the heap
 * only when it is compressed. The transport here counts the bytes each way takes.
 */
class FileBodyThroughMiddlewareTest {
    private static final int BIG = 300_000;

    @TempDir
    Path root;

    /** A server end that counts what is sent by {@code transferFrom} (the default: a bounded heap copy). */
    private static final class CountingStream implements ByteStream {
        private final ByteStream delegate;
        final AtomicLong transferred = new AtomicLong();

        CountingStream(ByteStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public long transferFrom(FileChannel file, long position, long count) throws IOException {
            long n = delegate.transferFrom(file, position, count);
            transferred.addAndGet(n);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public byte[] read(int maxBytes) throws IOException {
            return delegate.read(maxBytes);
        }

        @Override
        public int write(byte[] data) throws IOException {
            return delegate.write(data);
        }

        @Override
        public void writeAll(ByteBuffer src) throws IOException {
            delegate.writeAll(src);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void shutdownWrite() throws IOException {
            delegate.shutdownWrite();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public SocketAddr localAddr() {
            return delegate.localAddr();
        }

        @Override
        public SocketAddr remoteAddr() {
            return delegate.remoteAddr();
        }
    }

    @Test
    void aFileBodyCompressionLeavesAloneReachesTheTransportAsAFileBodyAndTheLogCountsIt() throws Exception {
        byte[] big = new byte[BIG];
        new Random(18).nextBytes(big);
        Files.write(root.resolve("video.bin"), big);
        Files.write(root.resolve("notes.txt"), big); // a compressible type, same bytes
        List<String> log = new CopyOnWriteArrayList<>();
        Router router = Router.create()
                .use(AccessLogs.middleware(AccessLogs.Format.COMMON, log::add), Compression.middleware())
                .mount("/files", StaticFiles.handler(root));
        try (MemoryByteStreams.Pair pair = MemoryByteStreams.pair()) {
            CountingStream server = new CountingStream(pair.server());
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    Http1.serve(server, router);
                } catch (IOException e) {
                    // the client closed the pair
                }
            });
            HttpConnection client = Http1.client(pair.client());

            long before = server.transferred.get();
            byte[] whole = fetch(client, "/files/video.bin", "accept-encoding", "gzip");
            assertThat(whole).isEqualTo(big);
            assertThat(transferredSince(server, before, BIG)).as("octets: not compressed, sent as a file").isEqualTo(BIG);

            before = server.transferred.get();
            byte[] part = fetch(client, "/files/notes.txt", "accept-encoding", "gzip", "range", "bytes=1000-200999");
            assertThat(part).isEqualTo(Arrays.copyOfRange(big, 1000, 201_000));
            assertThat(transferredSince(server, before, 200_000)).as("a range: never compressed").isEqualTo(200_000);

            before = server.transferred.get();
            assertThat(fetch(client, "/files/notes.txt")).isEqualTo(big);
            assertThat(transferredSince(server, before, BIG)).as("no Accept-Encoding: as it is").isEqualTo(BIG);

            before = server.transferred.get();
            try (HttpResponse r = client.send(Http.requestHead("GET", "/files/notes.txt",
                    HeaderMap.of("host", "x", "accept-encoding", "gzip")))) {
                assertThat(r.headers().get("content-encoding")).contains("gzip");
                r.body().collectWithLimit(2L * BIG);
            }
            assertThat(server.transferred.get() - before).as("compressed: read through the heap").isZero();
            client.close();
            serving.join(10_000);
        }
        assertThat(log).hasSize(4);
        assertThat(log.get(0)).endsWith("\"GET /files/video.bin HTTP/1.1\" 200 " + BIG);
        assertThat(log.get(1)).endsWith("\"GET /files/notes.txt HTTP/1.1\" 206 200000");
        assertThat(log.get(2)).endsWith("\"GET /files/notes.txt HTTP/1.1\" 200 " + BIG);
    }

    /**
     * The bytes sent by transferFrom since {@code before}, once they reach {@code expected} or after 5 s:
     * the server thread counts a transfer after the client may already have read its bytes.
     */
    private static long transferredSince(CountingStream server, long before, long expected) throws InterruptedException {
        for (int i = 0; i < 500 && server.transferred.get() - before < expected; i++) {
            Thread.sleep(10);
        }
        return server.transferred.get() - before;
    }

    private static byte[] fetch(HttpConnection client, String path, String... headers) throws IOException {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "host";
        all[headers.length + 1] = "x";
        try (HttpResponse r = client.send(Http.requestHead("GET", path, HeaderMap.of(all)))) {
            assertThat(r.headers().get("content-encoding")).isEmpty();
            return r.body().collectWithLimit(2L * BIG);
        }
    }
}
