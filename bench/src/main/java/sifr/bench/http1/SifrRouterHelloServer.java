package sifr.bench.http1;

import java.nio.charset.StandardCharsets;
import sifr.bench.servers.ServerArgs;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpHandler;
import sifr.http.HttpResponse;
import sifr.http.HttpServer;
import sifr.http.Router;

/**
 * The router-overhead peer of {@link SifrHelloServer}: the same {@code Hello, World!} answer, but
 * through a {@link Router} with a 50-route table shaped like a REST API (literals, one- and
 * two-wildcard routes, a rest wildcard, several methods on one path), so a request pays for the path
 * split, the tree walk and a routed request copy. The load runs hit
 * {@code GET /api/v1/users/{uid}/posts/{pid}} (with {@code BENCH_PATH=/api/v1/users/42/posts/7}) and
 * {@code GET /} (the probe, and the default path).
 */
public final class SifrRouterHelloServer {
    private static final byte[] BODY = ServerArgs.HELLO.getBytes(StandardCharsets.US_ASCII);
    private static final HeaderMap HEADERS = HeaderMap.of("content-type", "text/plain");

    private SifrRouterHelloServer() {
    }

    /** The answer without a router: what {@code SifrHelloServer} does for {@code GET /}. */
    public static HttpHandler bareHello() {
        return request -> HttpResponse.of(200, HEADERS, BodyStream.ofBytes(BODY));
    }

    /** The 50 routes; every one answers hello; the measured route reads its two parameters. */
    public static Router fiftyRoutes() {
        HttpHandler hello = request -> HttpResponse.of(200, HEADERS, BodyStream.ofBytes(BODY));
        HttpHandler post = request -> {
            // a handler reads its parameters
            if (request.pathParam("uid").isEmpty() || request.pathParam("pid").isEmpty()) {
                throw new IllegalStateException("empty parameter");
            }
            return HttpResponse.of(200, HEADERS, BodyStream.ofBytes(BODY));
        };
        Router router = Router.create().handle("GET /{$}", hello).handle("GET /health", hello)
                .handle("GET /static/{path...}", hello);
        String[] resources = {"users", "orders", "products", "invoices", "teams", "projects", "tickets"};
        for (String r : resources) {
            router.handle("GET /api/v1/" + r, hello)
                    .handle("POST /api/v1/" + r, hello)
                    .handle("GET /api/v1/" + r + "/{id}", hello)
                    .handle("PUT /api/v1/" + r + "/{id}", hello)
                    .handle("DELETE /api/v1/" + r + "/{id}", hello)
                    .handle("GET /api/v1/" + r + "/{id}/history", hello);
        }
        router.handle("GET /api/v1/users/{uid}/posts", hello).handle("GET /api/v1/users/{uid}/posts/{pid}", post)
                .handle("POST /api/v1/users/{uid}/posts", hello).handle("GET /api/v2/search", hello)
                .handle("GET /api/v2/items/{id}", hello);
        return router;
    }

    public static void main(String[] args) throws Exception {
        int port = ServerArgs.port(args, SifrRouterHelloServer.class.getName());
        Router router = fiftyRoutes();
        if (router.handle(sifr.http.HttpRequest.of(sifr.http.Http.requestHead("GET", "/api/v1/users/1/posts/2",
                HeaderMap.empty()), BodyStream.empty())).status().code() != 200) {
            throw new IllegalStateException("the benchmark route does not match");
        }
        HttpServer server = HttpServer.start("127.0.0.1:" + port, router);
        ServerArgs.announce("sifr-router", server.localAddr().port());
        Thread.currentThread().join();
    }
}
