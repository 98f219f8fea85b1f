package sifr.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A server the load runner starts: a main class of this module that takes a port and answers
 * {@code GET /} with {@code Hello, World!} (or, for {@link #NGINX}, nginx with a generated
 * configuration), the workloads it takes part in, and whether its figures are the baseline (the
 * Netty servers) that ratios are computed against.
 */
record ServerSpec(String name, String mainClass, Set<Workload> workloads, boolean baseline, boolean optional) {
    /** The class Sifr's own server is expected under; its rows are skipped while it does not exist. */
    static final String SIFR_MAIN = "sifr.bench.http1.SifrHelloServer";
    /** Not a class: nginx itself, one worker, configured by {@link NginxConfig}. */
    static final String NGINX = "nginx";
    /** nginx as {@link #NGINX}, with {@code open_file_cache} on for the static-file rows (see {@link NginxConfig}). */
    static final String NGINX_CACHED = "nginx+open_file_cache";
    static final Path NGINX_BINARY = Path.of("/usr/sbin/nginx");

    static List<ServerSpec> all() {
        return List.of(
                new ServerSpec("netty", "sifr.bench.servers.NettyHttp1Server",
                        EnumSet.of(Workload.H1_PLAIN, Workload.H1_PIPELINED, Workload.HTTPS), true, false),
                new ServerSpec("netty", "sifr.bench.servers.NettyH2cServer", EnumSet.of(Workload.H2C, Workload.H2_TLS),
                        true, false),
                new ServerSpec("netty", "sifr.bench.tcp.NettyEchoServer", EnumSet.of(Workload.TCP_BULK), true, false),
                new ServerSpec("helidon", "sifr.bench.servers.HelidonServer",
                        EnumSet.of(Workload.H1_PLAIN, Workload.H1_PIPELINED, Workload.H2C), false, false),
                new ServerSpec("sifr", SIFR_MAIN, EnumSet.of(Workload.H1_PLAIN, Workload.H1_PIPELINED, Workload.H2C,
                        Workload.HTTPS, Workload.H2_TLS, Workload.DOWNLOAD, Workload.DOWNLOAD_COPY, Workload.UPLOAD,
                        Workload.H2_DOWNLOAD, Workload.H2_UPLOAD, Workload.STATIC_SMALL, Workload.STATIC_304,
                        Workload.STATIC_LARGE), false, true),
                // the same answer through a 50-route Router: the router's cost (BENCH_SERVERS=sifr,sifr-router)
                new ServerSpec("sifr-router", "sifr.bench.http1.SifrRouterHelloServer",
                        EnumSet.of(Workload.H1_PLAIN, Workload.H1_PIPELINED), false, false),
                new ServerSpec("sifr", "sifr.bench.tcp.SifrEchoServer", EnumSet.of(Workload.TCP_BULK), false, false),
                // no h2-upload row: over h2 nginx's "return 200" answers after the first window and resets
                // the stream (RST_STREAM NO_ERROR) instead of reading the body (curl: exit 92)
                new ServerSpec("nginx", NGINX, EnumSet.of(Workload.H1_PLAIN, Workload.H1_PIPELINED, Workload.H2C,
                        Workload.HTTPS, Workload.H2_TLS, Workload.DOWNLOAD, Workload.DOWNLOAD_COPY, Workload.UPLOAD,
                        Workload.H2_DOWNLOAD, Workload.STATIC_SMALL, Workload.STATIC_304,
                        Workload.STATIC_LARGE), false, true),
                // nginx at its best for files: descriptors, sizes and mtimes cached (BENCH_SERVERS=sifr,nginx,nginx-cached)
                new ServerSpec("nginx-cached", NGINX_CACHED, EnumSet.of(Workload.STATIC_SMALL, Workload.STATIC_304,
                        Workload.STATIC_LARGE), false, false),
                // the floor: JDK virtual threads + blocking NIO, no parsing (how far Sifr is from the runtime)
                new ServerSpec("bare-vt", "sifr.bench.servers.BareVirtualThreadServer",
                        EnumSet.of(Workload.H1_PLAIN, Workload.H1_PIPELINED), false, false));
    }

    /** nginx rather than a Java main class. */
    boolean external() {
        return NGINX.equals(mainClass) || NGINX_CACHED.equals(mainClass);
    }

    boolean available() {
        if (external()) {
            return Files.isExecutable(NGINX_BINARY);
        }
        try {
            Class.forName(mainClass, false, ServerSpec.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
