package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Method, Status, Version and the heads. */
class PrimitivesTest {

    @Test
    void standardMethodsAreConstants() {
        assertThat(Method.of("GET")).isSameAs(Method.GET);
        assertThat(Method.of("PATCH")).isSameAs(Method.PATCH);
        byte[] wire = "xPOSTx".getBytes(StandardCharsets.US_ASCII);
        assertThat(Method.of(wire, 1, 4)).isSameAs(Method.POST);
    }

    @Test
    void methodsAreCaseSensitive() {
        assertThat(Method.of("get")).isNotEqualTo(Method.GET);
        assertThat(Method.of("get").value()).isEqualTo("get");
    }

    @Test
    void extensionMethodsSuchAsQueryAreAccepted() {
        assertThat(Http.requestHead("QUERY", "/search", HeaderMap.empty()).method()).isEqualTo(Method.QUERY);
        assertThat(Method.of("PROPFIND").value()).isEqualTo("PROPFIND");
    }

    @Test
    void methodMustBeAToken() {
        assertThatThrownBy(() -> Method.of("GE T")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid HTTP method: ");
        assertThatThrownBy(() -> Method.of("")).hasMessageStartingWith("invalid HTTP method: ");
    }

    @Test
    void statusMustBeBetween100And999() {
        assertThat(Status.of(100).code()).isEqualTo(100);
        assertThat(Status.of(999).code()).isEqualTo(999);
        for (int bad : new int[] {99, 1000, 0, -1}) {
            assertThatThrownBy(() -> Status.of(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid HTTP status");
            assertThatThrownBy(() -> Http.responseHead(bad, HeaderMap.empty(), "HTTP/1.1"))
                    .hasMessage("invalid HTTP status");
        }
    }

    @Test
    void statusHasReasonPhraseAndClass() {
        assertThat(Status.of(404).reasonPhrase()).isEqualTo("Not Found");
        assertThat(Status.of(404).kind()).isEqualTo(Status.Kind.CLIENT_ERROR);
        assertThat(Status.of(201)).isSameAs(Status.CREATED);
        assertThat(Status.of(103).isInformational()).isTrue();
        assertThat(Status.of(302).isRedirection()).isTrue();
        assertThat(Status.of(503).isServerError()).isTrue();
        assertThat(Status.of(799).reasonPhrase()).isEmpty();
        assertThat(Status.of(799).kind()).isEqualTo(Status.Kind.NONSTANDARD);
        assertThat(Status.OK).hasToString("200 OK");
    }

    @Test
    void bodyLimitsBelowOneAreRefusedInSifrsWords() {
        for (long limit : new long[] {0, -1}) {
            assertThatThrownBy(() -> Http.bodyFromBytes(new byte[0]).collectWithLimit(limit))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("HTTP body limit must be positive");
            assertThatThrownBy(() -> HttpServerOptions.builder().maxRequestBodyBytes(limit).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("HTTP body limit must be positive");
            assertThatThrownBy(() -> HttpClientOptions.builder().maxResponseBodyBytes(limit).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("HTTP body limit must be positive");
        }
    }

    @Test
    void versionsParseAndPrint() {
        assertThat(Version.of("HTTP/1.0")).isEqualTo(Version.HTTP_1_0);
        assertThat(Version.of("HTTP/1.1")).hasToString("HTTP/1.1");
        assertThat(Version.of("HTTP/2")).isEqualTo(Version.HTTP_2);
        assertThat(Version.of("HTTP/2.0")).isEqualTo(Version.HTTP_2);
        assertThat(Version.of("HTTP/3")).isEqualTo(Version.HTTP_3);
        assertThatThrownBy(() -> Version.of("HTTP/1.2")).hasMessage("invalid HTTP version"); // Sifr's exact text
    }

    @Test
    void requestHeadCarriesItsParts() {
        RequestHead head = Http.requestHead("POST", "/m4/http1", HeaderMap.of("host", "x"));
        assertThat(head.method()).isSameAs(Method.POST);
        assertThat(head.version()).isEqualTo(Version.HTTP_1_1);
        assertThat(head.headers().get("Host")).contains("x");
        assertThat(Http.requestHead("PATCH", "/", HeaderMap.empty(), "HTTP/2").version()).isEqualTo(Version.HTTP_2);
    }

    @Test
    void requestTargetMustBeVisibleAscii() {
        assertThatThrownBy(() -> Http.requestHead("GET", "/a b", HeaderMap.empty()))
                .hasMessageStartingWith("invalid request target: ");
        assertThatThrownBy(() -> Http.requestHead("GET", "", HeaderMap.empty()))
                .hasMessageStartingWith("invalid request target: ");
        assertThatThrownBy(() -> Http.requestHead("GET", "/\r\nx", HeaderMap.empty()))
                .hasMessageStartingWith("invalid request target: ");
    }

    @Test
    void responseHeadCarriesItsParts() {
        ResponseHead head = Http.responseHead(203, HeaderMap.empty(), "HTTP/2");
        assertThat(head.status().code()).isEqualTo(203);
        assertThat(head.version()).isEqualTo(Version.HTTP_2);
    }

    @Test
    void sensitiveValuesStayOutOfToString() {
        HeaderMap map = HeaderMap.builder().add(HeaderName.AUTHORIZATION, HeaderValue.sensitive("Bearer secret")).build();
        assertThat(map.toString()).doesNotContain("secret").contains("<sensitive>");
        assertThat(map.get("authorization")).contains("Bearer secret");
        assertThat(map.getValue("authorization").orElseThrow().isSensitive()).isTrue();
    }

    @Test
    void headerMapOperationsReturnNewMapsAndLeaveTheOriginal() {
        HeaderMap original = HeaderMap.of("a", "1");
        HeaderMap added = original.add("b", "2");
        assertThat(original.size()).isEqualTo(1);
        assertThat(added.size()).isEqualTo(2);
        assertThat(added.remove("A").toPairs()).containsExactly(java.util.Map.entry("b", "2"));
        assertThat(original.remove("missing")).isSameAs(original);
    }

    @Test
    void builderKeepsWorkingAfterBuild() {
        HeaderMap.Builder b = HeaderMap.builder().add("a", "1");
        HeaderMap first = b.build();
        b.add("b", "2");
        assertThat(first.size()).isEqualTo(1);
        assertThat(b.build().size()).isEqualTo(2);
    }

    @Test
    void headerMapHoldsOneThousandDistinctNamesWithWorkingLookups() {
        HeaderMap.Builder b = HeaderMap.builder();
        for (int i = 0; i < 1000; i++) {
            b.add("x-name-" + i, Integer.toString(i));
        }
        HeaderMap map = b.build();
        for (int i = 0; i < 1000; i++) {
            assertThat(map.get("X-NAME-" + i)).contains(Integer.toString(i));
        }
        assertThat(map.get("x-name-1000")).isEmpty();
    }

    @Test
    void headerMapOfNeedsPairs() {
        assertThatThrownBy(() -> HeaderMap.of("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bodyFromBytesIsReadOnceThenEnds() throws IOException {
        BodyStream body = Http.bodyFromBytes("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(body.length()).hasValue(3);
        assertThat(body.readChunk()).containsExactly('a', 'b', 'c');
        assertThat(body.readChunk()).isEmpty();
        assertThat(body.readChunk()).isEmpty();
    }

    @Test
    void bodyFromChunksSkipsEmptyChunks() throws IOException {
        BodyStream body = Http.bodyFromChunks(List.of(new byte[0], new byte[] {1}, new byte[0], new byte[] {2}));
        assertThat(body.readChunk()).containsExactly(1);
        assertThat(body.readChunk()).containsExactly(2);
        assertThat(body.readChunk()).isEmpty();
    }

    @Test
    void bodyFromInputStreamIsCollectedWithinItsLimit() throws IOException {
        byte[] data = new byte[40_000];
        data[39_999] = 7;
        assertThat(Http.bodyFromInputStream(new ByteArrayInputStream(data)).collectWithLimit(40_000)).isEqualTo(data);
        assertThatThrownBy(() -> Http.bodyFromInputStream(new ByteArrayInputStream(data)).collectWithLimit(39_999))
                .isInstanceOf(BodyError.class).hasMessageContaining("exceeds limit");
    }

    @Test
    void collectWithLimitAcceptsExactlyTheLimit() throws IOException {
        assertThat(Http.bodyFromChunks(List.of(new byte[] {1, 2}, new byte[] {3})).collectWithLimit(3)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> Http.bodyFromChunks(List.of(new byte[] {1, 2}, new byte[] {3})).collectWithLimit(2))
                .isInstanceOf(BodyError.class).hasMessage("body exceeds limit of 2 bytes");
    }

    @Test
    void bodyCarriesTrailers() throws IOException {
        BodyStream body = BodyStream.ofChunks(List.of(new byte[] {1}), HeaderMap.of("checksum", "abc"));
        body.collectWithLimit(10);
        assertThat(body.trailers().get("Checksum")).contains("abc");
    }

    @Test
    void bodyInputStreamViewReadsEverything() throws IOException {
        BodyStream body = Http.bodyFromChunks(List.of("ab".getBytes(StandardCharsets.US_ASCII), "c".getBytes(StandardCharsets.US_ASCII)));
        assertThat(body.inputStream().readAllBytes()).containsExactly('a', 'b', 'c');
    }
}
