package sifr.bench.tcp;

import sifr.bench.servers.ServerArgs;

/**
 * The {@link EchoServers#sifr()} echo server in its own JVM, for {@code bench/run}'s TCP bulk row and
 * for counting its syscalls ({@code strace -c -f}) apart from the client: {@code <port>};
 * {@code -Dbench.echo.split=true} runs the split-halves variant.
 */
public final class SifrEchoServer {
    private SifrEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerArgs.port(args, SifrEchoServer.class.getName());
        EchoServers.Running server = EchoServers.sifr(port, Boolean.getBoolean("bench.echo.split"));
        ServerArgs.announce("sifr-echo", server.port());
        Thread.currentThread().join(); // serve until the process is stopped
    }
}
