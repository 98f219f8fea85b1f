/**
 * WHATWG URLs: parsing, serialization, setters, form-urlencoded queries and IDNA.
 *
 * <table>
 * <caption>Start here</caption>
 * <tr><th>To</th><th>Start with</th></tr>
 * <tr><td>parse or resolve a URL</td><td>{@link sifr.url.Url#parse(String)}, {@link sifr.url.Url#parse(String, sifr.url.Url)}</td></tr>
 * <tr><td>read or change its parts</td><td>the getters and setters of {@link sifr.url.Url}</td></tr>
 * <tr><td>read or build a query string</td><td>{@link sifr.url.UrlQuery}, {@link sifr.url.Url#parseQuery(String)}</td></tr>
 * <tr><td>percent-encode or decode</td><td>{@link sifr.url.Url#percentEncode(String)}, {@link sifr.url.Url#percentDecode(String)}</td></tr>
 * <tr><td>tell failures apart</td><td>{@link sifr.url.UrlError}</td></tr>
 * </table>
 */
package sifr.url;
