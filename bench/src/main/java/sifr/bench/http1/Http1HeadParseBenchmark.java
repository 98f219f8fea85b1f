package sifr.bench.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import sifr.bench.Fixtures;
import sifr.http.internal.h1.H1HeadParser;

/**
 * Parsing one HTTP/1.1 request head from bytes (request line and fields, no body), with validation.
 * Peer: Netty's {@code HttpRequestDecoder}, called directly on its decode step (no pipeline, no
 * cumulation), so the figure is head parsing plus Netty's message objects. Inputs: a browser page
 * load (13 fields, ~700 bytes) and a small API call (4 fields) from {@link Fixtures}.
 * Sifr: {@code H1HeadParser.parseRequest} on the same {@code head} bytes, building the same kind of
 * result (a {@code RequestHead} with a validated {@code HeaderMap}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Http1HeadParseBenchmark {
    @Param({"browser", "api"})
    public String request;

    /** The request head on the wire. */
    protected byte[] head;

    private ExposedDecoder netty;
    private EmbeddedChannel channel;
    private ByteBuf nettyInput;
    private final List<Object> out = new ArrayList<>(4);
    private final H1HeadParser sifrParser = new H1HeadParser();

    @Setup
    public void setUp() {
        head = "browser".equals(request) ? Fixtures.browserRequestHead() : Fixtures.apiRequestHead();
        netty = new ExposedDecoder();
        channel = new EmbeddedChannel(netty);
        nettyInput = Unpooled.unreleasableBuffer(Unpooled.directBuffer(head.length).writeBytes(head));
        checkNettyParsesTheWholeHead();
        checkSifrParsesTheWholeHead();
    }

    /** The same check for Sifr's parser: the whole head, every field. */
    private void checkSifrParsesTheWholeHead() {
        try {
            if (sifrParser.parseRequest(head, 0, head.length) != head.length
                    || sifrParser.requestHead().headers().size() != expectedFields()) {
                throw new IllegalStateException("Sifr did not parse the fixture as one request head");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails the run instead of timing an error path: one request, decoded successfully, all bytes read. */
    private void checkNettyParsesTheWholeHead() {
        try {
            netty.decodeOnce(channel.pipeline().context(netty), nettyInput, out);
            if (out.size() != 2 || !(out.get(0) instanceof HttpRequest req) || !req.decoderResult().isSuccess()
                    || req.headers().size() != expectedFields()
                    || nettyInput.isReadable()) {
                throw new IllegalStateException("Netty did not decode the fixture as one request: " + out);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            out.forEach(ReferenceCountUtil::release);
            out.clear();
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public void netty(Blackhole bh) throws Exception {
        nettyInput.readerIndex(0);
        netty.decodeOnce(channel.pipeline().context(netty), nettyInput, out);
        for (int i = 0; i < out.size(); i++) {
            Object msg = out.get(i);
            bh.consume(msg);
            ReferenceCountUtil.release(msg);
        }
        out.clear();
    }

    /** The number of fields in the chosen fixture. */
    protected int expectedFields() {
        return ("browser".equals(request) ? Fixtures.BROWSER_HEADERS : Fixtures.API_HEADERS).size() / 2;
    }

    @Benchmark
    public void sifr(Blackhole bh) throws Exception {
        int consumed = sifrParser.parseRequest(head, 0, head.length);
        bh.consume(consumed);
        bh.consume(sifrParser.requestHead());
    }

    /** Netty's decoder with its decode step reachable (it is protected). */
    static final class ExposedDecoder extends HttpRequestDecoder {
        void decodeOnce(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            decode(ctx, in, out);
        }
    }
}
