package sifr.bench.load;

import java.nio.file.Path;

/**
 * The nginx configuration of one load run: one worker process (pinned with the master by the
 * runner's {@code taskset}), everything under a temporary prefix directory, no access log, one
 * listener on 127.0.0.1 for the workload (cleartext HTTP/1.1, h2c prior knowledge, or TLS 1.3),
 * {@code GET /} answering {@code Hello, World!} as text/plain like the Java peers, {@code GET /large}
 * the large file (sendfile), {@code GET /large-copy} the same without sendfile, {@code POST /upload} reading and discarding the body. For the static-file
 * workloads the server block is only {@code root <dir>} (index.html says {@code Hello, World!}): nginx's
 * defaults for files (sendfile, ETag, {@code if_modified_since exact}, no open_file_cache), or, for the
 * {@code nginx-cached} row, the same with {@code open_file_cache} on: open descriptors, sizes and mtimes
 * kept for 1,000 files and re-checked every 30 s — nginx's best case for a hot file set, comparable to
 * Sifr's resolution cache (re-checked every second by default).
 */
final class NginxConfig {
    private NginxConfig() {
    }

    /** {@link #render(Workload, int, Path, Tls, Path, Path, boolean)} without a static directory. */
    static String render(Workload workload, int port, Path prefix, Tls tls, Path largeFile) {
        return render(workload, port, prefix, tls, largeFile, null, false);
    }

    /**
     * @param prefix nginx's prefix directory (pid, error log, temp paths)
     * @param tls certificate and key in PEM, or null for cleartext
     * @param largeFile the file behind {@code /large}, or null
     * @param staticDir the directory served at {@code /} for the static-file workloads, or null
     * @param openFileCache with a static directory: turn nginx's {@code open_file_cache} on
     */
    static String render(Workload workload, int port, Path prefix, Tls tls, Path largeFile, Path staticDir,
            boolean openFileCache) {
        String listen = "127.0.0.1:" + port + switch (workload) {
            case H2C, H2_DOWNLOAD, H2_UPLOAD -> " http2"; // nginx 1.22: cleartext http2 = h2c prior knowledge only
            case HTTPS -> " ssl";
            case H2_TLS -> " ssl http2";
            default -> "";
        };
        StringBuilder conf = new StringBuilder();
        conf.append("worker_processes 1;\n")
                .append("daemon off;\n")
                .append("user root;\n")
                .append("pid ").append(prefix.resolve("nginx.pid")).append(";\n")
                .append("error_log ").append(prefix.resolve("error.log")).append(" warn;\n")
                .append("events { worker_connections 4096; }\n")
                .append("http {\n")
                .append("  access_log off;\n")
                .append("  sendfile on;\n")
                .append("  tcp_nodelay on;\n")
                .append("  keepalive_requests 100000000;\n")
                .append("  keepalive_timeout 75s;\n")
                .append("  http2_max_requests 100000000;\n")
                .append("  client_body_temp_path ").append(prefix.resolve("body")).append(";\n")
                .append("  proxy_temp_path ").append(prefix.resolve("proxy")).append(";\n")
                .append("  fastcgi_temp_path ").append(prefix.resolve("fastcgi")).append(";\n")
                .append("  uwsgi_temp_path ").append(prefix.resolve("uwsgi")).append(";\n")
                .append("  scgi_temp_path ").append(prefix.resolve("scgi")).append(";\n")
                .append("  server {\n")
                .append("    listen ").append(listen).append(";\n");
        if (tls != null) {
            conf.append("    ssl_certificate ").append(tls.certificate()).append(";\n")
                    .append("    ssl_certificate_key ").append(tls.key()).append(";\n")
                    .append("    ssl_protocols TLSv1.3;\n");
        }
        if (staticDir != null) {
            if (openFileCache) {
                conf.append("    open_file_cache max=1000 inactive=60s;\n")
                        .append("    open_file_cache_valid 30s;\n")
                        .append("    open_file_cache_min_uses 1;\n");
            }
            return conf.append("    root ").append(staticDir).append(";\n  }\n}\n").toString();
        }
        conf.append("    location = / { default_type text/plain; return 200 \"Hello, World!\"; }\n");
        if (largeFile != null) {
            conf.append("    location = /large { default_type application/octet-stream; alias ")
                    .append(largeFile).append("; }\n");
            // the copied row: read into nginx's output buffers and written, as an application's body would be
            conf.append("    location = /large-copy { default_type application/octet-stream; sendfile off; alias ")
                    .append(largeFile).append("; }\n");
        }
        // return reads and discards the request body (nginx must, to keep the connection)
        conf.append("    location = /upload { client_max_body_size 0; return 200 \"ok\"; }\n")
                .append("  }\n")
                .append("}\n");
        return conf.toString();
    }

    /** PEM files of the server certificate (chain) and its key. */
    record Tls(Path certificate, Path key) {
    }
}
