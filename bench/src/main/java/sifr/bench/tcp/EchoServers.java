package sifr.bench.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.nio.ByteBuffer;
import sifr.bench.servers.NettyBoot;
import sifr.net.Net;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import sifr.net.TcpHalves;
import sifr.net.TcpListener;
import sifr.net.TcpReadHalf;
import sifr.net.TcpStream;
import sifr.net.TcpWriteHalf;

/** The two echo servers under test, each on a free loopback port of the benchmark JVM. */
final class EchoServers {
    private EchoServers() {
    }

    /** A running server: its port, and how to stop it. */
    interface Running extends AutoCloseable {
        int port();

        @Override
        void close() throws Exception;
    }

    /**
     * Sifr: a {@link TcpListener} and one virtual thread per connection that reads into a direct
     * buffer and writes it back (the seed's echo_server, looping until the client closes).
     */
    static Running sifr() throws Exception {
        return sifr(0);
    }

    /** {@link #sifr()} on {@code port} (0 = any free port). */
    static Running sifr(int port) throws Exception {
        return sifr(port, false);
    }

    /**
     * With {@code split}, each connection is {@link TcpStream#split() split}: one virtual thread reads
     * into up to {@link #SPLIT_BUFFERS} 64 KiB direct buffers while another writes the filled ones back,
     * so reading goes on while a write waits for the peer (Netty's loop does the same by queueing its
     * writes); memory stays bounded by those buffers. Without, the seed's loop: read, then write it all.
     */
    static Running sifr(int port, boolean split) throws Exception {
        TcpListener listener = Net.listenTcp("127.0.0.1:" + port);
        Thread acceptor = Thread.ofVirtual().name("sifr-echo-accept").start(() -> {
            try {
                while (true) {
                    TcpStream conn = listener.accept();
                    if (split) {
                        splitEcho(conn);
                    } else {
                        Thread.ofVirtual().name("sifr-echo").start(() -> echo(conn));
                    }
                }
            } catch (Exception closed) {
                // the listener was closed at tear-down
            }
        });
        return new Running() {
            @Override
            public int port() {
                return listener.localAddr().port();
            }

            @Override
            public void close() throws Exception {
                listener.close();
                acceptor.join();
            }
        };
    }

    /** Buffers in flight per connection of the split echo (16 x 64 KiB = 1 MiB, the benchmark's window). */
    static final int SPLIT_BUFFERS = 16;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private static void splitEcho(TcpStream conn) {
        TcpHalves halves = conn.split();
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(SPLIT_BUFFERS);
        BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(SPLIT_BUFFERS + 1);
        for (int i = 0; i < SPLIT_BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(64 * 1024));
        }
        Thread.ofVirtual().name("sifr-echo-read").start(() -> {
            try (TcpReadHalf in = halves.reader()) {
                while (true) {
                    ByteBuffer buf = free.take().clear();
                    if (in.read(buf) <= 0) {
                        break;
                    }
                    filled.put(buf.flip());
                }
            } catch (Exception e) {
                // client went away
            } finally {
                filled.offer(END);
            }
        });
        Thread.ofVirtual().name("sifr-echo-write").start(() -> {
            try (TcpWriteHalf out = halves.writer()) {
                for (ByteBuffer buf = filled.take(); buf != END; buf = filled.take()) {
                    out.writeAll(buf);
                    free.put(buf);
                }
            } catch (Exception e) {
                // client went away
            }
        });
    }

    private static void echo(TcpStream conn) {
        ByteBuffer buf = ByteBuffer.allocateDirect(Integer.getInteger("bench.echoBuffer", 64 * 1024));
        try (conn) {
            while (conn.read(buf.clear()) > 0) {
                conn.writeAll(buf.flip());
            }
        } catch (Exception e) {
            // client went away
        }
    }

    /**
     * Netty 4.2: native epoll transport, as many event loops as cores, Netty's own echo handler
     * pattern (write on read, flush once per read burst), pooled direct buffers (the default).
     */
    static Running netty() throws Exception {
        return netty(0);
    }

    /** {@link #netty()} on {@code port} (0 = any free port). */
    static Running netty(int port) throws Exception {
        EventLoopGroup group = NettyBoot.epollGroup();
        Channel server = NettyBoot.bind(group, port, pipeline -> pipeline.addLast(new NettyEcho()));
        return new Running() {
            @Override
            public int port() {
                return NettyBoot.port(server);
            }

            @Override
            public void close() throws Exception {
                server.close().sync();
                group.shutdownGracefully().sync();
            }
        };
    }

    @ChannelHandler.Sharable
    private static final class NettyEcho extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
