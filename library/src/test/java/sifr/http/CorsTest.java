package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Cors}: the Fetch standard's CORS protocol (section 3.2) as the server side sees it. */
class CorsTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final HttpHandler app = request -> {
        calls.incrementAndGet();
        return Responses.text(200, "ok");
    };

    private HttpResponse send(CorsOptions options, String method, String... headers) throws Exception {
        return Cors.middleware(options).wrap(app)
                .handle(HttpRequest.of(Http.requestHead(method, "/api", HeaderMap.of(headers)), BodyStream.empty()));
    }

    private static final CorsOptions APP = CorsOptions.builder().allowedOrigins(List.of("https://app.example"))
            .allowedMethods(List.of("GET", "PUT")).allowedHeaders(List.of("X-Token", "content-type"))
            .exposedHeaders(List.of("x-total")).allowCredentials(true).maxAge(Duration.ofMinutes(5)).build();

    @Test
    void fetchSection3_2_2PreflightIsAnsweredWithoutTheHandler() throws Exception {
        HttpResponse r = send(APP, "OPTIONS", "origin", "https://app.example", "access-control-request-method", "PUT",
                "access-control-request-headers", "x-token, Content-Type");
        assertThat(r.status().code()).isEqualTo(204);
        assertThat(calls).hasValue(0);
        assertThat(r.headers().get("access-control-allow-origin")).contains("https://app.example");
        assertThat(r.headers().get("access-control-allow-methods")).contains("GET, PUT");
        assertThat(r.headers().get("access-control-allow-headers")).contains("x-token, content-type");
        assertThat(r.headers().get("access-control-allow-credentials")).contains("true");
        assertThat(r.headers().get("access-control-max-age")).contains("300");
        assertThat(r.headers().get("vary")).hasValueSatisfying(v -> assertThat(v).contains("origin"));
    }

    @Test
    void fetchSection3_2_2PreflightForAnOriginMethodOrHeaderNotAllowedGets403WithoutCorsFields() throws Exception {
        for (String[] h : List.of(
                new String[] {"origin", "https://evil.example", "access-control-request-method", "PUT"},
                new String[] {"origin", "https://app.example", "access-control-request-method", "DELETE"},
                new String[] {"origin", "https://app.example", "access-control-request-method", "PUT",
                        "access-control-request-headers", "x-other"})) {
            HttpResponse r = send(APP, "OPTIONS", h);
            assertThat(r.status().code()).isEqualTo(403);
            assertThat(r.headers().contains("access-control-allow-origin")).isFalse();
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void fetchSection3_2_3ActualRequestFromAnAllowedOriginGetsAllowOriginCredentialsAndExpose() throws Exception {
        HttpResponse r = send(APP, "GET", "origin", "https://APP.example");
        assertThat(calls).hasValue(1);
        assertThat(r.headers().get("access-control-allow-origin")).contains("https://APP.example");
        assertThat(r.headers().get("access-control-allow-credentials")).contains("true");
        assertThat(r.headers().get("access-control-expose-headers")).contains("x-total");
        assertThat(r.headers().get("vary")).contains("origin");
    }

    @Test
    void fetchSection3_2_3OtherOriginsAndNonCorsRequestsPassWithoutCorsFields() throws Exception {
        HttpResponse other = send(APP, "GET", "origin", "https://evil.example");
        assertThat(other.status().code()).isEqualTo(200);
        assertThat(other.headers().contains("access-control-allow-origin")).isFalse();
        assertThat(other.headers().get("vary")).contains("origin");
        HttpResponse plain = send(APP, "GET");
        assertThat(plain.headers().contains("access-control-allow-origin")).isFalse();
        HttpResponse nullOrigin = send(APP, "GET", "origin", "null");
        assertThat(nullOrigin.headers().contains("access-control-allow-origin")).as("null only when listed").isFalse();
        assertThat(calls).hasValue(3);
    }

    @Test
    void fetchSection3_2_5AnyOriginWithoutCredentialsIsStarAndNeedsNoVary() throws Exception {
        CorsOptions any = CorsOptions.builder().allowedOrigins(List.of("*")).build();
        HttpResponse r = send(any, "GET", "origin", "https://whoever.example");
        assertThat(r.headers().get("access-control-allow-origin")).contains("*");
        assertThat(r.headers().contains("vary")).isFalse();
        assertThat(r.headers().contains("access-control-allow-credentials")).isFalse();
    }

    @Test
    void fetchSection3_2_5CredentialsCannotBeCombinedWithStar() {
        String msg = "CorsOptions.allowCredentials cannot be combined with * in allowedOrigins, allowedMethods or allowedHeaders";
        assertThatThrownBy(() -> CorsOptions.builder().allowedOrigins(List.of("*")).allowCredentials(true).build())
                .isInstanceOf(sifr.net.OptionError.class).hasMessage(msg);
        assertThatThrownBy(() -> CorsOptions.builder().allowedOrigins(List.of("https://a.example"))
                .allowedHeaders(List.of("*")).allowCredentials(true).build()).hasMessage(msg);
        assertThatThrownBy(() -> CorsOptions.builder().allowedOrigins(List.of("https://a.example/path")).build())
                .hasMessageContaining("not an origin");
        assertThatThrownBy(() -> CorsOptions.builder().maxAge(Duration.ofDays(2)).build())
                .hasMessageContaining("CorsOptions.maxAge must be in 0..24 hours");
        assertThat(CorsOptions.defaults().toBuilder().build()).isEqualTo(CorsOptions.defaults());
    }
}
