package sifr.bench.hpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import sifr.bench.BenchData;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.internal.hpack.GrowableBytes;
import sifr.http.internal.hpack.HeaderFieldSink;
import sifr.http.internal.hpack.HpackDecoder;
import sifr.http.internal.hpack.HpackEncoder;

/**
 * HPACK over the whole hpack-test-case corpus ({@code testdata/hpack/raw-data}: 32
 * recorded request and response sequences of real sites, 3,384 header lists, 39,359 fields, less
 * the HTTP/1.1 connection-specific fields that HTTP/2 forbids (RFC 9113 §8.2.2: {@code connection},
 * {@code keep-alive}, {@code proxy-connection}, {@code transfer-encoding}, {@code upgrade}, a
 * {@code te} other than {@code trailers}), which Netty's validating codec refuses). One op =
 * every story, each with a fresh encoder or decoder (one connection per story), lists in order.
 * Decoding reads the blocks Netty's encoder wrote, so both decoders read the same bytes; both build
 * their header collection (Netty: {@code DefaultHttp2Headers} with validation; Sifr, through
 * {@code HeaderFieldSink}: pseudo-fields aside and a validated {@code HeaderMap}). Encoding starts from each side's collection, built in setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HpackCorpusBenchmark {
    private List<List<String[]>> stories; // story → list → {name, value, name, value, ...}
    private Http2Headers[][] nettyHeaders;
    private ByteBuf[][] nettyBlocks;
    private byte[][][] blocks;
    private String[][][] sifrPseudo;
    private HeaderMap[][] sifrHeaders;
    private ByteBuf scratch;
    private GrowableBytes sifrOut;

    @Setup
    public void setUp() throws Exception {
        stories = load(BenchData.data("hpack/raw-data"));
        int n = stories.size();
        nettyHeaders = new Http2Headers[n][];
        nettyBlocks = new ByteBuf[n][];
        blocks = new byte[n][][];
        sifrPseudo = new String[n][][];
        sifrHeaders = new HeaderMap[n][];
        for (int s = 0; s < n; s++) {
            List<String[]> lists = stories.get(s);
            int m = lists.size();
            nettyHeaders[s] = new Http2Headers[m];
            nettyBlocks[s] = new ByteBuf[m];
            blocks[s] = new byte[m][];
            sifrPseudo[s] = new String[m][];
            sifrHeaders[s] = new HeaderMap[m];
            DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
            for (int i = 0; i < m; i++) {
                String[] fields = lists.get(i);
                Http2Headers h = new DefaultHttp2Headers();
                List<String> pseudo = new ArrayList<>();
                HeaderMap.Builder b = HeaderMap.builder();
                for (int f = 0; f < fields.length; f += 2) {
                    h.add(fields[f], fields[f + 1]);
                    if (fields[f].startsWith(":")) {
                        pseudo.add(fields[f]);
                        pseudo.add(fields[f + 1]);
                    } else {
                        b.add(HeaderName.of(fields[f]), HeaderValue.of(fields[f + 1]));
                    }
                }
                nettyHeaders[s][i] = h;
                sifrPseudo[s][i] = pseudo.toArray(new String[0]);
                sifrHeaders[s][i] = b.build();
                ByteBuf buf = Unpooled.buffer();
                encoder.encodeHeaders(1, h, buf);
                blocks[s][i] = new byte[buf.readableBytes()];
                buf.readBytes(blocks[s][i]);
                nettyBlocks[s][i] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(blocks[s][i]));
            }
        }
        scratch = Unpooled.unreleasableBuffer(Unpooled.buffer(1 << 16));
        sifrOut = new GrowableBytes(1 << 16);
        check();
    }

    /** Fail the run rather than time an error path: every decoder must read back every field. */
    private void check() throws Exception {
        for (int s = 0; s < stories.size(); s++) {
            DefaultHttp2HeadersDecoder netty = new DefaultHttp2HeadersDecoder(true);
            HpackDecoder sifr = new HpackDecoder(1 << 20, 1 << 16);
            HpackDecoder sifrOwn = new HpackDecoder(1 << 20, 1 << 16);
            HpackEncoder sifrEncoder = new HpackEncoder();
            for (int i = 0; i < blocks[s].length; i++) {
                int expected = stories.get(s).get(i).length / 2;
                if (netty.decodeHeaders(1, nettyBlocks[s][i]).size() != expected) {
                    throw new IllegalStateException("Netty decodes story " + s + " list " + i + " differently");
                }
                nettyBlocks[s][i].readerIndex(0);
                FieldSink sink = new FieldSink();
                sifr.decode(blocks[s][i], 0, blocks[s][i].length, sink);
                if (sink.fields() != expected) {
                    throw new IllegalStateException("Sifr decodes story " + s + " list " + i + " differently");
                }
                sifrOut.reset();
                encodeSifr(sifrEncoder, s, i);
                FieldSink own = new FieldSink();
                sifrOwn.decode(sifrOut.array(), 0, sifrOut.size(), own);
                if (own.fields() != expected) {
                    throw new IllegalStateException("Sifr round trip differs for story " + s + " list " + i);
                }
            }
        }
    }

    private static List<List<String[]>> load(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<List<String[]>> out = new ArrayList<>();
        for (Path file : files) {
            List<String[]> lists = new ArrayList<>();
            for (JsonNode c : json.readTree(file.toFile()).get("cases")) {
                List<String> fields = new ArrayList<>();
                for (JsonNode h : c.get("headers")) {
                    h.fields().forEachRemaining(f -> {
                        if (!connectionSpecific(f.getKey(), f.getValue().asText())) {
                            fields.add(f.getKey());
                            fields.add(f.getValue().asText());
                        }
                    });
                }
                lists.add(fields.toArray(new String[0]));
            }
            out.add(lists);
        }
        return out;
    }

    private static boolean connectionSpecific(String name, String value) {
        return switch (name) {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" -> true;
            case "te" -> !value.equals("trailers");
            default -> false;
        };
    }

    private void encodeSifr(HpackEncoder encoder, int s, int i) {
        encoder.startBlock(sifrOut);
        String[] pseudo = sifrPseudo[s][i];
        for (int f = 0; f < pseudo.length; f += 2) {
            encoder.field(pseudo[f], pseudo[f + 1], false, sifrOut);
        }
        HeaderMap headers = sifrHeaders[s][i];
        for (int f = 0, n = headers.size(); f < n; f++) {
            encoder.field(headers.nameAt(f), headers.valueAt(f), sifrOut);
        }
    }

    @Benchmark
    public void nettyEncode(Blackhole bh) throws Exception {
        for (Http2Headers[] story : nettyHeaders) {
            DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
            for (Http2Headers h : story) {
                scratch.clear();
                encoder.encodeHeaders(1, h, scratch);
                bh.consume(scratch.writerIndex());
            }
        }
    }

    @Benchmark
    public void sifrEncode(Blackhole bh) {
        for (int s = 0; s < sifrHeaders.length; s++) {
            HpackEncoder encoder = new HpackEncoder();
            for (int i = 0; i < sifrHeaders[s].length; i++) {
                sifrOut.reset();
                encodeSifr(encoder, s, i);
                bh.consume(sifrOut.size());
            }
        }
    }

    @Benchmark
    public void nettyDecode(Blackhole bh) throws Exception {
        for (ByteBuf[] story : nettyBlocks) {
            DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(true);
            for (ByteBuf block : story) {
                block.readerIndex(0);
                bh.consume(decoder.decodeHeaders(1, block));
            }
        }
    }

    @Benchmark
    public void sifrDecode(Blackhole bh) throws Exception {
        for (byte[][] story : blocks) {
            HpackDecoder decoder = new HpackDecoder(1 << 20, 1 << 16);
            for (byte[] block : story) {
                FieldSink sink = new FieldSink();
                decoder.decode(block, 0, block.length, sink);
                bh.consume(sink.pseudo);
                bh.consume(sink.headers.build());
            }
        }
    }

    /** Pseudo-fields aside (as the HTTP/2 connection keeps them), the rest into a HeaderMap. */
    static final class FieldSink implements HeaderFieldSink {
        final List<String> pseudo = new ArrayList<>(8);
        final HeaderMap.Builder headers = HeaderMap.builder();
        int malformed;

        @Override
        public void pseudoHeader(String name, String value) {
            pseudo.add(name);
            pseudo.add(value);
        }

        @Override
        public void header(HeaderName name, HeaderValue value) {
            headers.add(name, value);
        }

        @Override
        public void malformed(String name, String reason) {
            malformed++; // the recorded traffic has a few values with surrounding spaces (RFC 9113 §8.2.1)
        }

        int fields() {
            return pseudo.size() / 2 + headers.size() + malformed;
        }
    }
}
