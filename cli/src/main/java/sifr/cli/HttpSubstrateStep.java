package sifr.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Http;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;

/** The seed's "Full HTTP Substrate Demo": heads, headers and a collected body. */
final class HttpSubstrateStep implements DemoStep {

    @Override
    public String title() {
        return "HTTP substrate: heads, headers, body";
    }

    @Override
    public String run() throws Exception {
        HeaderMap headers = Http.headersFromPairs(List.of(
                Map.entry("content-type", "application/octet-stream"),
                Map.entry("cookie", "session=demo; mode=substrate")));
        RequestHead request = Http.requestHead("POST", "/demo/network-http", headers);
        BodyStream body = Http.bodyFromChunks(List.of(ascii("ping"), ascii("-http")));
        byte[] collected = body.collectWithLimit(32);
        ResponseHead response = Http.responseHead(201, Http.headersFromPairs(
                List.of(Map.entry("x-sifr-demo", "network-http"))), "HTTP/1.1");
        if (!request.method().value().equals("POST") || response.status().code() != 201) {
            throw new IllegalStateException("unexpected heads: " + request + " / " + response);
        }
        return request.method().value() + " " + request.path() + " with " + headers.size() + " headers, body \""
                + new String(collected, StandardCharsets.UTF_8) + "\" collected under a 32-byte limit, response "
                + response.status() + " " + response.version() + " x-sifr-demo="
                + response.headers().get("X-Sifr-Demo").orElse("?");
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
