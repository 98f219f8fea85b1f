package bad;

import static java.net.URLEncoder.encode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.*;

class TlsAndUrls {
    SSLContext context;

    String query(String value) {
        return encode(value, StandardCharsets.UTF_8);
    }

    URI parse(String text) throws java.net.URISyntaxException {
        return new URI(text);
    }

    String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    String ascii(String host) {
        return java.net.IDN.toASCII(host);
    }

    void handshake(SSLEngine engine) throws SSLException {
    }
}
