package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTP/1.1 interop with the JVM peers: OkHttp and Jetty clients against our server; our client against Netty and Jetty servers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerInteropTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void okHttpClientAgainstOurServerReusesItsConnection() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HttpServerTest.PONG)) {
            OkHttpClient ok = new OkHttpClient();
            String url = "http://" + server.localAddr() + "/m4/http1";
            for (int i = 0; i < 3; i++) {
                Request request = new Request.Builder().url(url)
                        .post(RequestBody.create(utf8("ping-http1"), MediaType.get("text/plain"))).build();
                try (Response response = ok.newCall(request).execute()) {
                    assertThat(response.code()).isEqualTo(201);
                    assertThat(response.protocol().toString()).isEqualTo("http/1.1");
                    assertThat(response.body().string()).isEqualTo("pong-http1");
                }
            }
            assertThat(ok.connectionPool().connectionCount()).isEqualTo(1);
            ok.dispatcher().executorService().shutdown();
            ok.connectionPool().evictAll();
        }
    }

    @Test
    void jettyClientAgainstOurServer() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1:0", HttpServerTest.PONG)) {
            org.eclipse.jetty.client.HttpClient jetty = new org.eclipse.jetty.client.HttpClient();
            jetty.start();
            try {
                for (int i = 0; i < 3; i++) {
                    ContentResponse response = jetty.POST("http://" + server.localAddr() + "/m4/http1")
                            .body(new BytesRequestContent("text/plain", utf8("ping-http1"))).send();
                    assertThat(response.getStatus()).isEqualTo(201);
                    assertThat(response.getContentAsString()).isEqualTo("pong-http1");
                }
            } finally {
                jetty.stop();
            }
        }
    }

    private static String text(HttpResponse r) throws IOException {
        return new String(r.body().collectWithLimit(1 << 20), StandardCharsets.UTF_8);
    }

    /** GET, a sized POST and a chunked PUT on one kept-alive connection. */
    private static void exchanges(String base, String peer) throws IOException {
        try (HttpConnection client = HttpConnection.open(base)) {
            assertThat(text(client.send(Http.requestHead("GET", "/a?b=1", HeaderMap.empty())))).isEqualTo(peer + " GET /a?b=1 0");
            assertThat(text(client.send(Http.requestHead("POST", "/post", HeaderMap.of("content-type", "text/plain")),
                    Http.bodyFromBytes(utf8("ping-http1"))))).isEqualTo(peer + " POST /post 10");
            // no known length: our client sends it chunked
            assertThat(text(client.send(Http.requestHead("PUT", "/chunked", HeaderMap.empty()),
                    Http.bodyFromInputStream(new ByteArrayInputStream(new byte[100_000]))))).isEqualTo(peer + " PUT /chunked 100000");
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void ourClientAgainstNettyServer() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                            ByteBuf content = Unpooled.copiedBuffer("netty " + req.method() + " " + req.uri() + " "
                                                    + req.content().readableBytes(), StandardCharsets.UTF_8);
                                            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                    HttpResponseStatus.OK, content);
                                            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                                            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
                                            ctx.writeAndFlush(res);
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) channel.localAddress()).getPort();
            exchanges("http://127.0.0.1:" + port, "netty");
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void ourClientAgainstJettyServer() throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.ISO_8859_1);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                Content.Sink.write(response, true, "jetty " + request.getMethod() + " " + request.getHttpURI().getPathQuery()
                        + " " + body.length(), callback);
                return true;
            }
        });
        jetty.start();
        try {
            exchanges("http://127.0.0.1:" + connector.getLocalPort(), "jetty");
        } finally {
            jetty.stop();
        }
    }
}
