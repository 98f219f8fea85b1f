package sifr.http.internal.client;

import java.time.Duration;
import java.util.Optional;
import sifr.http.CookieJar;
import sifr.http.HttpClient;
import sifr.http.Redirects;

/**
 * What one {@link ClientCall} needs from its client: the pool and the call-level rules. Built once by
 * {@code HttpClient.Builder.build()}.
 *
 * @param requestTimeout bound on a whole exchange, redirects and retries included, body read included
 * @param readTimeout bound on each wait for the response: its head, and each chunk of its body
 * @param maxResponseBodyBytes largest response body (decoded size when decompressing)
 * @param decompression offer {@code Accept-Encoding: gzip, deflate} and decode the answer
 * @param cookieJar where cookies are kept and taken from, when the client has one
 */
public record ClientSettings(ConnectionPool pool, HttpClient.Listener listener, Redirects redirects,
        Optional<Duration> requestTimeout, Duration readTimeout, int maxRetries, long maxResponseBodyBytes,
        boolean decompression, Optional<CookieJar> cookieJar) {
}
