/** Secure-by-default TLS over any {@link sifr.net.ByteStream}, driven by JSSE's SSLEngine. */
package sifr.tls;
