package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.url.Url;

/**
 * Redirects (RFC 9110 §15.4) against our server: which statuses are followed and how the method and
 * body change, the limit of 20, loop detection, credential fields dropped across origins, streamed
 * bodies not replayed, the policy, and the final URL on the response.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientRedirectTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** {@code /to/<status>/<path>} redirects with that status to {@code /<path>}; anything else echoes. */
    private HttpServer server(String otherOrigin) throws IOException {
        return HttpServer.start("127.0.0.1:0", r -> {
            byte[] body = r.body().collectWithLimit(1 << 20);
            seen.add(r.method() + " " + r.path() + " body=" + new String(body, StandardCharsets.UTF_8)
                    + " auth=" + r.headers().get("authorization").orElse("-")
                    + " cookie=" + r.headers().get("cookie").orElse("-")
                    + " type=" + r.headers().get("content-type").orElse("-"));
            String p = r.path();
            if (p.startsWith("/to/")) {
                String[] parts = p.split("/", 4);
                String location = parts[3].startsWith("other") ? otherOrigin + "/" + parts[3] : "/" + parts[3];
                return HttpResponse.of(Integer.parseInt(parts[2]), HeaderMap.of("location", location));
            }
            if (p.startsWith("/chain/")) {
                int n = Integer.parseInt(p.substring(7));
                return HttpResponse.of(302, HeaderMap.of("location", "/chain/" + (n + 1)));
            }
            if (p.equals("/loop-a")) {
                return HttpResponse.of(302, HeaderMap.of("location", "/loop-b"));
            }
            if (p.equals("/loop-b")) {
                return HttpResponse.of(302, HeaderMap.of("location", "/loop-a"));
            }
            return HttpResponse.of(200, HeaderMap.empty(), BodyStream.ofBytes(("at " + p).getBytes(StandardCharsets.UTF_8)));
        });
    }

    private static String read(HttpResponse r) throws IOException {
        try (r) {
            return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
        }
    }

    private static BodyStream form() {
        return BodyStream.ofBytes("a=1".getBytes(StandardCharsets.UTF_8));
    }

    private static final HeaderMap FORM = HeaderMap.of("content-type", "application/x-www-form-urlencoded");

    @Test
    void rfc9110Section15_4_2And15_4_3_301And302TurnAPostIntoAGetWithoutItsBody() throws Exception {
        try (HttpServer s = server(""); HttpClient client = HttpClient.create()) {
            for (String status : List.of("301", "302")) {
                seen.clear();
                HttpResponse r = client.send("POST", "http://" + s.localAddr() + "/to/" + status + "/done", FORM, form());
                assertThat(read(r)).isEqualTo("at /done");
                assertThat(r.url().path()).isEqualTo("/done");
                assertThat(seen.get(1)).startsWith("GET /done body= ").endsWith("type=-");
            }
        }
    }

    @Test
    void rfc9110Section15_4_4_303TurnsAnyMethodButHeadIntoAGet() throws Exception {
        try (HttpServer s = server(""); HttpClient client = HttpClient.create()) {
            client.send("PUT", "http://" + s.localAddr() + "/to/303/done", FORM, form()).close();
            assertThat(seen.get(1)).startsWith("GET /done body= ");
            seen.clear();
            client.send("HEAD", "http://" + s.localAddr() + "/to/303/done", HeaderMap.empty(), BodyStream.empty()).close();
            assertThat(seen.get(1)).startsWith("HEAD /done");
        }
    }

    @Test
    void rfc9110Section15_4_8And15_4_9_307And308KeepTheMethodAndTheBody() throws Exception {
        try (HttpServer s = server(""); HttpClient client = HttpClient.create()) {
            for (String status : List.of("307", "308")) {
                seen.clear();
                assertThat(read(client.send("POST", "http://" + s.localAddr() + "/to/" + status + "/done", FORM, form())))
                        .isEqualTo("at /done");
                assertThat(seen.get(1)).isEqualTo("POST /done body=a=1 auth=- cookie=- type=application/x-www-form-urlencoded");
            }
        }
    }

    @Test
    void a307WhoseStreamedBodyCannotBeSentAgainIsReturnedAsItIs() throws Exception {
        try (HttpServer s = server(""); HttpClient client = HttpClient.create()) {
            BodyStream streamed = BodyStream.ofInputStream(new ByteArrayInputStream(new byte[100_000]));
            HttpResponse r = client.send("POST", "http://" + s.localAddr() + "/to/307/done", HeaderMap.empty(), streamed);
            assertThat(r.status().code()).isEqualTo(307);
            assertThat(r.url().path()).isEqualTo("/to/307/done");
            r.close();
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void twentyRedirectsAreFollowedAndTheTwentyFirstFails() throws Exception {
        try (HttpServer s = server(""); HttpClient client = HttpClient.create()) {
            assertThatThrownBy(() -> client.get("http://" + s.localAddr() + "/chain/0"))
                    .isInstanceOf(HttpError.class).hasMessageStartingWith("too many redirects (more than 20)");
            assertThat(seen).hasSize(21);
        }
    }

    @Test
    void aRedirectLoopFailsAtOnce() throws Exception {
        try (HttpServer s = server(""); HttpClient client = HttpClient.create()) {
            assertThatThrownBy(() -> client.get("http://" + s.localAddr() + "/loop-a"))
                    .isInstanceOf(HttpError.class).hasMessageStartingWith("redirect loop: GET http://")
                    .hasMessageEndingWith("/loop-a was already requested");
            assertThat(seen).hasSize(2);
        }
    }

    @Test
    void credentialFieldsAreDroppedWhenTheRedirectChangesThePort() throws Exception {
        try (HttpServer other = server(""); HttpServer s = server("http://" + other.localAddr());
             HttpClient client = HttpClient.create()) {
            HeaderMap secret = HeaderMap.of("authorization", "Bearer t", "cookie", "c=1");
            client.send("GET", "http://" + s.localAddr() + "/to/302/same", secret, BodyStream.empty()).close();
            assertThat(seen.get(1)).isEqualTo("GET /same body= auth=Bearer t cookie=c=1 type=-");
            seen.clear();
            HttpResponse r = client.send("GET", "http://" + s.localAddr() + "/to/302/other", secret, BodyStream.empty());
            assertThat(read(r)).isEqualTo("at /other");
            assertThat(r.url().href()).isEqualTo("http://" + other.localAddr() + "/other");
            assertThat(seen.get(1)).isEqualTo("GET /other body= auth=- cookie=- type=-");
        }
    }

    @Test
    void redirectsNeverReturnsTheRedirectItself() throws Exception {
        try (HttpServer s = server("");
             HttpClient client = HttpClient.builder().redirects(Redirects.NEVER).build()) {
            HttpResponse r = client.get("http://" + s.localAddr() + "/to/301/done");
            assertThat(r.status().code()).isEqualTo(301);
            assertThat(r.headers().get("location")).contains("/done");
            r.close();
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void eachRedirectIsAnEvent() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpClient.Listener l = new HttpClient.Listener() {
            @Override
            public void redirect(HttpClient.Call call, int status, Url from, Url to) {
                events.add(status + " " + from.path() + " -> " + to.path());
            }
        };
        try (HttpServer s = server(""); HttpClient client = HttpClient.builder().listener(l).build()) {
            read(client.get("http://" + s.localAddr() + "/to/308/to/307/done"));
            assertThat(events).containsExactly("308 /to/308/to/307/done -> /to/307/done", "307 /to/307/done -> /done");
        }
    }
}
