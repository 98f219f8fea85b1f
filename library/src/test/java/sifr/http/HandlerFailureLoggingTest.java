package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.testing.CapturedLog;

/**
 * A handler that throws or returns null still gets the client a 500, and the failure is logged on
 * {@code sifr.http.server} at ERROR with method, target and the exception, over HTTP/1.1 and HTTP/2.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandlerFailureLoggingTest {


    private static final HttpHandler FAILING = request -> {
        if (request.path().startsWith("/null")) {
            return null;
        }
        if (request.path().startsWith("/error")) {
            throw new AssertionError("handler bug (an Error)");
        }
        throw new IllegalStateException("handler bug at " + request.path());
    };

    private static void failingHandlersAreLoggedOver(HttpClientOptions options) throws Exception {
        try (CapturedLog log = new CapturedLog("sifr.http.server");
                HttpServer server = HttpServer.start("127.0.0.1:0", FAILING)) {
            for (String target : List.of("/boom?x=1", "/null", "/error")) {
                try (HttpConnection connection = HttpConnection.open("http://" + server.localAddr(), options)) {
                    HttpResponse response = connection.send(Http.requestHead("GET", target, HeaderMap.empty()));
                    assertThat(response.status().code()).as(target).isEqualTo(500);
                    response.close();
                }
            }
            // only this test's records: a server of an earlier test class may still be winding down
            List<LogRecord> errors = log.records.stream().filter(r -> r.getLevel() == Level.SEVERE)
                    .filter(r -> r.getMessage().matches("handler failed for GET /(boom\\?x=1|null|error) .*")).toList();
            assertThat(errors).hasSize(3);
            assertThat(errors.get(0).getMessage()).contains("GET /boom?x=1");
            assertThat(errors.get(0).getThrown()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("handler bug at /boom?x=1");
            assertThat(errors.get(0).getThrown().getStackTrace()).isNotEmpty();
            assertThat(errors.get(1).getMessage()).contains("GET /null");
            assertThat(errors.get(1).getThrown()).hasMessage("handler returned null");
            assertThat(errors.get(2).getMessage()).contains("GET /error");
            assertThat(errors.get(2).getThrown()).isInstanceOf(AssertionError.class);
            assertThat(errors).allSatisfy(r -> assertThat(r.getLoggerName()).isEqualTo("sifr.http.server"));
        }
    }

    @Test
    void http1HandlerFailuresGet500AndAreLoggedAtError() throws Exception {
        failingHandlersAreLoggedOver(HttpClientOptions.defaults());
    }

    @Test
    void http2HandlerFailuresGet500AndAreLoggedAtError() throws Exception {
        failingHandlersAreLoggedOver(HttpClientOptions.builder().h2cPriorKnowledge(true).build());
    }
}
