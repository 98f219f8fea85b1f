package sifr.bench.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * A Netty TLS client and server ({@link SslHandler} over the JDK provider) joined by moving each
 * side's outbound bytes into the other's inbound, on the calling thread.
 */
final class NettyTlsPair {
    final EmbeddedChannel client;
    final EmbeddedChannel server;
    private final SslHandler clientHandler;
    private final SslHandler serverHandler;

    NettyTlsPair(SslContext clientContext, SslContext serverContext, int port) {
        clientHandler = clientContext.newHandler(ByteBufAllocator.DEFAULT, "localhost", port);
        serverHandler = serverContext.newHandler(ByteBufAllocator.DEFAULT);
        server = new EmbeddedChannel(serverHandler);
        client = new EmbeddedChannel(clientHandler);
    }

    /** Shuttles bytes until both handshakes are done; returns the negotiated protocol. */
    String handshake() {
        for (int i = 0; i < 1000; i++) {
            shuttle();
            if (clientHandler.handshakeFuture().isDone() && serverHandler.handshakeFuture().isDone()) {
                if (!clientHandler.handshakeFuture().isSuccess()) {
                    throw new IllegalStateException("Netty handshake failed", clientHandler.handshakeFuture().cause());
                }
                return clientHandler.engine().getSession().getProtocol();
            }
        }
        throw new IllegalStateException("Netty handshake did not finish");
    }

    /** Moves pending ciphertext both ways; returns true if anything moved. */
    boolean shuttle() {
        boolean moved = false;
        client.runPendingTasks();
        server.runPendingTasks();
        ByteBuf buf;
        while ((buf = client.readOutbound()) != null) {
            server.writeInbound(buf);
            moved = true;
        }
        while ((buf = server.readOutbound()) != null) {
            client.writeInbound(buf);
            moved = true;
        }
        return moved;
    }

    /** Reads and releases the server's decrypted inbound data; returns the byte count. */
    long drainServerInbound() {
        long total = 0;
        ByteBuf buf;
        while ((buf = server.readInbound()) != null) {
            total += buf.readableBytes();
            buf.release();
        }
        return total;
    }

    void close() {
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }
}
