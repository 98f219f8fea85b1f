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

    // A legacy type that is only inferred is not written here: javac's synthetic type trees for
    // var and for implicitly typed lambda parameters do not count as uses.
    String host() {
        var location = new java.io.File("x").toURI();
        return java.util.Optional.of(location).map(uri -> uri.getHost()).orElse("");
    }

    void fail() throws URISyntaxException {
        throw new URISyntaxException("x", "y");
    }
}
