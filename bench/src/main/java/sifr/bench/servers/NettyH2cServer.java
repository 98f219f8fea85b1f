package sifr.bench.servers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.nio.charset.StandardCharsets;

/**
 * Netty 4.2 HTTP/2 cleartext peer with prior knowledge (the client sends the connection preface
 * directly, as {@code h2load http://...} does), or h2 over TLS with {@code -Dbench.tls.*} (the h2tls
 * row): {@code Http2FrameCodec} on epoll, one handler that
 * answers each request stream with {@code Hello, World!} as text/plain, flushing once per read burst.
 */
public final class NettyH2cServer {
    private static final byte[] BODY = ServerArgs.HELLO.getBytes(StandardCharsets.US_ASCII);

    private NettyH2cServer() {
    }

    public static void main(String[] args) throws Exception {
        SslContext tls = tls();
        NettyBoot.serve(tls == null ? "netty-h2c" : "netty-h2", args, NettyH2cServer.class, pipeline -> {
            if (tls != null) {
                pipeline.addLast(tls.newHandler(pipeline.channel().alloc()));
            }
            pipeline.addLast(Http2FrameCodecBuilder.forServer().build(), new HelloHandler());
        });
    }

    /**
     * With {@code -Dbench.tls.cert=<pem> -Dbench.tls.key=<pem>}: h2 over TLS 1.3 on the JDK's own provider
     * (as Sifr uses), ALPN offering {@code h2} only; otherwise null (h2c prior knowledge).
     */
    private static SslContext tls() throws Exception {
        String cert = System.getProperty("bench.tls.cert");
        if (cert == null) {
            return null;
        }
        return SslContextBuilder.forServer(new File(cert), new File(System.getProperty("bench.tls.key")))
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3")
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
    }

    /** Answers a stream once its request is complete (END_STREAM on HEADERS or on the last DATA). */
    private static final class HelloHandler extends ChannelDuplexHandler {
        private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
        private static final AsciiString LENGTH = AsciiString.cached(Integer.toString(BODY.length));
        private final ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(BODY));

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers) {
                    if (headers.isEndStream()) {
                        respond(ctx, headers.stream());
                    }
                } else if (msg instanceof Http2DataFrame data) {
                    // Give the flow-control credit back, then answer when the request body ends.
                    int credit = data.initialFlowControlledBytes();
                    if (credit > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(credit).stream(data.stream()));
                    }
                    if (data.isEndStream()) {
                        respond(ctx, data.stream());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void respond(ChannelHandlerContext ctx, Http2FrameStream stream) {
            Http2Headers headers = new DefaultHttp2Headers()
                    .status("200")
                    .set("content-type", TEXT_PLAIN)
                    .set("content-length", LENGTH);
            ctx.write(new DefaultHttp2HeadersFrame(headers).stream(stream));
            ctx.write(new DefaultHttp2DataFrame(body.duplicate(), true).stream(stream));
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
