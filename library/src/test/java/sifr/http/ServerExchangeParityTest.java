package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sifr.net.PinningRecorder;
import sifr.testing.CapturedLog;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * One exchange path for both protocols: the same handler gets the same status and the same header
 * fields over HTTP/1.1 and HTTP/2 (h2c prior knowledge and TLS with ALPN), whether it returns a 1xx,
 * throws an Exception or an Error, returns null, meets a body limit, or answers HEAD, 204 or 304. The
 * only field one protocol has and the other lacks is HTTP/1.1's own {@code connection}, which HTTP/2
 * forbids (RFC 9113 §8.2.2); it is left out of the comparison.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerExchangeParityTest {
    private static final TestPki.Cert ROOT = TestPki.root("Parity Root");
    private static final TestPki.Cert CERT = ROOT.issue(TestPki.spec("localhost").dns("localhost"));
    private static final int LIMIT = 1024;
    private static final String HANDLER_DATE = "Sun, 06 Nov 1994 08:49:37 GMT";
    /** Stands for a server-made {@code date} in expected fields: present, an IMF-fixdate, its value the clock's. */
    private static final String ANY_DATE = "<date>";

    static {
        sifr.task.Task.deadline(); // initialise sifr.task before concurrent TLS handshakes (see HttpServerProtocolsTest)
    }

    private static HttpServer cleartext;
    private static HttpServer tls;

    /** How the client reaches the server. */
    enum Protocol {
        HTTP_1_1, H2C_PRIOR_KNOWLEDGE, HTTPS_1_1, HTTPS_H2;

        HttpConnection connect() throws IOException {
            HttpClientOptions viaTls = HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem())).build();
            return switch (this) {
                case HTTP_1_1 -> HttpConnection.open("http://" + cleartext.localAddr());
                case H2C_PRIOR_KNOWLEDGE -> HttpConnection.open("http://" + cleartext.localAddr(),
                        HttpClientOptions.builder().h2cPriorKnowledge(true).build());
                case HTTPS_1_1 -> HttpConnection.open("https://localhost:" + tls.localAddr().port(), viaTls.toBuilder().offerH2(false).build());
                case HTTPS_H2 -> HttpConnection.open("https://localhost:" + tls.localAddr().port(), viaTls);
            };
        }

        Version version() {
            return this == HTTP_1_1 || this == HTTPS_1_1 ? Version.HTTP_1_1 : Version.HTTP_2;
        }
    }

    private static final HttpHandler HANDLER = request -> {
        String path = request.path();
        byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
        if (path.startsWith("/interim/")) {
            return HttpResponse.of(Integer.parseInt(path.substring(9)), HeaderMap.of("link", "</a.css>; rel=preload"));
        }
        return switch (path) {
            case "/throws-exception" -> throw new IOException("handler bug at " + path);
            case "/throws-error" -> throw new AssertionError("handler bug at " + path + " (an Error)");
            case "/returns-null" -> null;
            case "/reads-all" -> HttpResponse.of(200, HeaderMap.empty(),
                    BodyStream.ofBytes(request.body().collectWithLimit(1 << 20)));
            case "/reads-ten" -> HttpResponse.of(200, HeaderMap.empty(),
                    BodyStream.ofBytes(request.body().collectWithLimit(10)));
            case "/hello" -> HttpResponse.of(200, HeaderMap.of("content-type", "text/plain"),
                    BodyStream.ofBytes("hello".getBytes(StandardCharsets.US_ASCII)));
            case "/no-content" -> HttpResponse.of(204, HeaderMap.of("x-kind", "empty"), BodyStream.ofBytes(ok));
            case "/not-modified" -> HttpResponse.of(304, HeaderMap.of("etag", "\"v1\""), BodyStream.ofBytes(ok));
            case "/connection-specific" -> HttpResponse.of(200, HeaderMap.of("connection", "x-hop", "x-hop", "1",
                    "keep-alive", "timeout=5", "proxy-connection", "keep-alive", "transfer-encoding", "chunked",
                    "content-length", "99", "x-kept", "yes"), BodyStream.ofBytes(ok));
            case "/own-date" -> HttpResponse.of(200, HeaderMap.of("date", HANDLER_DATE), BodyStream.ofBytes(ok));
            default -> HttpResponse.of(404, HeaderMap.empty());
        };
    };

    @BeforeAll
    static void startServers() throws IOException {
        cleartext = HttpServer.start("127.0.0.1:0", HANDLER, HttpServerOptions.builder().maxRequestBodyBytes(LIMIT).build());
        tls = HttpServer.start("127.0.0.1:0", HANDLER, HttpServerOptions.builder().maxRequestBodyBytes(LIMIT)
                .tls(Tls.serverConfig(CERT.chainPem(), CERT.keyPem())).build());
    }

    @AfterAll
    static void stopServers() throws IOException {
        cleartext.close();
        tls.close();
    }

    /**
     * One case: the request, the status, fields and content every protocol must answer with, and
     * whether the server logs the handler's failure (once, at ERROR).
     */
    record Case(String rule, String method, String target, BodyStreamMaker body, int status,
                Map<String, List<String>> fields, boolean loggedAsError, String content) {
        Case(String rule, String method, String target, BodyStreamMaker body, int status,
                Map<String, List<String>> fields, boolean loggedAsError) {
            this(rule, method, target, body, status, fields, loggedAsError, "");
        }

        @Override
        public String toString() {
            return rule;
        }
    }

    /** A fresh request body for each protocol (a body is read once). */
    @FunctionalInterface
    interface BodyStreamMaker {
        BodyStream make();
    }

    private static final Map<String, List<String>> EMPTY_ANSWER = fields("content-length", "0", "date", ANY_DATE);

    static Stream<Case> cases() {
        BodyStreamMaker none = BodyStream::empty;
        BodyStreamMaker declaredOverLimit = () -> BodyStream.ofBytes(new byte[LIMIT + 1]);
        BodyStreamMaker streamedOverLimit = () -> BodyStream.ofInputStream(new ByteArrayInputStream(new byte[LIMIT * 3]));
        BodyStreamMaker hundred = () -> BodyStream.ofBytes(new byte[100]);
        return Stream.of(
                new Case("RFC 9110 §15.2: a handler's 100 is interim, not a final answer: 500", "GET", "/interim/100", none,
                        500, EMPTY_ANSWER, true),
                new Case("RFC 9110 §15.2: a handler's 101 without a protocol switch: 500", "GET", "/interim/101", none,
                        500, EMPTY_ANSWER, true),
                new Case("RFC 9110 §15.2: a handler's 103 as its final answer: 500", "GET", "/interim/103", none,
                        500, EMPTY_ANSWER, true),
                new Case("a handler that throws an Exception: 500, no details", "GET", "/throws-exception", none,
                        500, EMPTY_ANSWER, true),
                new Case("a handler that throws an Error: 500, the server lives on", "GET", "/throws-error", none,
                        500, EMPTY_ANSWER, true),
                new Case("a handler that returns null: 500", "GET", "/returns-null", none, 500, EMPTY_ANSWER, true),
                new Case("RFC 9110 §15.5.14: a declared body over the server's limit: 413 before the handler", "POST",
                        "/reads-all", declaredOverLimit, 413, EMPTY_ANSWER, false),
                new Case("RFC 9110 §15.5.14: a streamed body over the server's limit: 413", "POST", "/reads-all",
                        streamedOverLimit, 413, EMPTY_ANSWER, false),
                new Case("RFC 9110 §15.5.14: a body over the handler's own collectWithLimit: 413", "POST", "/reads-ten",
                        hundred, 413, EMPTY_ANSWER, false),
                new Case("RFC 9110 §9.3.2: HEAD gets GET's fields and length, no content", "HEAD", "/hello", none, 200,
                        fields("content-type", "text/plain", "content-length", "5", "date", ANY_DATE), false),
                new Case("RFC 9110 §15.3.5: a 204 has no content and no content-length", "GET", "/no-content", none,
                        204, fields("x-kind", "empty", "date", ANY_DATE), false),
                new Case("RFC 9110 §15.4.5: a 304 has no content", "GET", "/not-modified", none, 304,
                        fields("etag", "\"v1\"", "date", ANY_DATE), false),
                new Case("RFC 9110 §7.6.1, RFC 9113 §8.2.2: a handler's connection-specific fields are not sent",
                        "GET", "/connection-specific", none, 200,
                        fields("x-kept", "yes", "content-length", "2", "date", ANY_DATE), false, "ok"),
                new Case("RFC 9110 §6.6.1: a handler's own date is kept", "GET", "/own-date", none, 200,
                        fields("date", HANDLER_DATE, "content-length", "2"), false, "ok"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSameHandlerGetsTheSameAnswerOnEveryProtocol(Case c) throws Exception {
        for (Protocol protocol : Protocol.values()) {
            try (CapturedLog log = new CapturedLog("sifr.http.server");
                    HttpConnection connection = protocol.connect()) {
                assertThat(connection.version()).isEqualTo(protocol.version());
                HttpResponse response = connection.send(Http.requestHead(c.method(), c.target(), HeaderMap.empty()),
                        c.body().make());
                byte[] content = response.body().collectWithLimit(1 << 16);
                assertThat(response.status().code()).as(protocol + " status").isEqualTo(c.status());
                assertThat(comparable(response.headers())).as(protocol + " fields").isEqualTo(c.fields());
                assertThat(new String(content, StandardCharsets.US_ASCII)).as(protocol + " content").isEqualTo(c.content());
                List<LogRecord> errors = log.records.stream()
                        .filter(r -> r.getLevel() == Level.SEVERE && r.getMessage().contains(" " + c.target() + " "))
                        .toList();
                assertThat(errors).as(protocol + " ERROR records").hasSize(c.loggedAsError() ? 1 : 0);
            }
        }
    }

    /**
     * The fields as a sorted name → values map: without HTTP/1.1's own {@code connection}, and with a
     * server-made date (one that parses, not the handler's) shown as {@link #ANY_DATE}.
     */
    private static Map<String, List<String>> comparable(HeaderMap headers) {
        Map<String, List<String>> out = new TreeMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.nameAt(i).value();
            String value = headers.valueAt(i).value();
            if (name.equals("connection")) {
                continue;
            }
            if (name.equals("date") && !value.equals(HANDLER_DATE)) {
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(value); // a real IMF-fixdate
                value = ANY_DATE;
            }
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static Map<String, List<String>> fields(String... namesAndValues) {
        Map<String, List<String>> out = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return out;
    }
}
