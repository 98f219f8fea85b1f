package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StaticFiles} rule by rule, called directly (the transports are covered by StaticFilesOverNetworkTest). */
class StaticFilesTest {
    private static final Instant MTIME = Instant.parse("2026-01-02T03:04:05.678901Z");
    private static final String MTIME_DATE = "Fri, 02 Jan 2026 03:04:05 GMT";
    private static final byte[] DIGITS = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII); // 1000 bytes

    @TempDir
    Path root;
    private HttpHandler files;

    @BeforeEach
    void setUp() throws IOException {
        write("digits.txt", DIGITS);
        write("page.html", "<p>hi</p>".getBytes(StandardCharsets.UTF_8));
        write("app.js", "console.log(1)".getBytes(StandardCharsets.UTF_8));
        write("app.js.br", "BR".getBytes(StandardCharsets.UTF_8));
        write("app.js.gz", "GZ".getBytes(StandardCharsets.UTF_8));
        write("docs/index.html", "index".getBytes(StandardCharsets.UTF_8));
        write("list/b.txt", new byte[1]);
        write("list/a <&>.txt", new byte[1]);
        write("list/.secret", new byte[1]);
        Files.createDirectories(root.resolve("list/sub"));
        write(".env", "SECRET=1".getBytes(StandardCharsets.UTF_8));
        write("empty.bin", new byte[0]);
        files = StaticFiles.handler(root);
    }

    private void write(String name, byte[] data) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        Files.setLastModifiedTime(p, FileTime.from(MTIME));
    }

    private HttpResponse get(String path, String... headers) throws Exception {
        return send("GET", path, headers);
    }

    private HttpResponse send(String method, String path, String... headers) throws Exception {
        return files.handle(HttpRequest.of(Http.requestHead(method, path, HeaderMap.of(headers)), BodyStream.empty()));
    }

    private static String text(HttpResponse r) throws IOException {
        return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
    }

    private static String etagOf(long size) {
        return "\"" + Long.toHexString(MTIME.getEpochSecond() * 1_000_000 + MTIME.getNano() / 1000) + "-" + Long.toHexString(size) + "\"";
    }

    @Test
    void aFileIsServedWithItsTypeLengthValidatorsAndAcceptRanges() throws Exception {
        HttpResponse r = get("/digits.txt");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).contains("text/plain; charset=utf-8");
        assertThat(r.headers().get("accept-ranges")).contains("bytes");
        assertThat(r.headers().get("etag")).contains(etagOf(1000));
        assertThat(r.headers().get("last-modified")).contains(MTIME_DATE);
        assertThat(r.body().length()).hasValue(1000);
        assertThat(r.body().collectWithLimit(2000)).isEqualTo(DIGITS);
        assertThat(get("/page.html").headers().get("content-type")).contains("text/html; charset=utf-8");
        assertThat(get("/empty.bin").body().length()).hasValue(0);
    }

    @Test
    void rfc9110_9_3_2_headHasTheHeadersAndLengthOfGetWithoutTheBody() throws Exception {
        HttpResponse r = send("HEAD", "/digits.txt");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get("content-length")).contains("1000");
        assertThat(r.headers().get("etag")).contains(etagOf(1000));
        assertThat(r.body().length()).hasValue(0);
    }

    @Test
    void rfc9110_15_5_6_otherMethodsAre405WithAllow() throws Exception {
        for (String m : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
            HttpResponse r = send(m, "/digits.txt");
            assertThat(r.status().code()).as(m).isEqualTo(405);
            assertThat(r.headers().get("allow")).contains("GET, HEAD");
        }
    }

    @Test
    void rfc9110_14_2_singleRangeIs206WithContentRange() throws Exception {
        HttpResponse r = get("/digits.txt", "range", "bytes=10-19");
        assertThat(r.status().code()).isEqualTo(206);
        assertThat(r.headers().get("content-range")).contains("bytes 10-19/1000");
        assertThat(r.headers().get("content-type")).contains("text/plain; charset=utf-8");
        assertThat(text(r)).isEqualTo("0123456789");
        HttpResponse suffix = get("/digits.txt", "range", "bytes=-3");
        assertThat(suffix.headers().get("content-range")).contains("bytes 997-999/1000");
        assertThat(text(suffix)).isEqualTo("789");
    }

    @Test
    void rfc9110_14_6_multipleRangesAreMultipartByteranges() throws Exception {
        HttpResponse r = get("/digits.txt", "range", "bytes=500-504, 0-2");
        assertThat(r.status().code()).isEqualTo(206);
        String type = r.headers().get("content-type").orElseThrow();
        Matcher m = Pattern.compile("multipart/byteranges; boundary=([0-9a-f]+)").matcher(type);
        assertThat(m.matches()).as(type).isTrue();
        String b = m.group(1);
        long announced = r.body().length().orElseThrow();
        String body = text(r);
        assertThat(body).isEqualTo("--" + b + "\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-range: bytes 500-504/1000\r\n\r\n01234"
                + "\r\n--" + b + "\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-range: bytes 0-2/1000\r\n\r\n012"
                + "\r\n--" + b + "--\r\n");
        assertThat(body.length()).isEqualTo(announced);
        assertThat(r.headers().contains("content-range")).isFalse();
    }

    @Test
    void rfc9110_15_3_7_2_overlappingRangesCoalesceIntoOneSinglePart() throws Exception {
        HttpResponse r = get("/digits.txt", "range", "bytes=0-4,3-9");
        assertThat(r.status().code()).isEqualTo(206);
        assertThat(r.headers().get("content-range")).contains("bytes 0-9/1000");
        assertThat(text(r)).isEqualTo("0123456789");
    }

    @Test
    void rfc9110_15_5_17_unsatisfiableRangeIs416WithTheLength() throws Exception {
        HttpResponse r = get("/digits.txt", "range", "bytes=1000-");
        assertThat(r.status().code()).isEqualTo(416);
        assertThat(r.headers().get("content-range")).contains("bytes */1000");
    }

    @Test
    void rfc9110_14_2_invalidOrTooManyRangesAndRangeOnHeadAreServedWhole() throws Exception {
        assertThat(get("/digits.txt", "range", "bytes=9-1").status().code()).isEqualTo(200);
        assertThat(get("/digits.txt", "range", "lines=1-2").status().code()).isEqualTo(200);
        StringBuilder many = new StringBuilder("bytes=");
        for (int i = 0; i < 17; i++) {
            many.append(i * 50).append('-').append(i * 50).append(',');
        }
        HttpResponse whole = get("/digits.txt", "range", many.toString());
        assertThat(whole.status().code()).isEqualTo(200);
        assertThat(whole.body().length()).hasValue(1000);
        assertThat(send("HEAD", "/digits.txt", "range", "bytes=0-1").status().code()).isEqualTo(200);
        HttpResponse capped = StaticFiles.handler(root, StaticFilesOptions.builder().maxRanges(2).build())
                .handle(HttpRequest.of(Http.requestHead("GET", "/digits.txt", HeaderMap.of("range", "bytes=0-1,5-6,9-9")), BodyStream.empty()));
        assertThat(capped.status().code()).isEqualTo(200);
    }

    @Test
    void rfc9110_13_1_5_ifRangeDecidesBetweenThePartAndTheWhole() throws Exception {
        assertThat(get("/digits.txt", "range", "bytes=0-1", "if-range", etagOf(1000)).status().code()).isEqualTo(206);
        assertThat(get("/digits.txt", "range", "bytes=0-1", "if-range", MTIME_DATE).status().code()).isEqualTo(206);
        HttpResponse stale = get("/digits.txt", "range", "bytes=0-1", "if-range", "\"old\"");
        assertThat(stale.status().code()).isEqualTo(200);
        assertThat(stale.body().length()).hasValue(1000);
    }

    @Test
    void rfc9110_13_1_2_ifNoneMatchGives304WithTheEtagAndNoBody() throws Exception {
        HttpResponse r = get("/digits.txt", "if-none-match", etagOf(1000));
        assertThat(r.status().code()).isEqualTo(304);
        assertThat(r.headers().get("etag")).contains(etagOf(1000));
        assertThat(r.body().length()).hasValue(0);
        assertThat(send("HEAD", "/digits.txt", "if-none-match", "W/" + etagOf(1000)).status().code()).isEqualTo(304);
        assertThat(get("/digits.txt", "if-none-match", "\"other\"").status().code()).isEqualTo(200);
    }

    @Test
    void rfc9110_13_1_3_ifModifiedSinceGives304WhenNotNewer() throws Exception {
        assertThat(get("/digits.txt", "if-modified-since", MTIME_DATE).status().code()).isEqualTo(304);
        assertThat(get("/digits.txt", "if-modified-since", "Thu, 01 Jan 2026 00:00:00 GMT").status().code()).isEqualTo(200);
    }

    @Test
    void rfc9110_13_1_1_and_13_1_4_failedPreconditionsAre412() throws Exception {
        assertThat(get("/digits.txt", "if-match", "\"other\"").status().code()).isEqualTo(412);
        assertThat(get("/digits.txt", "if-match", etagOf(1000)).status().code()).isEqualTo(200);
        assertThat(get("/digits.txt", "if-unmodified-since", "Thu, 01 Jan 2026 00:00:00 GMT").status().code()).isEqualTo(412);
        // §13.2.2: If-Match is evaluated before If-None-Match and Range
        assertThat(get("/digits.txt", "if-match", "\"other\"", "if-none-match", etagOf(1000), "range", "bytes=0-1")
                .status().code()).isEqualTo(412);
    }

    @Test
    void aDirectoryWithoutTheSlashIs301KeepingTheQuery() throws Exception {
        HttpResponse r = get("/docs?lang=en&x=%20");
        assertThat(r.status().code()).isEqualTo(301);
        assertThat(r.headers().get("location")).contains("/docs/?lang=en&x=%20");
        assertThat(get("/list").headers().get("location")).contains("/list/");
    }

    @Test
    void aDirectoryIsServedByItsIndexFile() throws Exception {
        HttpResponse r = get("/docs/");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("index");
        assertThat(r.headers().get("content-type")).contains("text/html; charset=utf-8");
    }

    @Test
    void aDirectoryWithoutIndexIsListedSortedAndEscapedWithoutDotfiles() throws Exception {
        HttpResponse r = get("/list/");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).contains("text/html; charset=utf-8");
        String page = text(r);
        assertThat(page).contains("<a href=\"./a%20%3C&amp;%3E.txt\">a &lt;&amp;&gt;.txt</a>")
                .contains("<a href=\"./sub/\">sub/</a>").contains("<a href=\"../\">../</a>")
                .doesNotContain(".secret").doesNotContain("<&>");
        assertThat(page.indexOf("a &lt;")).isLessThan(page.indexOf("b.txt"));
        assertThat(page.indexOf("b.txt")).isLessThan(page.indexOf("sub/"));
    }

    @Test
    void listingCanBeTurnedOffAndIndexFilesChosen() throws Exception {
        HttpHandler noList = StaticFiles.handler(root, StaticFilesOptions.builder().listDirectories(false).build());
        assertThat(noList.handle(HttpRequest.of(Http.requestHead("GET", "/list/", HeaderMap.empty()), BodyStream.empty()))
                .status().code()).isEqualTo(404);
        HttpHandler otherIndex = StaticFiles.handler(root, StaticFilesOptions.builder().indexFiles(List.of("b.txt")).build());
        assertThat(otherIndex.handle(HttpRequest.of(Http.requestHead("GET", "/list/", HeaderMap.empty()), BodyStream.empty()))
                .body().length()).hasValue(1);
    }

    @Test
    void dotfilesAreHiddenByDefault() throws Exception {
        assertThat(get("/.env").status().code()).isEqualTo(404);
        assertThat(get("/list/.secret").status().code()).isEqualTo(404);
        assertThat(get("/list/%2esecret").status().code()).isEqualTo(404);
        HttpHandler shown = StaticFiles.handler(root, StaticFilesOptions.builder().showDotfiles(true).build());
        assertThat(shown.handle(HttpRequest.of(Http.requestHead("GET", "/.env", HeaderMap.empty()), BodyStream.empty()))
                .status().code()).isEqualTo(200);
    }

    @Test
    void badPathsAre400AndMissingOnes404NeverA500() throws Exception {
        for (String bad : List.of("/%00", "/digits.txt%00.html", "/%zz", "/%", "/..", "/../../etc/passwd", "/a%2F..%2F..%2Fetc",
                "/%C0%AE%C0%AE/", "/%0a")) {
            HttpResponse r = get(bad);
            assertThat(r.status().code()).as(bad).isEqualTo(400);
            assertThat(r.headers().get("content-type")).contains("text/plain; charset=utf-8");
        }
        for (String missing : List.of("/nope", "/digits.txt/", "/digits.txt/x", "/" + "x".repeat(300), "/" + "d/".repeat(200) + "x")) {
            assertThat(get(missing).status().code()).as(missing).isEqualTo(404);
        }
    }

    @Test
    void symlinksThatLeaveTheRootAre404AndThoseInsideAreFollowed(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(root.resolve("out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outdir"), outside);
        Files.createSymbolicLink(root.resolve("in.txt"), root.resolve("digits.txt"));
        Files.createSymbolicLink(root.resolve("toenv"), root.resolve(".env"));
        assertThat(get("/out.txt").status().code()).isEqualTo(404);
        assertThat(get("/outdir/secret.txt").status().code()).isEqualTo(404);
        assertThat(get("/outdir/").status().code()).isEqualTo(404);
        assertThat(get("/toenv").status().code()).isEqualTo(404);
        assertThat(get("/in.txt").body().length()).hasValue(1000);
    }

    @Test
    void rfc9110_12_5_3_precompressedSiblingsFollowAcceptEncoding() throws Exception {
        HttpResponse br = get("/app.js", "accept-encoding", "gzip, deflate, br");
        assertThat(text(br)).isEqualTo("BR");
        assertThat(br.headers().get("content-encoding")).contains("br");
        assertThat(br.headers().get("vary")).contains("accept-encoding");
        assertThat(br.headers().get("content-type")).contains("text/javascript; charset=utf-8");
        assertThat(br.headers().get("etag").orElseThrow()).endsWith("-br\"");
        HttpResponse gz = get("/app.js", "accept-encoding", "br;q=0.5, gzip");
        assertThat(text(gz)).isEqualTo("GZ");
        assertThat(gz.headers().get("content-encoding")).contains("gzip");
        HttpResponse identity = get("/app.js", "accept-encoding", "br;q=0, gzip;q=0");
        assertThat(text(identity)).isEqualTo("console.log(1)");
        assertThat(identity.headers().contains("content-encoding")).isFalse();
        assertThat(identity.headers().get("vary")).contains("accept-encoding");
        assertThat(text(get("/app.js"))).isEqualTo("console.log(1)");
        HttpHandler off = StaticFiles.handler(root, StaticFilesOptions.builder().precompressed(false).build());
        assertThat(text(off.handle(HttpRequest.of(Http.requestHead("GET", "/app.js", HeaderMap.of("accept-encoding", "br")),
                BodyStream.empty())))).isEqualTo("console.log(1)");
    }

    @Test
    void rfc9110_13_1_2_theSiblingHasItsOwnEtagSo304sDoNotCross() throws Exception {
        String identityTag = get("/app.js").headers().get("etag").orElseThrow();
        assertThat(get("/app.js", "accept-encoding", "br", "if-none-match", identityTag).status().code()).isEqualTo(200);
        String brTag = get("/app.js", "accept-encoding", "br").headers().get("etag").orElseThrow();
        HttpResponse r = get("/app.js", "accept-encoding", "br", "if-none-match", brTag);
        assertThat(r.status().code()).isEqualTo(304);
        assertThat(r.headers().get("vary")).contains("accept-encoding");
    }

    @Test
    void extraContentTypesOverrideTheTable() throws Exception {
        HttpHandler custom = StaticFiles.handler(root, StaticFilesOptions.builder().contentTypes(Map.of("txt", "text/x-digits")).build());
        assertThat(custom.handle(HttpRequest.of(Http.requestHead("GET", "/digits.txt", HeaderMap.empty()), BodyStream.empty()))
                .headers().get("content-type")).contains("text/x-digits");
    }

    @Test
    void aMissingRootOrAFileAsRootIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> StaticFiles.handler(root.resolve("missing"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("static files root does not exist");
        assertThatThrownBy(() -> StaticFiles.handler(root.resolve("digits.txt"))).isInstanceOf(NotDirectoryException.class)
                .hasMessageContaining("static files root is not a directory");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> StaticFilesOptions.builder().maxRanges(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max ranges must be between 1 and 1000");
        assertThatThrownBy(() -> StaticFilesOptions.builder().indexFiles(List.of("../x")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("index file name must be a plain file name");
        assertThatThrownBy(() -> StaticFilesOptions.builder().contentTypes(Map.of(".txt", "x")).build())
                .isInstanceOf(IllegalArgumentException.class);
        StaticFilesOptions o = StaticFilesOptions.builder().maxRanges(3).build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(StaticFilesOptions.defaults().maxRanges()).isEqualTo(16);
    }
}
