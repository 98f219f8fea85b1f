package other.net;

import java.net.Socket;

class Transport {
    Socket socket;
}
