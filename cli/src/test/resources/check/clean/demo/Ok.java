package demo;

import java.net.InetAddress;
import sifr.net.ByteStream;

/** Uses nothing legacy: InetAddress is not on the list, and sifr.* is the replacement. */
final class Ok {
    ByteStream stream;

    String loopback() {
        return InetAddress.getLoopbackAddress().getHostAddress() + " java.net.Socket";
    }
}
