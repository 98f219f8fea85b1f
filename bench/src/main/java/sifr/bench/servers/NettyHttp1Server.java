package sifr.bench.servers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.nio.charset.StandardCharsets;

/**
 * Netty 4.2 HTTP/1.1 peer on the native epoll transport: {@code HttpServerCodec}, keep-alive, and
 * pipelining-correct (responses in request order, one flush per read burst, as Netty's own
 * TechEmpower entry does). Answers every request with {@code Hello, World!} as text/plain.
 */
public final class NettyHttp1Server {
    private static final byte[] BODY = ServerArgs.HELLO.getBytes(StandardCharsets.US_ASCII);

    private NettyHttp1Server() {
    }

    public static void main(String[] args) throws Exception {
        SslContext tls = tls();
        NettyBoot.serve(tls == null ? "netty-http1" : "netty-https", args, NettyHttp1Server.class, pipeline -> {
            if (tls != null) {
                pipeline.addLast(tls.newHandler(pipeline.channel().alloc()));
            }
            pipeline.addLast(new HttpServerCodec(), new HelloHandler());
        });
    }

    /**
     * With {@code -Dbench.tls.cert=<pem> -Dbench.tls.key=<pem>}: TLS 1.3 on the JDK's own provider
     * (SunJSSE, as Sifr uses), not OpenSSL/tcnative, so the HTTPS row compares the servers, not the
     * crypto libraries; otherwise null (cleartext).
     */
    private static SslContext tls() throws Exception {
        String cert = System.getProperty("bench.tls.cert");
        if (cert == null) {
            return null;
        }
        return SslContextBuilder.forServer(new File(cert), new File(System.getProperty("bench.tls.key")))
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3")
                .build();
    }

    /** Writes one response per request head; flushes once per read burst (pipelined requests batch). */
    private static final class HelloHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(BODY));

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof HttpRequest request)) {
                return; // request body parts (none in these benchmarks) are released by the superclass
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body.duplicate());
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
            if (keepAlive) {
                ctx.write(response);
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
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
