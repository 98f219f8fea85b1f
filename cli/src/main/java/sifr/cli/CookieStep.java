package sifr.cli;

import java.util.List;
import java.util.Map;
import sifr.http.HeaderError;
import sifr.http.Http;

/** Cookie parsing as in the seed, plus one rejected header. */
final class CookieStep implements DemoStep {

    @Override
    public String title() {
        return "cookie parsing";
    }

    @Override
    public String run() {
        List<Map.Entry<String, String>> cookies = Http.parseCookieHeader("session=demo; mode=substrate");
        String rejected;
        try {
            Http.parseCookieHeader("session=demo\r\nx-injected: 1");
            throw new IllegalStateException("a cookie header with a line break was accepted");
        } catch (HeaderError e) {
            rejected = e.getMessage();
        }
        return "\"session=demo; mode=substrate\" -> " + cookies + "; a header with CRLF is rejected: " + rejected;
    }
}
