package allowed;

import java.net.URI;
import java.net.URL;

@SuppressWarnings("SIFR-IMPORT-0008:java.net.URI")
class Comparisons {
    URI reference = URI.create("http://example.com/");
    URL notAllowed;

    @SuppressWarnings("SIFR-IMPORT-0008")
    java.net.Socket anything() {
        return new java.net.Socket();
    }

    void local() {
        @SuppressWarnings("SIFR-IMPORT-0008:javax.net.ssl.*")
        javax.net.ssl.SSLContext context = null;
        javax.net.ssl.SSLEngine engine = null;
    }
}
