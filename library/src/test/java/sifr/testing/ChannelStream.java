package sifr.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import sifr.net.ByteStream;
import sifr.net.NetError;
import sifr.net.SocketAddr;

/**
 * A minimal blocking {@link ByteStream} over a JDK {@link SocketChannel}, for interop tests of the
 * layers above TCP while {@code sifr.net.TcpStream} is not available to them. Test code only.
 */
public final class ChannelStream implements ByteStream {
    private final SocketChannel channel;

    private ChannelStream(SocketChannel channel) {
        this.channel = channel;
    }

    public static ChannelStream connect(String host, int port) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new ChannelStream(channel);
    }

    public static ChannelStream of(SocketChannel channel) {
        return new ChannelStream(channel);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        return channel.read(dst);
    }

    @Override
    public byte[] read(int maxBytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
        int n = read(buffer);
        byte[] result = new byte[Math.max(n, 0)];
        buffer.flip().get(result);
        return result;
    }

    @Override
    public int write(byte[] data) throws IOException {
        writeAll(ByteBuffer.wrap(data));
        return data.length;
    }

    @Override
    public void writeAll(ByteBuffer src) throws IOException {
        try {
            while (src.hasRemaining()) {
                channel.write(src);
            }
        } catch (IOException e) {
            throw new NetError("write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void shutdownWrite() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public SocketAddr localAddr() {
        try {
            return SocketAddr.of((InetSocketAddress) channel.getLocalAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SocketAddr remoteAddr() {
        try {
            return SocketAddr.of((InetSocketAddress) channel.getRemoteAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
