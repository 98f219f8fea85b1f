/** TLS benchmarks (handshakes and record throughput, {@code sifr.tls} against the JDK's SSLSocket and Netty). */
package sifr.bench.tls;
