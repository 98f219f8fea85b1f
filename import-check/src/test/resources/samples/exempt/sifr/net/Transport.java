package sifr.net;

import java.net.Socket;

class Transport {
    Socket socket;
}
