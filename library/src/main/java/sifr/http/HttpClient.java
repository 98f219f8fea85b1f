package sifr.http;

import java.io.IOException;

/**
 * The HTTP client. The pooled client (issue 17) is being built here; {@link HttpConnection#open}
 * opens one connection.
 */
public final class HttpClient {
    private HttpClient() {
    }

    /** @deprecated renamed: use {@link HttpConnection#open(String)}. */
    @Deprecated(forRemoval = true)
    public static HttpConnection connect(String url) throws IOException {
        return HttpConnection.open(url);
    }

    /** @deprecated renamed: use {@link HttpConnection#open(String, HttpClientOptions)}. */
    @Deprecated(forRemoval = true)
    public static HttpConnection connect(String url, HttpClientOptions options) throws IOException {
        return HttpConnection.open(url, options);
    }
}
