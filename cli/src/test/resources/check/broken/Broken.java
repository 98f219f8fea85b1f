package broken;

import java.net.Socket;

final class Broken {
    Socket socket
}
