import java.net.Socket;

class Tiny {
	Socket open() throws java.io.IOException { return new Socket("localhost", 80); }
}
