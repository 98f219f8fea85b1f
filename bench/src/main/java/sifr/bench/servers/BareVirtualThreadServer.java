package sifr.bench.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The runtime's floor for the load runs: plain JDK {@link SocketChannel}s in blocking mode, one
 * virtual thread per connection, no HTTP parsing beyond counting {@code \r\n\r\n} (requests carry no
 * body in these benchmarks), a fixed pre-encoded response per request and one write per read burst.
 * No timeouts, no limits, no validation: it shows how far Sifr's HttpServer is from what the JDK's
 * virtual threads and NIO can do at all, next to Netty's figure in the same run.
 *
 * <p>{@code -Dbench.yield=true} adds the one trick Sifr's server uses on this path (a
 * {@code Thread.yield()} after each response, before the next read), to see its effect alone.
 */
@SuppressWarnings("SIFR-IMPORT-0008") // the point of this class: the JDK's own channels, without Sifr
public final class BareVirtualThreadServer {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: "
            + ServerArgs.HELLO.length() + "\r\n\r\n" + ServerArgs.HELLO).getBytes(StandardCharsets.US_ASCII);

    private static final boolean YIELD = Boolean.getBoolean("bench.yield");

    private BareVirtualThreadServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = ServerArgs.port(args, BareVirtualThreadServer.class.getName());
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        ServerArgs.announce("bare-vthread", ((InetSocketAddress) server.getLocalAddress()).getPort());
        while (true) {
            SocketChannel ch = server.accept();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Thread.ofVirtual().start(() -> serve(ch));
        }
    }

    private static void serve(SocketChannel ch) {
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        int matched = 0; // how many bytes of \r\n\r\n the bytes so far end with
        try (ch) {
            while (ch.read(in) > 0) {
                byte[] b = in.array();
                int requests = 0;
                for (int i = 0, n = in.position(); i < n; i++) {
                    byte c = b[i];
                    matched = (c == '\r') ? (matched == 2 ? 3 : 1)
                            : (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                            : 0;
                    if (matched == 4) {
                        requests++;
                        matched = 0;
                    }
                }
                in.clear();
                for (int r = 0; r < requests; r++) {
                    if (out.remaining() < RESPONSE.length) {
                        write(ch, out);
                    }
                    out.put(RESPONSE);
                }
                write(ch, out);
                if (YIELD) {
                    Thread.yield();
                }
            }
        } catch (IOException e) {
            // peer gone: the connection simply ends
        }
    }

    private static void write(SocketChannel ch, ByteBuffer out) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            ch.write(out);
        }
        out.clear();
    }
}
