/**
 * Secure-by-default TLS over any {@link sifr.net.ByteStream}, driven by JSSE's SSLEngine (Rustls'
 * policy; verification cannot be turned off).
 *
 * <table>
 * <caption>Start here</caption>
 * <tr><th>To</th><th>Start with</th></tr>
 * <tr><td>make a client trust a CA or the platform's roots</td><td>{@link sifr.tls.Tls#clientConfigFromCaPem(byte[])}, {@link sifr.tls.Tls#clientConfigPlatform()}</td></tr>
 * <tr><td>serve TLS with a certificate and key (PEM)</td><td>{@link sifr.tls.Tls#serverConfig(byte[], byte[])}</td></tr>
 * <tr><td>require client certificates</td><td>{@link sifr.tls.Tls#serverConfigRequireClientAuth(byte[], byte[], byte[])}</td></tr>
 * <tr><td>handshake over a stream</td><td>{@link sifr.tls.TlsClientConfig#connect(String, sifr.net.ByteStream)}, {@link sifr.tls.TlsServerConfig#accept(sifr.net.ByteStream)} &rarr; {@link sifr.tls.TlsStream}</td></tr>
 * <tr><td>change ALPN or the handshake timeout</td><td>{@code config.toBuilder()}</td></tr>
 * <tr><td>tell failures apart</td><td>{@link sifr.tls.TlsError}, {@link sifr.tls.CertificateError} (the refused rule in its message)</td></tr>
 * </table>
 */
package sifr.tls;
