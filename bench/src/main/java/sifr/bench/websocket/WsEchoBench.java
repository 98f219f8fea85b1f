package sifr.bench.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import sifr.http.HttpServer;
import sifr.websocket.WebSocket;
import sifr.websocket.WebSocketListener;
import sifr.websocket.WebSocketMessage;
import sifr.websocket.WebSocketOptions;

/**
 * WebSocket echo, side by side in one run: Sifr's server ({@code HttpServer} + {@code WebSocket.upgrade}),
 * Netty 4.2's ({@code WebSocketServerProtocolHandler}, NIO, one event loop per core) and Jetty 12's core
 * WebSocket, all in this JVM, driven by one client (Sifr's, the same for all): {@code connections}
 * connections, each sending a binary message and waiting for its echo, for 16 B, 1 KiB and 64 KiB
 * messages. No compression. Usage: {@code [seconds per row] [connections] [rounds] [servers] [sizes]}
 * (default 5 64 3 sifr,netty,jetty 16,1024,65536; naming fewer is for profiling one alone; {@code sifr-listener}
 * is Sifr's server with a {@code WebSocketListener} instead of the handler looping on {@code receive});
 * prints echoes per second per round and the median, and each server's ratio to Netty.
 */
public final class WsEchoBench {
    private static int[] SIZES = {16, 1024, 64 * 1024};
    private static final WebSocketOptions OPTIONS = WebSocketOptions.builder().maxQueuedMessages(4).build();
    /** The echo as callbacks: no thread while a connection waits. */
    static final WebSocketListener ECHO = new WebSocketListener() {
        @Override
        public void onMessage(WebSocket ws, WebSocketMessage m) throws IOException {
            ws.send(m);
        }
    };

    private WsEchoBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String[] names = args.length > 3 ? args[3].split(",") : new String[] {"sifr", "netty", "jetty"};
        if (args.length > 4) {
            SIZES = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        }
        double[][][] results = new double[SIZES.length][names.length][rounds];
        double[][][] cpu = new double[SIZES.length][names.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int n = 0; n < names.length; n++) {
                try (Running server = start(names[n])) {
                    for (int s = 0; s < SIZES.length; s++) {
                        double[] row = run(server.port(), connections, SIZES[s], seconds);
                        results[s][n][r] = row[0];
                        cpu[s][n][r] = row[1];
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "WebSocket echo, %d connections, %d s per row, %d rounds (echoes/s;"
                + " µs CPU per echo: the whole process, client included)%n", connections, seconds, rounds);
        for (int s = 0; s < SIZES.length; s++) {
            int nettyAt = Arrays.asList(names).indexOf("netty");
            double netty = nettyAt < 0 ? Double.NaN : median(results[s][nettyAt]);
            for (int n = 0; n < names.length; n++) {
                double m = median(results[s][n]);
                System.out.printf(Locale.ROOT, "%6d B  %-5s  median %,10.0f  rounds %s  %.2fx Netty  %5.1f µs CPU/echo%n",
                        SIZES[s], names[n], m, Arrays.toString(Arrays.stream(results[s][n]).mapToLong(Math::round).toArray()),
                        m / netty, median(cpu[s][n]));
            }
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    /**
     * One row: {@code connections} clients echoing {@code size}-byte messages for {@code seconds}; returns
     * echoes per second and the process's CPU microseconds per echo over the measured window.
     */
    private static double[] run(int port, int connections, int size, int seconds) throws Exception {
        LongAdder echoes = new LongAdder();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            sockets.add(WebSocket.connect("ws://127.0.0.1:" + port + "/ws", OPTIONS));
        }
        byte[] payload = new byte[size];
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (WebSocket ws : sockets) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        ws.sendBinary(payload);
                        WebSocketMessage m = ws.receive();
                        if (m.length() != size) {
                            throw new IllegalStateException("echo of " + m.length() + " bytes, sent " + size);
                        }
                        if (now >= warmEnd) {
                            echoes.increment();
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(warmEnd - System.nanoTime())));
        long cpuStart = processCpuNanos();
        for (Thread t : threads) {
            t.join();
        }
        long cpuNanos = processCpuNanos() - cpuStart;
        for (WebSocket ws : sockets) {
            ws.close();
        }
        long n = Math.max(1, echoes.sum());
        return new double[] {n / (double) seconds, cpuNanos / 1000.0 / n};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A running echo server. */
    interface Running extends AutoCloseable {
        int port();

        @Override
        void close() throws Exception;
    }

    static Running start(String name) throws Exception {
        return switch (name) {
            case "sifr" -> sifr(false);
            case "sifr-listener" -> sifr(true);
            case "netty" -> netty();
            default -> jetty();
        };
    }

    /** Sifr's echo: a handler looping on receive, or ({@code sifr-listener}) a {@code WebSocketListener}. */
    static Running sifr(boolean listener) throws Exception {
        HttpServer server = HttpServer.start("127.0.0.1:0", request -> listener
                ? WebSocket.upgrade(request, OPTIONS, ECHO)
                : WebSocket.upgrade(request, OPTIONS, ws -> {
                    for (WebSocketMessage m = ws.receive(); !m.isClose(); m = ws.receive()) {
                        ws.send(m);
                    }
                }));
        return new Running() {
            @Override
            public int port() {
                return server.localAddr().port();
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }

    static Running netty() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/ws", null, false, 1 << 20),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                        ctx.writeAndFlush(frame.retainedDuplicate());
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return new Running() {
            @Override
            public int port() {
                return ((InetSocketAddress) channel.localAddress()).getPort();
            }

            @Override
            public void close() throws Exception {
                channel.close().sync();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        };
    }

    /** Jetty's echo endpoint. */
    public static final class JettyEcho implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            session.sendBinary(payload, callback); // the payload is released once it is written
        }
    }

    static Running jetty() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxBinaryMessageSize(1 << 20);
            container.addMapping("/ws", (request, response, callback) -> new JettyEcho());
        }));
        server.start();
        return new Running() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }
}
