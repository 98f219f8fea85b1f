package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.task.Task;
import sifr.task.TaskScope;
import sifr.testing.CapturedLog;

/**
 * {@link Problems} (RFC 9457), {@link RequestId} (a {@code ContextKey} that reaches tasks the handler
 * spawns, on both protocols) and {@link RouteTimeout} (a task deadline answered with 503).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProblemsAndRequestIdTest {

    private static HttpResponse call(HttpHandler h, String target, String... headers) throws Exception {
        return h.handle(HttpRequest.of(Http.requestHead("GET", target, HeaderMap.of(headers)), BodyStream.empty()));
    }

    private static String body(HttpResponse r) throws Exception {
        return new String(r.body().collectWithLimit(1 << 16), StandardCharsets.UTF_8);
    }

    @Test
    void rfc9457Section3ProblemDetailsForAThrowingHandlerAreA500LoggedOnceWithStackTrace() throws Exception {
        HttpHandler h = Problems.middleware().wrap(request -> {
            throw new IllegalStateException("database \"down\"");
        });
        try (CapturedLog log = new CapturedLog("sifr.http.server")) {
            HttpResponse r = call(h, "/boom?secret=1");
            assertThat(r.status().code()).isEqualTo(500);
            assertThat(r.headers().get("content-type")).contains("application/problem+json");
            assertThat(body(r)).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}\n");
            List<LogRecord> errors = log.records.stream().filter(x -> x.getMessage().contains("GET /boom")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getLevel()).isEqualTo(Level.SEVERE);
            assertThat(errors.get(0).getThrown()).hasMessage("database \"down\"");
            assertThat(errors.get(0).getThrown().getStackTrace()).isNotEmpty();
        }
    }

    @Test
    void rfc9457Section3_1ProblemErrorCarriesStatusAndEscapedDetail() throws Exception {
        HttpHandler h = Problems.middleware().wrap(request -> {
            throw new ProblemError(404, "no item \"42\"\n");
        });
        HttpResponse r = call(h, "/items/42");
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(body(r)).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no item \\\"42\\\"\\n\"}\n");
    }

    @Test
    void requestIdIsGeneratedOrTakenFromAPlausibleHeaderAndSentBack() throws Exception {
        HttpHandler h = RequestId.middleware().wrap(request -> Responses.text(200, RequestId.KEY.get()));
        HttpResponse fresh = call(h, "/");
        String id = body(fresh);
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(fresh.headers().get("x-request-id")).contains(id);
        assertThat(body(call(h, "/", "x-request-id", "edge-7:abc"))).isEqualTo("edge-7:abc");
        assertThat(body(call(h, "/", "x-request-id", "bad id with spaces"))).matches("[0-9a-f]{16}");
        HttpHandler untrusting = RequestId.middleware(false).wrap(request -> Responses.text(200, RequestId.KEY.get()));
        assertThat(body(call(untrusting, "/", "x-request-id", "edge-7"))).matches("[0-9a-f]{16}");
        assertThat(RequestId.KEY.get()).as("unbound after the request").isEqualTo("-");
    }

    @Test
    void requestIdInProblemBodies() throws Exception {
        HttpHandler h = Handlers.chain(request -> {
            throw new ProblemError(409, "taken");
        }, RequestId.middleware(), Problems.middleware());
        assertThat(body(call(h, "/", "x-request-id", "r1"))).contains("\"request_id\":\"r1\"");
    }

    /** The id a handler binds reaches a child task of a TaskScope, over a real server connection. */
    private static void requestIdReachesChildTasksOver(HttpClientOptions options) throws Exception {
        HttpHandler handler = RequestId.middleware().wrap(request -> {
            String seenByChild;
            try (TaskScope scope = Task.scope()) {
                var child = scope.spawn(() -> RequestId.KEY.get());
                seenByChild = child.join();
            }
            return Responses.text(200, RequestId.KEY.get() + "|" + seenByChild);
        });
        try (HttpServer server = HttpServer.start("127.0.0.1:0", handler);
                HttpConnection c = HttpConnection.open("http://" + server.localAddr(), options)) {
            for (int i = 0; i < 2; i++) {
                HttpResponse r = c.send(Http.requestHead("GET", "/", HeaderMap.of("x-request-id", "req-" + i)));
                assertThat(body(r)).isEqualTo("req-" + i + "|req-" + i);
            }
        }
    }

    @Test
    void requestIdContextKeyReachesChildTasksOverHttp1() throws Exception {
        requestIdReachesChildTasksOver(HttpClientOptions.defaults());
    }

    @Test
    void requestIdContextKeyReachesChildTasksOverHttp2() throws Exception {
        requestIdReachesChildTasksOver(HttpClientOptions.builder().h2cPriorKnowledge(true).build());
    }

    @Test
    void routeTimeoutEndsABlockedHandlerWith503() throws Exception {
        HttpHandler slow = request -> {
            Task.sleep(Duration.ofSeconds(20));
            return Responses.text(200, "late");
        };
        HttpHandler h = Handlers.chain(slow, RouteTimeout.of(Duration.ofMillis(50)));
        HttpResponse r = call(h, "/slow");
        assertThat(r.status().code()).isEqualTo(503);
        assertThat(body(r)).contains("\"status\":503").contains("longer than 50 ms");
        HttpHandler quick = Handlers.chain(request -> Responses.text(200, "fast"), RouteTimeout.of(Duration.ofSeconds(5)));
        assertThat(call(quick, "/").status().code()).isEqualTo(200);
        assertThat(Task.deadline()).as("deadline gone after the call").isEmpty();
    }
}
