/**
 * Typed HTTP primitives (methods, statuses, headers, bodies, cookies), a pooled client, a server with
 * routing and static files, and HTTP/1.1 and HTTP/2 transport.
 *
 * <table>
 * <caption>Start here</caption>
 * <tr><th>To</th><th>Start with</th></tr>
 * <tr><td>send requests (pooled, redirects, retries, decompression)</td><td>{@link sifr.http.HttpClient#create()}, {@link sifr.http.HttpClient#builder()}</td></tr>
 * <tr><td>talk over one connection you manage</td><td>{@link sifr.http.HttpConnection#open(String, sifr.http.HttpClientOptions)}</td></tr>
 * <tr><td>run a server (HTTP/1.1, h2, h2c, TLS)</td><td>{@link sifr.http.HttpServer#start(String, sifr.http.HttpHandler, sifr.http.HttpServerOptions)} with {@link sifr.http.HttpServerOptions}</td></tr>
 * <tr><td>route requests by method and path</td><td>{@link sifr.http.Router}, wrappers through {@link sifr.http.Middleware} and {@link sifr.http.Handlers}</td></tr>
 * <tr><td>serve a directory</td><td>{@link sifr.http.StaticFiles#handler(java.nio.file.Path, sifr.http.StaticFilesOptions)}</td></tr>
 * <tr><td>build responses, cookies</td><td>{@link sifr.http.Responses}, {@link sifr.http.SetCookie}; a client's cookies in {@link sifr.http.CookieJar}</td></tr>
 * <tr><td>headers and bodies</td><td>{@link sifr.http.HeaderMap}, {@link sifr.http.BodyStream}</td></tr>
 * <tr><td>serve one stream yourself (low level)</td><td>{@link sifr.http.Http1}, {@link sifr.http.Http2}</td></tr>
 * <tr><td>Sifr's function names</td><td>{@link sifr.http.Http} (thin aliases of the types above)</td></tr>
 * <tr><td>tell failures apart</td><td>{@link sifr.http.HttpError} and {@link sifr.http.HttpError#isRetryable()}, {@link sifr.http.BodyError}, {@link sifr.http.HeaderError}, {@link sifr.http.GoawayError}, {@link sifr.http.RefusedStreamError}</td></tr>
 * </table>
 */
package sifr.http;
