package sifr.bench.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The start-up every Netty peer shares (HTTP/1.1, h2c, the TCP echo benchmark): one epoll event loop
 * per core, backlog 1024, TCP_NODELAY, bound to 127.0.0.1; only the pipeline differs.
 */
public final class NettyBoot {
    private NettyBoot() {
    }

    /** A group of native epoll event loops, one per core. */
    public static EventLoopGroup epollGroup() {
        return new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), EpollIoHandler.newFactory());
    }

    /** Binds 127.0.0.1:{@code port} (0 = any free port); {@code pipeline} adds each connection's handlers. */
    public static Channel bind(EventLoopGroup group, int port, Consumer<ChannelPipeline> pipeline)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline.accept(ch.pipeline());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    /** The port a bound server channel listens on. */
    public static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * A peer server's {@code main}: parses {@code <port>} from {@code args}, binds, announces
     * {@code name} for the load runner and serves until the process ends.
     */
    static void serve(String name, String[] args, Class<?> mainClass, Consumer<ChannelPipeline> pipeline)
            throws InterruptedException {
        int port = ServerArgs.port(args, mainClass.getName());
        EventLoopGroup group = epollGroup();
        try {
            Channel server = bind(group, port, pipeline);
            ServerArgs.announce(name, port(server));
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
