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
              serve     sifr serve [--bind ADDR] [--port N] [--cert PEM --key PEM] [--h2c] [--http1.1]
                             [--no-list] [--echo] [--ws-echo] [DIR]
                        serves DIR's files (default: .; ranges, ETag/304, directory listings unless
                        --no-list, precompressed .br/.gz) on ADDR (default 127.0.0.1) port N (default
                        8080), one log line per request; or with --echo answers every request with
                        what the server parsed. Cleartext speaks HTTP/1.1, and h2c (prior knowledge,
                        Upgrade) with --h2c; with --cert/--key HTTP/2 and HTTP/1.1 by ALPN unless --http1.1;
                        --ws-echo also echoes WebSocket messages (up to 16 MiB) on any path
              fetch     sifr fetch URL [-X METHOD] [-H 'name: value'] [-d DATA] [-o FILE] [--cacert PEM] [-i]
                             [--http1.1 | --http2 | --http2-prior-knowledge]
                        one request; the body to stdout or FILE (progress bar for long downloads);
                        https offers h2 by ALPN unless --http1.1; on http, --http2 and
                        --http2-prior-knowledge speak h2c by prior knowledge (no Upgrade)
              ws        sifr ws URL [--cacert PEM] [-H 'name: value'] [--subprotocol P] [--deflate] [--http2 | --http1] [-x PROXY]
                        a WebSocket client (ws:// or wss://): sends each line of standard input as
                        a text message, prints each message received on its own line; closes at
                        the end of input. wss:// uses HTTP/2 (RFC 8441) when offered; --http2
                        requires it (h2c by prior knowledge on ws://), --http1 never uses it
              version   prints the version
              help      prints this text

            From a checkout, ./sifr test runs the whole test suite.
            """;
}
