package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interop both ways with Netty 4.2's WebSocket (a test-scoped JVM peer): its server
 * ({@code WebSocketServerProtocolHandler} with permessage-deflate) for our client, its client
 * ({@code WebSocketClientProtocolHandler}, deflate offered) against our server.
 */
@Timeout(30)
class WebSocketNettyInteropTest {
    private static final WebSocketOptions DEFLATE = WebSocketOptions.builder().permessageDeflate(true)
            .maxMessageSize(4 << 20).maxFrameSize(4 << 20).build();

    @Test
    void ourClientAgainstNettyServerWithDeflate() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketServerCompressionHandler(),
                                    new WebSocketServerProtocolHandler("/ws", null, true, 4 << 20),
                                    new SimpleChannelInboundHandler<WebSocketFrame>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                            ctx.writeAndFlush(frame.retainedDuplicate()); // echo, fragments as they came
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            try (WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + port + "/ws", DEFLATE)) {
                assertThat(ws.isCompressed()).isTrue();
                byte[] large = new byte[1 << 20];
                for (int i = 0; i < large.length; i++) {
                    large[i] = (byte) (i % 251);
                }
                ws.sendText("hello netty");
                ws.sendBinary(large);
                ws.sendFragment(true, "frag".getBytes(StandardCharsets.UTF_8), false);
                ws.sendFragment(true, "mented".getBytes(StandardCharsets.UTF_8), true);
                assertThat(ws.receive().text()).isEqualTo("hello netty");
                assertThat(Arrays.equals(ws.receive().bytes(), large)).isTrue();
                assertThat(ws.receive().text()).isEqualTo("fragmented");
                ws.close(CloseStatus.NORMAL, "done");
                assertThat(ws.closeStatus().orElseThrow().code()).isEqualTo(1000);
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void nettyClientAgainstOurServerWithDeflate() throws Exception {
        try (WebSocketInteropTest.Echo echo = new WebSocketInteropTest.Echo(DEFLATE)) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            List<String> got = new CopyOnWriteArrayList<>();
            CountDownLatch three = new CountDownLatch(3);
            CompletableFuture<Channel> open = new CompletableFuture<>();
            try {
                URI uri = URI.create(echo.url());
                var handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, true,
                        new DefaultHttpHeaders(), 4 << 20);
                Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                        WebSocketClientCompressionHandler.INSTANCE,
                                        new WebSocketClientProtocolHandler(handshaker),
                                        new SimpleChannelInboundHandler<WebSocketFrame>() {
                                            @Override
                                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                                if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                                    open.complete(ctx.channel());
                                                }
                                            }

                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) {
                                                got.add((f instanceof TextWebSocketFrame t ? "T" + t.text().length()
                                                        : "B" + f.content().readableBytes()));
                                                three.countDown();
                                            }
                                        });
                            }
                        }).connect(uri.getHost(), uri.getPort()).sync().channel();
                Channel c = open.get(10, TimeUnit.SECONDS);
                c.writeAndFlush(new TextWebSocketFrame("hello"));
                c.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
                c.writeAndFlush(new TextWebSocketFrame("x".repeat(200_000)));
                assertThat(three.await(10, TimeUnit.SECONDS)).as("echoes: %s", got).isTrue();
                assertThat(got).containsExactly("T5", "B3", "T200000");
                c.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
                assertThat(echo.status()).isEqualTo(new CloseStatus(1000, "bye", true));
                ch.closeFuture().await(5, TimeUnit.SECONDS);
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
    }
}
