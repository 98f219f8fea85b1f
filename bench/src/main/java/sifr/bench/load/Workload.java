package sifr.bench.load;

/**
 * One kind of load, the tool that generates it, its key in {@code BENCH_WORKLOADS}, and whether its
 * figure is requests per second or a transfer rate (MiB/s, with server CPU per GiB).
 */
enum Workload {
    /** HTTP/1.1 keep-alive, one request in flight per connection: {@code wrk -t1 -c64}. */
    H1_PLAIN("HTTP/1.1", "wrk -t1 -c64", "plain", false),
    /** HTTP/1.1 with 16 requests written back to back per connection (a wrk Lua script). */
    H1_PIPELINED("HTTP/1.1 pipelined", "wrk -t1 -c64, depth 16", "pipelined", false),
    /** HTTP/2 cleartext with prior knowledge: 16 connections, 32 concurrent streams each. */
    H2C("h2c", "h2load -c16 -m32", "h2c", false),
    /** HTTP/1.1 keep-alive over TLS 1.3 (the load runner's own CA and certificate): {@code wrk -t1 -c64}. */
    HTTPS("HTTPS (TLS 1.3)", "wrk -t1 -c64 https", "https", false),
    /** HTTP/2 over TLS 1.3 (ALPN h2), the h2c row's load: {@code h2load -c16 -m32 https://...}. */
    H2_TLS("h2 (TLS 1.3)", "h2load -c16 -m32 https", "h2tls", false),
    /**
     * One large file over HTTP/1.1 (Content-Length), sent with sendfile by both servers (Sifr:
     * {@code BodyStream.ofFile}; nginx: {@code sendfile on}): {@code curl -o /dev/null}.
     */
    DOWNLOAD("HTTP/1.1 download", "curl GET, sendfile", "download", true),
    /**
     * The same file through user space: Sifr streams it as an application body
     * ({@code BodyStream.ofInputStream}, 64 KiB chunks), nginx reads and writes it ({@code sendfile off},
     * its default output buffers).
     */
    DOWNLOAD_COPY("HTTP/1.1 download, copied", "curl GET, no sendfile", "download-copy", true),
    /** One large request body over HTTP/1.1, read and discarded by the server: {@code curl -T}. */
    UPLOAD("HTTP/1.1 upload", "curl POST", "upload", true),
    /** The large file over h2c (prior knowledge), one stream: {@code curl --http2-prior-knowledge}. */
    H2_DOWNLOAD("h2c download", "curl --http2-prior-knowledge GET", "h2-download", true),
    /** A large request body over h2c, one stream, read and discarded by the server. */
    H2_UPLOAD("h2c upload", "curl --http2-prior-knowledge POST", "h2-upload", true),
    /** TCP echo, streaming 64 KiB writes one way and reading the echo ({@code sifr.bench.tcp.TcpBulkClient}). */
    TCP_BULK("TCP bulk echo", "TcpBulkClient, 64 KiB writes", "tcp", true),
    /** A 1 KiB static file, keep-alive: {@code wrk -t1 -c64 GET /small.bin} (Sifr: {@code StaticFiles}). */
    STATIC_SMALL("static file 1 KiB", "wrk -t1 -c64 GET /small.bin", "static-small", false),
    /** The same file revalidated: {@code If-None-Match} with the server's own ETag, answered 304. */
    STATIC_304("static file 304", "wrk -t1 -c64 If-None-Match", "static-304", false),
    /** The large file through the static handler: {@code curl GET /large.bin} (Sifr: sendfile). */
    STATIC_LARGE("static file large", "curl GET /large.bin", "static-large", true);

    final String label;
    final String tool;
    /** The name in {@code BENCH_WORKLOADS}. */
    final String key;
    /** True for transfer workloads: MiB/s and CPU seconds per GiB instead of req/s and µs per request. */
    final boolean bulk;

    Workload(String label, String tool, String key, boolean bulk) {
        this.label = label;
        this.tool = tool;
        this.key = key;
        this.bulk = bulk;
    }

    /** Plain HTTP/1.1 request workloads: the runner probes the server with a cleartext GET first. */
    boolean isHttp1() {
        return this == H1_PLAIN || this == H1_PIPELINED || this == DOWNLOAD || this == DOWNLOAD_COPY || this == UPLOAD
                || isStatic();
    }

    /** Over TLS 1.3 with the lab's certificate. */
    boolean isTls() {
        return this == HTTPS || this == H2_TLS;
    }

    /** HTTP/2 with prior knowledge on a cleartext port (nginx needs {@code listen ... http2}). */
    boolean isH2c() {
        return this == H2C || this == H2_DOWNLOAD || this == H2_UPLOAD;
    }

    /** A large body moved once over HTTP (the lab's large file), not the TCP echo. */
    boolean isLargeBody() {
        return this == DOWNLOAD || this == DOWNLOAD_COPY || this == UPLOAD || this == H2_DOWNLOAD || this == H2_UPLOAD;
    }

    /** Served from the lab's static directory ({@code StaticFiles} in Sifr, {@code root} in nginx). */
    boolean isStatic() {
        return this == STATIC_SMALL || this == STATIC_304 || this == STATIC_LARGE;
    }

    /** The workload named {@code key} in {@code BENCH_WORKLOADS}, or null. */
    static Workload byKey(String key) {
        for (Workload w : values()) {
            if (w.key.equals(key)) {
                return w;
            }
        }
        return null;
    }
}
