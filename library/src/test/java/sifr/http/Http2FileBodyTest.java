package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sifr.net.PinningRecorder;

/**
 * File bodies over HTTP/2: the server reads a {@code BodyStream.ofFile} or {@code ofFileRegion} body into
 * one reused array (not a fresh 64 KiB chunk per read), so these check that every byte still arrives in
 * order, for a size that is no multiple of the read size, for a region inside the file, and that a file
 * shorter than its region ends the stream with an error rather than short or padded data.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2FileBodyTest {
    private static final int SIZE = 1_000_003; // 15 reads of 64 KiB and a remainder

    @TempDir
    Path dir;

    private Path file;
    private byte[] content;

    private HttpServer serve(HttpHandler handler) throws IOException {
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        file = Files.write(dir.resolve("body.bin"), content);
        return HttpServer.start("127.0.0.1:0", handler);
    }

    private static HttpConnection h2c(HttpServer server) throws IOException {
        return HttpConnection.open("http://" + server.localAddr(), HttpClientOptions.builder().h2cPriorKnowledge(true).build());
    }

    @Test
    void aWholeFileArrivesByteForByte() throws Exception {
        try (HttpServer server = serve(request -> HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofFile(file)));
                HttpConnection client = h2c(server);
                HttpResponse r = client.send(Http.requestHead("GET", "/", HeaderMap.empty()))) {
            assertThat(r.version()).isEqualTo(Version.HTTP_2);
            assertThat(r.headers().get("content-length")).contains(Integer.toString(SIZE));
            assertThat(r.body().collectWithLimit(2 * SIZE)).isEqualTo(content);
        }
    }

    @Test
    void aRegionInsideTheFileArrivesAsThatSlice() throws Exception {
        try (HttpServer server = serve(request -> HttpResponse.of(206, HeaderMap.empty(),
                BodyStream.ofFileRegion(FileChannel.open(file, StandardOpenOption.READ), 70_001, 200_000)));
                HttpConnection client = h2c(server);
                HttpResponse r = client.send(Http.requestHead("GET", "/", HeaderMap.empty()))) {
            assertThat(r.status().code()).isEqualTo(206);
            assertThat(r.body().collectWithLimit(2 * SIZE)).isEqualTo(Arrays.copyOfRange(content, 70_001, 270_001));
        }
    }

    @Test
    void aFileShorterThanItsRegionFailsTheStreamAndOnlyIt() throws Exception {
        try (HttpServer server = serve(request -> HttpResponse.of(200, HeaderMap.empty(), request.path().equals("/short")
                ? BodyStream.ofFileRegion(FileChannel.open(file, StandardOpenOption.READ), 0, SIZE + 100)
                : BodyStream.ofFile(file)));
                HttpConnection client = h2c(server)) {
            assertThatThrownBy(() -> {
                try (HttpResponse r = client.send(Http.requestHead("GET", "/short", HeaderMap.empty()))) {
                    r.body().collectWithLimit(2 * SIZE);
                }
            }).isInstanceOf(IOException.class);
            // the same connection serves the next stream: only the failed one was reset
            try (HttpResponse again = client.send(Http.requestHead("GET", "/", HeaderMap.empty()))) {
                assertThat(again.body().collectWithLimit(2 * SIZE)).isEqualTo(content);
            }
        }
    }
}
