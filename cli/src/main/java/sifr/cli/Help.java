package sifr.cli;

/** The text of {@code sifr help}. */
final class Help {
    private Help() {
    }

    static final String TEXT = """
            sifr — Sifr networking for Java

            usage: sifr <command> [arguments]

            commands:
              demo      a guided tour: runs the seed's examples for real, one line per step
              check     sifr check [--json] [--warn] [--allow NAME,...] PATH...
                        rejects legacy JDK networking APIs (java.net.Socket, javax.net.ssl,
                        java.net.URI, java.net.http, ...) in Java sources and names the sifr.*
                        replacement (SIFR-IMPORT-0008); exits 1 when it finds any
              serve     sifr serve [--port N] [--tls CERT KEY] [--echo] [--http1.1] [DIR]
                        serves DIR's files, or with --echo answers every request with what the
                        server parsed; one port speaks HTTP/1.1 and HTTP/2 (ALPN h2 with --tls;
                        h2c by prior knowledge or Upgrade without); --http1.1 turns HTTP/2 off
              fetch     sifr fetch URL [-X METHOD] [-H 'name: value'] [-d DATA] [-o FILE] [--cacert PEM] [-i]
                             [--http1.1 | --http2 | --http2-prior-knowledge]
                        one request; the body to stdout or FILE (progress bar for long downloads);
                        https offers h2 by ALPN unless --http1.1; on http, --http2 and
                        --http2-prior-knowledge speak h2c by prior knowledge (no Upgrade)
              version   prints the version
              help      prints this text

            From a checkout, ./sifr test runs the whole test suite.
            """;
}
