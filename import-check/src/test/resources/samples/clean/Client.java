package clean;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.util.List;

// Mentions of java.net.URI in comments and strings are not uses.
class Client {
    Socket own = new Socket();
    List<String> names = List.of("java.net.URI", "javax.net.ssl.SSLContext");

    InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    void fail() throws URISyntaxException {
        throw new URISyntaxException("x", "y");
    }
}
