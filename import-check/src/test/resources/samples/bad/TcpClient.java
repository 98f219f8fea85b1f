package bad;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.Selector;

class TcpClient {
    private java.net.ServerSocket listener;
    private final java.util.List<Socket> open = new java.util.ArrayList<>();

    Socket connect(String host) throws IOException {
        Socket socket = new Socket(host, 80);
        open.add(socket);
        return socket;
    }

    java.nio.channels.SocketChannel channel() throws IOException {
        return java.nio.channels.SocketChannel.open();
    }

	Selector selector() throws IOException {
		return Selector.open();
	}
}
