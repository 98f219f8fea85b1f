package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.net.TcpStream;
import sifr.net.internal.ForwardingByteStream;

/**
 * The hardening cases against our server over loopback TCP, driven by the raw peer: what
 * attackers of other WebSocket stacks used (ws GHSA-96hv-2xvq-fx4p fragment floods, Netty CVE-2014-0193,
 * decompression bombs) ends with the right close code, counted, with bounded work.
 */
@Timeout(30)
class WebSocketHardeningTest {
    private TcpListener listener;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    /** Counts the bytes our server reads. */
    static final class Counting extends ForwardingByteStream {
        final AtomicLong read = new AtomicLong();

        Counting(ByteStream s) {
            super(s);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = delegate.read(dst);
            if (n > 0) {
                read.addAndGet(n);
            }
            return n;
        }
    }

    private record Server(CompletableFuture<WebSocket> ws, CompletableFuture<Counting> stream) {
    }

    private Server serve(WebSocketOptions options) throws IOException {
        listener = Net.listenTcp("127.0.0.1:0");
        CompletableFuture<Counting> stream = new CompletableFuture<>();
        CompletableFuture<WebSocket> ws = CompletableFuture.supplyAsync(() -> {
            try {
                Counting c = new Counting(listener.accept());
                stream.complete(c);
                WebSocket s = WebSocket.accept(c, options);
                Thread.ofVirtual().start(() -> drain(s));
                return s;
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        return new Server(ws, stream);
    }

    private static void drain(WebSocket s) {
        try {
            while (!s.receive().isClose()) {
                // discard
            }
        } catch (IOException ignored) {
            // ended
        }
    }

    private RawPeer connect() throws IOException {
        TcpStream tcp = Net.connectTcp(listener.localAddr().toString());
        return RawPeer.client(tcp, "");
    }

    /** Reads frames until the Close; returns its code. */
    private static int closeCode(RawPeer peer) throws IOException {
        for (int i = 0; i < 1000; i++) {
            RawPeer.Frame f = peer.read();
            assertThat(f).as("a Close frame before the end of stream").isNotNull();
            if (f.opcode() == 8) {
                return f.closeCode();
            }
        }
        throw new AssertionError("no Close frame in 1000 frames");
    }

    /** Writes in the background, so a server that stops reading cannot stall the test. */
    private static void writeInBackground(RawPeer peer, byte[] bytes) {
        Thread.ofVirtual().start(() -> {
            try {
                peer.writeChopped(bytes, 64 * 1024);
            } catch (IOException ignored) {
                // the server may close first
            }
        });
    }

    @Test
    void fragmentFloodOf131072OneByteFragmentsCloses1009AtTheFragmentLimit() throws Exception {
        WebSocketOptions options = WebSocketOptions.defaults(); // 1,024 fragments per message
        Server server = serve(options);
        RawPeer peer = connect();
        ByteArrayOutputStream flood = new ByteArrayOutputStream();
        for (int i = 0; i < 131_072; i++) {
            byte[] f = peer.encode(i == 131_071, 0, i == 0 ? 1 : 0, new byte[] {'a'});
            flood.write(f, 0, f.length);
        }
        writeInBackground(peer, flood.toByteArray());
        assertThat(closeCode(peer)).isEqualTo(1009);
        assertThat(options.counters().messageTooBig()).isEqualTo(1);
        peer.close();
        WebSocket ws = server.ws().get(5, TimeUnit.SECONDS);
        assertThat(ws.receive().closeStatus().orElseThrow().code()).isEqualTo(1009); // our code, sent by us
    }

    @Test
    void fragmentFloodPastTheMessageSizeCloses1009() throws Exception {
        WebSocketOptions options = WebSocketOptions.builder().maxFragments(1_000_000).maxMessageSize(64 * 1024).build();
        serve(options);
        RawPeer peer = connect();
        ByteArrayOutputStream flood = new ByteArrayOutputStream();
        for (int i = 0; i < 131_072; i++) {
            byte[] f = peer.encode(i == 131_071, 0, i == 0 ? 2 : 0, new byte[] {'a'});
            flood.write(f, 0, f.length);
        }
        writeInBackground(peer, flood.toByteArray());
        assertThat(closeCode(peer)).isEqualTo(1009);
        assertThat(options.counters().messageTooBig()).isEqualTo(1);
    }

    @Test
    void deflateBombExpandingTo1GiBCloses1009AfterInflatingAtMostTheLimit() throws Exception {
        // 64 KiB of zeros deflated from an empty window, ended by a sync flush, is a self-contained run of
        // DEFLATE blocks: 16,384 copies of it are one valid stream of 1 GiB of zeros, about 1 MB on the wire.
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(new byte[64 * 1024]);
        byte[] block = new byte[1024];
        int n = d.deflate(block, 0, block.length, Deflater.SYNC_FLUSH);
        d.end();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        for (int i = 0; i < 16_384; i++) {
            bomb.write(block, 0, n);
        }
        WebSocketOptions options = WebSocketOptions.builder().permessageDeflate(true).build(); // 1 MiB messages
        Server server = serve(options);
        TcpStream tcp = Net.connectTcp(listener.localAddr().toString());
        RawPeer peer = RawPeer.client(tcp, "Sec-WebSocket-Extensions: permessage-deflate\r\n");
        assertThat(RawPeer.field(peer.handshakeHead, "sec-websocket-extensions")).startsWith("permessage-deflate");
        byte[] frame = peer.encode(true, 4, 2, bomb.toByteArray()); // RSV1: compressed
        assertThat(frame.length).isLessThan(2_000_000);
        writeInBackground(peer, frame);
        assertThat(closeCode(peer)).isEqualTo(1009);
        assertThat(options.counters().messageTooBig()).isEqualTo(1);
        server.ws().get(5, TimeUnit.SECONDS);
    }

    @Test
    void rfc6455Section5_2InvalidSixtyFourBitLengthCloses1002() throws Exception {
        WebSocketOptions options = WebSocketOptions.defaults();
        serve(options);
        RawPeer peer = connect();
        // 82: FIN binary; ff: MASK + 127; a length with the most significant bit set; a masking key
        peer.writeChopped(java.util.HexFormat.of().parseHex("82ff" + "8000000000000005" + "01020304"), 0);
        assertThat(closeCode(peer)).isEqualTo(1002);
        assertThat(options.counters().protocolErrors()).isEqualTo(1);
    }

    @Test
    void rfc6455Section5_1UnmaskedClientFramesClose1002() throws Exception {
        WebSocketOptions options = WebSocketOptions.defaults();
        serve(options);
        RawPeer peer = connect();
        peer.writeChopped(java.util.HexFormat.of().parseHex("810548656c6c6f"), 0); // unmasked "Hello"
        assertThat(closeCode(peer)).isEqualTo(1002);
        assertThat(options.counters().protocolErrors()).isEqualTo(1);
    }

    @Test
    void peerThatNeverAnswersCloseIsDisconnectedAfterTheCloseTimeout() throws Exception {
        WebSocketOptions options = WebSocketOptions.builder().closeTimeout(java.time.Duration.ofMillis(300)).build();
        Server server = serve(options);
        RawPeer peer = connect();
        WebSocket ws = server.ws().get(5, TimeUnit.SECONDS);
        ws.close(CloseStatus.GOING_AWAY, "shutting down"); // the raw peer never answers
        assertThat(ws.closeStatus().orElseThrow().code()).isEqualTo(1001);
        assertThat(options.counters().closeTimeouts()).isEqualTo(1);
        assertThat(closeCode(peer)).isEqualTo(1001);
        assertThat(peer.read()).isNull(); // the socket is closed
    }

    @Test
    void twentyMegabyteUpgradeHeaderIsAnswered431AfterReadingAtMostTheLimit() throws Exception {
        WebSocketOptions options = WebSocketOptions.defaults(); // 64 KiB handshake
        Server server = serve(options);
        TcpStream tcp = Net.connectTcp(listener.localAddr().toString());
        byte[] head = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Big: ")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        Thread.ofVirtual().start(() -> {
            try {
                tcp.writeAll(head);
                tcp.writeAll(big);
            } catch (IOException ignored) {
                // the server closes after its answer
            }
        });
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int r;
        while (answer.size() < 12 && (r = tcp.read(ByteBuffer.wrap(buf))) > 0) {
            answer.write(buf, 0, r);
        }
        assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 431");
        assertThat(options.counters().rejectedHandshakes()).isEqualTo(1);
        // Linear, bounded work: the server stopped reading at the limit (plus one read buffer).
        assertThat(server.stream().get(5, TimeUnit.SECONDS).read.get()).isLessThan(64 * 1024 + 32 * 1024);
        tcp.close();
    }
}
