package sifr.bench.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import sifr.http.internal.h1.H1HeadParser;


/**
 * Head parsing, Sifr vs Netty, timed as the best of 300 batches of 2,000 parses each: a minimum is robust to
 * a machine shared with other builds, where JMH's mean and error were dominated by noise (load average
 * above 10 on 2 cores). Run: {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt)
 * sifr.bench.http1.Http1HeadParseBestOf}.
 */
public final class Http1HeadParseBestOf {
    static final class Exposed extends HttpRequestDecoder {
        void once(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception { decode(ctx, in, out); }
    }
    public static void main(String[] a) throws Exception {
        for (byte[] h : new byte[][] {sifr.bench.Fixtures.browserRequestHead(), sifr.bench.Fixtures.apiRequestHead()}) {
            H1HeadParser p = new H1HeadParser();
            Exposed n = new Exposed();
            EmbeddedChannel ch = new EmbeddedChannel(n);
            ChannelHandlerContext ctx = ch.pipeline().context(n);
            ByteBuf buf = Unpooled.unreleasableBuffer(Unpooled.directBuffer(h.length).writeBytes(h));
            List<Object> out = new ArrayList<>();
            long bestS = Long.MAX_VALUE, bestN = Long.MAX_VALUE; Object sink = null;
            for (int round = 0; round < 300; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 2000; i++) { p.parseRequest(h, 0, h.length); sink = p.requestHead(); }
                bestS = Math.min(bestS, (System.nanoTime() - t0) / 2000);
                t0 = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    buf.readerIndex(0); n.once(ctx, buf, out);
                    for (Object o : out) { sink = o; ReferenceCountUtil.release(o); }
                    out.clear();
                }
                bestN = Math.min(bestN, (System.nanoTime() - t0) / 2000);
            }
            System.out.printf("%d-byte head: sifr %d ns, netty %d ns, ratio netty/sifr %.2f %s%n", h.length, bestS, bestN, (double) bestN / bestS, sink != null);
        }
    }
}
