package sifr.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import sifr.http.BodyError;
import sifr.http.HttpError;
import sifr.http.Method;
import sifr.http.RefusedStreamError;
import sifr.net.NetError;
import sifr.task.TimeoutError;

/** The retry rules as a pure function (RFC 9110 §9.2.2, RFC 9113 §8.7), case by case. */
class RetryRuleTest {
    private static String reason(Method m, IOException e, boolean reused, boolean started, boolean writeFailed,
            boolean replayable, int retries) {
        return RetryRule.retryReason(new RetryRule.Attempt(m, e, reused, started, writeFailed, false, replayable), retries, 3);
    }

    @Test
    void rfc9113Section8_7_aRefusedStreamIsRetriedWhateverTheMethod() {
        assertThat(reason(Method.POST, new RefusedStreamError("RST_STREAM REFUSED_STREAM"), true, false, false, true, 0))
                .contains("refused");
    }

    @Test
    void aStaleConnectionFoundOnWriteIsRetriedWhateverTheMethod() {
        assertThat(reason(Method.POST, new NetError("broken pipe"), true, false, true, true, 0)).startsWith("stale connection");
        assertThat(reason(Method.POST, new NetError("broken pipe"), false, false, true, true, 0)).isNull(); // a new connection
    }

    @Test
    void rfc9110Section9_2_2_onlyIdempotentMethodsAreRetriedAfterAConnectionFailure() {
        HttpError closed = new HttpError("connection closed before the response head");
        for (Method m : new Method[] {Method.GET, Method.HEAD, Method.PUT, Method.DELETE, Method.OPTIONS, Method.TRACE}) {
            assertThat(reason(m, closed, true, false, false, true, 0)).as("%s", m).isNotNull();
        }
        assertThat(reason(Method.POST, closed, true, false, false, true, 0)).isNull();
        assertThat(reason(Method.PATCH, closed, true, false, false, true, 0)).isNull();
    }

    @Test
    void nothingIsRetriedOnceAResponseByteArrived() {
        assertThat(reason(Method.GET, new HttpError("closed"), true, true, false, true, 0)).isNull();
    }

    @Test
    void timeoutsBodyErrorsAndUnreplayableBodiesAreNeverRetried() {
        assertThat(reason(Method.GET, new TimeoutError("TCP read timed out"), true, false, false, true, 0)).isNull();
        assertThat(reason(Method.GET, new BodyError("body exceeds limit"), true, false, false, true, 0)).isNull();
        assertThat(reason(Method.PUT, new RefusedStreamError("GOAWAY"), true, false, false, false, 0)).isNull();
        assertThat(RetryRule.retryReason(new RetryRule.Attempt(Method.GET, new NetError("x"), true, false, true, true, true),
                0, 3)).isNull(); // the body's own source failed
    }

    @Test
    void theRetryCountIsBounded() {
        assertThat(reason(Method.GET, new RefusedStreamError("x"), true, false, false, true, 2)).isNotNull();
        assertThat(reason(Method.GET, new RefusedStreamError("x"), true, false, false, true, 3)).isNull();
    }
}
