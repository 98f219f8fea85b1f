package sifr.bench.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.websocket.WebSocket;
import sifr.websocket.WebSocketMessage;
import sifr.websocket.WebSocketOptions;

/**
 * Idle memory per WebSocket connection, server side and client side, with and without permessage-deflate:
 * starts an echo server (Sifr's {@code HttpServer} + {@code WebSocket.upgrade}, or Netty 4.2's
 * {@code WebSocketServerProtocolHandler}) in its own JVM, opens N connections from this JVM with Sifr's
 * client (one 127.0.0.x source address per 20,000 connections would be needed beyond that; N ≤ 20,000
 * here, one source address), and reads both processes' heap in use after a full GC and their resident
 * memory (VmRSS) before and after: (1) right after the handshakes, (2) after one 64-byte text message
 * echoed on every connection and 3 s of quiet (with deflate and context takeover, the decompressor's
 * window must be kept from then on; Sifr frees its compressor after 2 s without sending). Needs N + 200 file descriptors per process: run it from a shell whose
 * {@code ulimit -n} allows that (bench/ws-idle raises the soft limit).
 *
 * <p>Usage: {@code WsIdleBench [connections] [sifr|sifr-receive|netty] [plain|deflate|deflate-nct]} (default 10000 sifr
 * plain; {@code deflate-nct}: permessage-deflate with no context takeover both ways). Prints bytes per
 * connection for each process and phase. With {@code WS_IDLE_HISTOGRAM=FILE} in the environment, the idle
 * server's class histogram goes to FILE and its thread dump to FILE.threads.txt (jcmd) at the end.
 */
public final class WsIdleBench {
    private WsIdleBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--serve")) {
            serve(args[1], args[2]);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String impl = args.length > 1 ? args[1] : "sifr";
        String mode = args.length > 2 ? args[2] : "plain";
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                WsIdleBench.class.getName(), "--serve", impl, mode).redirectErrorStream(true).start();
        BufferedReader fromServer = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter toServer = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8);
        List<WebSocket> sockets = new ArrayList<>(n);
        try {
            String line = lineStarting(fromServer, "port ");
            if (line == null) {
                throw new IllegalStateException("server did not start: " + line);
            }
            String url = "ws://127.0.0.1:" + line.substring(5).trim() + "/ws";
            WebSocketOptions options = options(mode);
            for (int i = 0; i < 200; i++) { // warm both sides (JIT, pools) so they are in the baseline
                try (WebSocket ws = WebSocket.connect(url, options)) {
                    echo(ws);
                }
            }
            long[] serverBefore = measure(toServer, fromServer);
            long[] clientBefore = measureSelf();
            for (int i = 0; i < n; i++) {
                sockets.add(WebSocket.connect(url, options));
            }
            long[] serverOpen = measure(toServer, fromServer);
            long[] clientOpen = measureSelf();
            for (WebSocket ws : sockets) {
                echo(ws);
            }
            Thread.sleep(3000); // idle means quiet: past the 2 s after which Sifr frees what it keeps for sending
            long[] serverUsed = measure(toServer, fromServer);
            long[] clientUsed = measureSelf();
            System.out.printf(Locale.ROOT, "%d idle WebSocket connections, %s server, %s, compressed: %s%n", n, impl, mode,
                    sockets.get(0).isCompressed());
            report("server", "after handshake", serverBefore, serverOpen, n);
            report("server", "echo + 3 s quiet", serverBefore, serverUsed, n);
            report("client", "after handshake", clientBefore, clientOpen, n);
            report("client", "echo + 3 s quiet", clientBefore, clientUsed, n);
            String histogram = System.getenv("WS_IDLE_HISTOGRAM");
            if (histogram != null) { // what the idle server holds: jcmd's class histogram and thread dump
                String jcmd = Path.of(java).resolveSibling("jcmd").toString();
                String pid = Long.toString(server.pid());
                new ProcessBuilder(jcmd, pid, "GC.class_histogram").redirectErrorStream(true)
                        .redirectOutput(new java.io.File(histogram)).start().waitFor();
                new ProcessBuilder(jcmd, pid, "Thread.dump_to_file", histogram + ".threads.txt").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        } finally {
            for (WebSocket ws : sockets) {
                ws.abort();
            }
            server.destroy();
        }
    }

    private static WebSocketOptions options(String mode) {
        return WebSocketOptions.builder().permessageDeflate(!mode.equals("plain"))
                .deflateNoContextTakeover(mode.equals("deflate-nct")).build();
    }

    private static void echo(WebSocket ws) throws IOException {
        String text = "idle connection memory benchmark: 64 bytes of text, echoed once.";
        ws.sendText(text);
        WebSocketMessage m = ws.receive();
        if (!m.isText() || !m.text().equals(text)) {
            throw new IllegalStateException("bad echo");
        }
    }

    private static void report(String side, String phase, long[] before, long[] after, int n) {
        System.out.printf(Locale.ROOT, "  %s %-16s heap %,8.0f B/conn   RSS %,8.0f B/conn%n", side, phase,
                (after[0] - before[0]) / (double) n, (after[1] - before[1]) * 1024.0 / n);
    }

    private static long[] measure(PrintWriter to, BufferedReader from) throws IOException {
        to.println("measure");
        String line = lineStarting(from, "heap ");
        if (line == null) {
            throw new IllegalStateException("server: " + line);
        }
        String[] p = line.split(" ");
        return new long[] {Long.parseLong(p[1]), Long.parseLong(p[3])};
    }

    /** The server's next line starting with {@code prefix}, skipping at most 50 others (its logging). */
    private static String lineStarting(BufferedReader from, String prefix) throws IOException {
        for (int i = 0; i < 50; i++) {
            String line = from.readLine();
            if (line == null || line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    /** Heap in use after full GCs (bytes) and VmRSS (KiB) of this process. */
    static long[] measureSelf() throws IOException {
        try {
            Thread.sleep(1000); // let connection threads settle into their idle waits
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = 0;
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                rss = Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return new long[] {heap, rss};
    }

    /** Server mode: prints {@code port N}, then answers each {@code measure} line on stdin. */
    private static void serve(String impl, String mode) throws Exception {
        AutoCloseable server;
        int port;
        if (impl.startsWith("sifr")) {
            WebSocketOptions options = options(mode);
            boolean listener = !impl.equals("sifr-receive"); // sifr-receive: a handler looping on receive
            HttpServer s = HttpServer.start("127.0.0.1:0", request -> listener
                    ? WebSocket.upgrade(request, options, WsEchoBench.ECHO)
                    : WebSocket.upgrade(request, options, ws -> {
                        for (WebSocketMessage m = ws.receive(); !m.isClose(); m = ws.receive()) {
                            ws.send(m);
                        }
                    }), HttpServerOptions.builder().maxConnections(30_000).build());
            server = s;
            port = s.localAddr().port();
        } else {
            MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            boolean deflate = !mode.equals("plain");
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536));
                            if (deflate) {
                                c.pipeline().addLast(new WebSocketServerCompressionHandler());
                            }
                            c.pipeline().addLast(new WebSocketServerProtocolHandler("/ws", null, deflate, 1 << 20),
                                    new SimpleChannelInboundHandler<WebSocketFrame>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                            ctx.writeAndFlush(frame.retainedDuplicate());
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            server = () -> {
                ch.close().sync();
                group.shutdownGracefully();
            };
            port = ((InetSocketAddress) ch.localAddress()).getPort();
        }
        System.out.println("port " + port);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("measure")) {
                long[] m = measureSelf();
                System.out.println("heap " + m[0] + " rss " + m[1]);
            }
        }
        server.close();
    }
}
