package sifr.bench.tcp;

import sifr.bench.servers.ServerArgs;

/** The {@link EchoServers#netty()} echo server in its own JVM (see {@link SifrEchoServer}): {@code <port>}. */
public final class NettyEchoServer {
    private NettyEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerArgs.port(args, NettyEchoServer.class.getName());
        EchoServers.Running server = EchoServers.netty(port);
        ServerArgs.announce("netty-echo", server.port());
        Thread.currentThread().join();
    }
}
