package sifr.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Shared inputs, so Sifr and the peers are measured on the same bytes: a browser-like request with
 * the header set a current Chrome sends for a page load (13 fields, about 700 bytes of head), and a
 * small API-style request.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** Names and values alternating, in the order a browser sends them. */
    public static final List<String> BROWSER_HEADERS = List.of(
            "host", "www.example.com",
            "connection", "keep-alive",
            "cache-control", "max-age=0",
            "sec-ch-ua", "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"",
            "sec-ch-ua-mobile", "?0",
            "sec-ch-ua-platform", "\"Linux\"",
            "upgrade-insecure-requests", "1",
            "user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
            "sec-fetch-site", "none",
            "accept-encoding", "gzip, deflate, br, zstd",
            "accept-language", "en-US,en;q=0.9,de;q=0.8",
            "cookie", "session=3f2a9c0e5b7d41a8; theme=dark; _ga=GA1.2.1234567890.1700000000");

    /** A small API call: method, path and four fields. */
    public static final List<String> API_HEADERS = List.of(
            "host", "api.example.com",
            "accept", "application/json",
            "authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl",
            "content-length", "0");

    /** An HTTP/1.1 request head (request line, fields, empty line) as bytes on the wire. */
    public static byte[] http1RequestHead(String method, String target, List<String> headers) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (int i = 0; i < headers.size(); i += 2) {
            sb.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The browser page load: {@code GET /docs/index.html?lang=en} with {@link #BROWSER_HEADERS}. */
    public static byte[] browserRequestHead() {
        return http1RequestHead("GET", "/docs/index.html?lang=en", BROWSER_HEADERS);
    }

    /** The API call: {@code GET /v1/items/42} with {@link #API_HEADERS}. */
    public static byte[] apiRequestHead() {
        return http1RequestHead("GET", "/v1/items/42", API_HEADERS);
    }
}
