package sifr.bench.router;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import sifr.bench.http1.SifrRouterHelloServer;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.HttpHandler;
import sifr.http.HttpRequest;
import sifr.http.HttpResponse;
import sifr.http.RequestHead;

/**
 * What the router adds to one request, in process: the load runs' 50-route table
 * ({@code SifrRouterHelloServer.fiftyRoutes()}) against the bare hello handler, both called with the
 * same parsed request. {@code bareDispatch} is the floor (building the response); {@code routerDispatch}
 * minus it is the routing cost per request, to set against the server's CPU time per request in the
 * load runs (docs/PERFORMANCE.md "Router overhead").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterDispatchBenchmark {
    /** The routed path with two wildcards, a literal route, and the deepest miss (404 after the walk). */
    @Param({"/api/v1/users/42/posts/7", "/health", "/api/v1/users/42/nothing"})
    public String path;

    private HttpHandler bare;
    private HttpHandler router;
    private HttpRequest request;

    @Setup
    public void setUp() {
        bare = SifrRouterHelloServer.bareHello();
        router = SifrRouterHelloServer.fiftyRoutes();
        RequestHead head = Http.requestHead("GET", path, HeaderMap.of("host", "127.0.0.1:8080", "user-agent", "wrk"));
        request = HttpRequest.of(head, BodyStream.empty());
    }

    @Benchmark
    public HttpResponse bareDispatch() throws Exception {
        return bare.handle(request);
    }

    @Benchmark
    public HttpResponse routerDispatch() throws Exception {
        return router.handle(request);
    }
}
