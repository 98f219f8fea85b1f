package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@link Router} served by {@link HttpServer} over HTTP/1.1 and HTTP/2: parameters, HEAD, 405. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterServerTest {

    private static Router router() {
        return Router.create()
                .handle("GET /items/{id}", request -> Responses.text(200, "item " + request.pathParam("id")
                        + " q=" + request.query().get("q").orElse("")))
                .handle("POST /items", request -> Responses.text(201, "created"));
    }

    private static void routesOver(HttpClientOptions options) throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", router());
                HttpConnection c = HttpConnection.open("http://" + server.localAddr(), options)) {
            HttpResponse get = c.send(Http.requestHead("GET", "/items/a%20b?q=1", HeaderMap.empty()));
            assertThat(get.status().code()).isEqualTo(200);
            assertThat(new String(get.body().collectWithLimit(1024), StandardCharsets.UTF_8)).isEqualTo("item a b q=1");
            HttpResponse head = c.send(Http.requestHead("HEAD", "/items/7", HeaderMap.empty()));
            assertThat(head.status().code()).isEqualTo(200);
            assertThat(head.body().collectWithLimit(1024)).isEmpty();
            HttpResponse delete = c.send(Http.requestHead("DELETE", "/items", HeaderMap.empty()));
            assertThat(delete.status().code()).isEqualTo(405);
            assertThat(delete.headers().get("allow")).contains("OPTIONS, POST");
            delete.close();
            HttpResponse missing = c.send(Http.requestHead("GET", "/nothing", HeaderMap.empty()));
            assertThat(missing.status().code()).isEqualTo(404);
            missing.close();
        }
    }

    @Test
    void http1RoutesWithParametersHeadAnd405() throws Exception {
        routesOver(HttpClientOptions.defaults());
    }

    @Test
    void http2RoutesWithParametersHeadAnd405() throws Exception {
        routesOver(HttpClientOptions.builder().h2cPriorKnowledge(true).build());
    }
}
