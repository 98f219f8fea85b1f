package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import sifr.net.PinningRecorder;
import sifr.testing.TestPki;
import sifr.tls.Tls;

/**
 * Our HTTP/2 client against the servers users would otherwise pick: Netty 4.2 ({@code Http2FrameCodec},
 * in-process, h2c prior knowledge) and Jetty 12 (in-process, h2c prior knowledge and h2 over TLS by ALPN).
 * The servers hold each request until {@value #STREAMS} have arrived, so the exchanges only complete
 * if our client really has that many streams in flight on its one connection.
 */
@ExtendWith(PinningRecorder.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2ClientInteropTest {
    private static final int STREAMS = 4;
    private static final TestPki.Cert ROOT = Http2PeerInteropTest.ROOT;
    private static final TestPki.Cert SERVER = Http2PeerInteropTest.SERVER;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(HttpResponse r) throws IOException {
        return new String(r.body().collectWithLimit(1 << 22), StandardCharsets.UTF_8);
    }

    /**
     * One GET, then {@value #STREAMS} POSTs at once from as many threads (one with a 100,000-byte body of
     * unknown length, more than the default 65,535-byte window), all on one connection.
     */
    private static void exchanges(HttpConnection client, String peer) throws Exception {
        assertThat(client.version()).isEqualTo(Version.HTTP_2);
        HttpResponse first = client.send(Http.requestHead("GET", "/first?q=1", HeaderMap.empty()));
        assertThat(first.status().code()).isEqualTo(200);
        assertThat(first.version()).isEqualTo(Version.HTTP_2);
        assertThat(first.headers().get("x-peer")).contains(peer);
        assertThat(text(first)).isEqualTo(peer + " GET /first?q=1 0");
        List<String> bodies = Http2PeerInteropTest.concurrently(STREAMS, true, n -> {
            BodyStream body = n == 0 ? Http.bodyFromInputStream(new ByteArrayInputStream(new byte[100_000]))
                    : Http.bodyFromBytes(utf8("ping-" + n));
            HttpResponse r = client.send(Http.requestHead("POST", "/s" + n, HeaderMap.of("content-type", "text/plain")), body);
            assertThat(r.status().code()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(Version.HTTP_2);
            assertThat(r.headers().get("content-type")).contains("text/plain");
            return text(r);
        });
        assertThat(bodies.get(0)).isEqualTo(peer + " POST /s0 100000");
        for (int n = 1; n < STREAMS; n++) {
            assertThat(bodies.get(n)).isEqualTo(peer + " POST /s" + n + " 6");
        }
        assertThat(client.isOpen()).isTrue();
    }

    // ---- Netty ----

    /**
     * Answers each stream with {@code netty METHOD PATH LENGTH}; streams other than {@code /first...} are held
     * until {@value #STREAMS} are complete, then all answered together (on the event loop, never blocking it).
     */
    private static final class NettyEcho extends ChannelDuplexHandler {
        private final Map<Http2FrameStream, String[]> requests = new HashMap<>();
        private final Map<Http2FrameStream, Integer> lengths = new HashMap<>();
        private final List<Http2FrameStream> held = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers) {
                    requests.put(headers.stream(), new String[] {headers.headers().method().toString(),
                            headers.headers().path().toString()});
                    lengths.put(headers.stream(), 0);
                    if (headers.isEndStream()) {
                        complete(ctx, headers.stream());
                    }
                } else if (msg instanceof Http2DataFrame data) {
                    lengths.merge(data.stream(), data.content().readableBytes(), Integer::sum);
                    int credit = data.initialFlowControlledBytes();
                    if (credit > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(credit).stream(data.stream()));
                    }
                    if (data.isEndStream()) {
                        complete(ctx, data.stream());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void complete(ChannelHandlerContext ctx, Http2FrameStream stream) {
            if (requests.get(stream)[1].startsWith("/first")) {
                respond(ctx, stream);
                return;
            }
            held.add(stream);
            if (held.size() == STREAMS) {
                held.forEach(s -> respond(ctx, s));
                held.clear();
            }
        }

        private void respond(ChannelHandlerContext ctx, Http2FrameStream stream) {
            String[] request = requests.remove(stream);
            ByteBuf body = Unpooled.copiedBuffer("netty " + request[0] + " " + request[1] + " " + lengths.remove(stream),
                    StandardCharsets.UTF_8);
            Http2Headers headers = new DefaultHttp2Headers().status("200").set("content-type", "text/plain")
                    .set("x-peer", "netty");
            ctx.write(new DefaultHttp2HeadersFrame(headers).stream(stream));
            ctx.write(new DefaultHttp2DataFrame(body, true).stream(stream));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    @Test
    void ourClientAgainstNettyH2cWithConcurrentStreams() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new NettyEcho());
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) channel.localAddress()).getPort();
            try (HttpConnection client = HttpConnection.open("http://127.0.0.1:" + port,
                    HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
                exchanges(client, "netty");
            }
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    // ---- Jetty ----

    /** Jetty's handler: blocking is fine (handlers run on Jetty's thread pool). */
    private static Handler jettyEcho() {
        CountDownLatch arrived = new CountDownLatch(STREAMS);
        return new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.ISO_8859_1);
                String path = request.getHttpURI().getPathQuery();
                if (!path.startsWith("/first")) {
                    arrived.countDown();
                    arrived.await(10, TimeUnit.SECONDS);
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.getHeaders().put("x-peer", "jetty");
                Content.Sink.write(response, true, "jetty " + request.getMethod() + " " + path + " " + body.length(), callback);
                return true;
            }
        };
    }

    @Test
    void ourClientAgainstJettyH2cWithConcurrentStreams() throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty, new HTTP2CServerConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(jettyEcho());
        jetty.start();
        try (HttpConnection client = HttpConnection.open("http://127.0.0.1:" + connector.getLocalPort(),
                HttpClientOptions.builder().h2cPriorKnowledge(true).build())) {
            exchanges(client, "jetty");
        } finally {
            jetty.stop();
        }
    }

    @Test
    void ourClientAgainstJettyOverTlsNegotiatesH2() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", SERVER.keys().getPrivate(), "secret".toCharArray(),
                new Certificate[] {SERVER.certificate(), ROOT.certificate()});
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword("secret");
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer());
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol("http/1.1");
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2,
                new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(jettyEcho());
        jetty.start();
        try (HttpConnection client = HttpConnection.open("https://localhost:" + connector.getLocalPort(),
                HttpClientOptions.builder().tls(Tls.clientConfigFromCaPem(ROOT.certPem())).build())) {
            exchanges(client, "jetty");
        } finally {
            jetty.stop();
        }
    }
}
