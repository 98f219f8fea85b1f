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
              serve     sifr serve [--port N] [--tls CERT KEY] [--echo] [DIR]
                        serves DIR's files over HTTP/1.1 (or HTTPS), or with --echo answers every
                        request with what the server parsed
              fetch     sifr fetch URL [-X METHOD] [-H 'name: value'] [-d DATA] [-o FILE] [--cacert PEM] [-i]
                        one HTTP/1.1 request; the body to stdout or FILE (progress bar for long downloads)
              version   prints the version
              help      prints this text

            From a checkout, ./sifr test runs the whole test suite.
            """;
}
