package sifr.bench.hpack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import sifr.bench.Fixtures;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HeaderFieldSink;
import sifr.http.internal.hpack.HpackDecoder;
import sifr.http.internal.hpack.HpackEncoder;

/**
 * HPACK (RFC 7541) over one connection's worth of requests: a browser page load, i.e. the document
 * and 19 subresources with the same browser fields and a changing {@code :path}, so the dynamic table
 * fills and later blocks are mostly indexed references. One op = all 20 header blocks with a fresh
 * encoder or decoder (fresh connection state). Decoding uses the blocks Netty's encoder produced, so
 * every decoder reads the same bytes. Peer: Netty's {@code DefaultHttp2HeadersEncoder}/{@code Decoder}
 * (with header validation). Sifr: {@code sifr.http.internal.hpack}; its decoder feeds what the HTTP/2
 * connection will build through {@code HeaderFieldSink}: pseudo-fields aside and a {@code HeaderMap}
 * of validated {@code HeaderName}/{@code HeaderValue}s (validated once per table entry), and its
 * encoder reads the same {@code HeaderMap}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HpackBenchmark {
    /** Number of requests on the connection (the document plus subresources). */
    public static final int REQUESTS = 20;

    /** Per request: pseudo-fields then regular fields, names and values alternating (all lower case). */
    protected List<List<String>> requests;
    /** The HPACK blocks of {@link #requests}, in order, as Netty's encoder wrote them. */
    protected byte[][] blocks;

    private Http2Headers[] nettyHeaders;
    private ByteBuf[] nettyBlocks;
    private ByteBuf scratch;

    private String[][] sifrPseudo;
    private HeaderMap[] sifrHeaders;
    private GrowableBytes sifrOut;

    @Setup
    public void setUp() throws Exception {
        requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(request(i));
        }
        nettyHeaders = new Http2Headers[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            List<String> fields = requests.get(i);
            Http2Headers h = new DefaultHttp2Headers();
            for (int f = 0; f < fields.size(); f += 2) {
                h.add(fields.get(f), fields.get(f + 1));
            }
            nettyHeaders[i] = h;
        }
        DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
        blocks = new byte[REQUESTS][];
        nettyBlocks = new ByteBuf[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            ByteBuf buf = Unpooled.buffer();
            encoder.encodeHeaders(2 * i + 1, nettyHeaders[i], buf);
            blocks[i] = new byte[buf.readableBytes()];
            buf.readBytes(blocks[i]);
            nettyBlocks[i] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(blocks[i]));
        }
        scratch = Unpooled.unreleasableBuffer(Unpooled.buffer(4096));
        sifrPseudo = new String[REQUESTS][];
        sifrHeaders = new HeaderMap[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            List<String> fields = requests.get(i);
            sifrPseudo[i] = fields.subList(0, 8).toArray(new String[0]);
            HeaderMap.Builder b = HeaderMap.builder();
            for (int f = 8; f < fields.size(); f += 2) {
                b.add(HeaderName.of(fields.get(f)), HeaderValue.of(fields.get(f + 1)));
            }
            sifrHeaders[i] = b.build();
        }
        sifrOut = new GrowableBytes(4096);
        // Sifr must read Netty's blocks back to the same fields, and its own as well.
        HpackDecoder sifrCheck = new HpackDecoder(1 << 20, 1 << 16);
        HpackDecoder sifrOwnCheck = new HpackDecoder(1 << 20, 1 << 16);
        HpackEncoder sifrEncoder = new HpackEncoder();
        for (int i = 0; i < REQUESTS; i++) {
            List<String> got = new ArrayList<>();
            sifrCheck.decode(blocks[i], 0, blocks[i].length, (n, v, sensitive) -> {
                got.add(n);
                got.add(v);
            });
            if (!got.equals(requests.get(i))) {
                throw new IllegalStateException("Sifr HPACK decodes Netty's block " + i + " differently: " + got);
            }
            sifrOut.reset();
            encodeSifr(sifrEncoder, i);
            got.clear();
            sifrOwnCheck.decode(sifrOut.array(), 0, sifrOut.size(), (n, v, sensitive) -> {
                got.add(n);
                got.add(v);
            });
            if (!got.equals(requests.get(i))) {
                throw new IllegalStateException("Sifr HPACK round trip differs for request " + i + ": " + got);
            }
        }
        // Fail the run rather than time an error path: Netty must read back every field it wrote.
        DefaultHttp2HeadersDecoder check = new DefaultHttp2HeadersDecoder(true);
        for (int i = 0; i < REQUESTS; i++) {
            Http2Headers decoded = check.decodeHeaders(2 * i + 1, nettyBlocks[i]);
            nettyBlocks[i].readerIndex(0);
            if (decoded.size() != requests.get(i).size() / 2 || !decoded.path().toString().equals(requests.get(i).get(7))) {
                throw new IllegalStateException("Netty HPACK round trip differs for request " + i + ": " + decoded);
            }
        }
    }

    /** Request {@code i} of the page load: same browser fields, a different path each time. */
    static List<String> request(int i) {
        List<String> f = new ArrayList<>();
        f.add(":method");
        f.add("GET");
        f.add(":scheme");
        f.add("https");
        f.add(":authority");
        f.add("www.example.com");
        f.add(":path");
        f.add(i == 0 ? "/docs/index.html?lang=en" : "/static/" + (i % 2 == 0 ? "img/photo-" : "js/chunk-") + i + (i % 2 == 0 ? ".webp" : ".js"));
        List<String> browser = Fixtures.BROWSER_HEADERS;
        for (int k = 0; k < browser.size(); k += 2) {
            String name = browser.get(k);
            if (name.equals("host") || name.equals("connection")) {
                continue; // replaced by :authority / connection-specific, not allowed in HTTP/2
            }
            f.add(name);
            f.add(browser.get(k + 1));
        }
        if (i > 0) {
            f.add("referer");
            f.add("https://www.example.com/docs/index.html?lang=en");
        }
        return List.copyOf(f);
    }

    @Benchmark
    public void nettyEncode(Blackhole bh) throws Http2Exception {
        DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
        for (int i = 0; i < REQUESTS; i++) {
            scratch.clear();
            encoder.encodeHeaders(2 * i + 1, nettyHeaders[i], scratch);
            bh.consume(scratch.writerIndex());
        }
    }

    @Benchmark
    public void nettyDecode(Blackhole bh) throws Http2Exception {
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(true);
        for (int i = 0; i < REQUESTS; i++) {
            ByteBuf block = nettyBlocks[i];
            block.readerIndex(0);
            bh.consume(decoder.decodeHeaders(2 * i + 1, block));
        }
    }

    private void encodeSifr(HpackEncoder encoder, int i) {
        encoder.startBlock(sifrOut);
        String[] pseudo = sifrPseudo[i];
        for (int f = 0; f < pseudo.length; f += 2) {
            encoder.field(pseudo[f], pseudo[f + 1], false, sifrOut);
        }
        HeaderMap headers = sifrHeaders[i];
        for (int f = 0, n = headers.size(); f < n; f++) {
            encoder.field(headers.nameAt(f), headers.valueAt(f), sifrOut);
        }
    }

    @Benchmark
    public void sifrEncode(Blackhole bh) {
        HpackEncoder encoder = new HpackEncoder();
        for (int i = 0; i < REQUESTS; i++) {
            sifrOut.reset();
            encodeSifr(encoder, i);
            bh.consume(sifrOut.size());
        }
    }

    @Benchmark
    public void sifrDecode(Blackhole bh) throws Exception {
        HpackDecoder decoder = new HpackDecoder(1 << 20, 1 << 16);
        for (int i = 0; i < REQUESTS; i++) {
            RequestSink sink = new RequestSink();
            decoder.decode(blocks[i], 0, blocks[i].length, sink);
            bh.consume(sink.path);
            bh.consume(sink.headers.build());
        }
    }

    /** What the HTTP/2 connection keeps of a request's field block: pseudo-fields, then a HeaderMap. */
    static final class RequestSink implements HeaderFieldSink {
        String method;
        String scheme;
        String authority;
        String path;
        final HeaderMap.Builder headers = HeaderMap.builder();

        @Override
        public void pseudoHeader(String name, String value) {
            switch (name) {
                case ":method" -> method = value;
                case ":scheme" -> scheme = value;
                case ":authority" -> authority = value;
                case ":path" -> path = value;
                default -> throw new IllegalStateException("unknown pseudo-field " + name);
            }
        }

        @Override
        public void header(HeaderName name, HeaderValue value) {
            headers.add(name, value);
        }

        @Override
        public void malformed(String name, String reason) {
            throw new IllegalStateException("malformed field " + name + ": " + reason);
        }
    }
}
