/** HTTP/2 benchmarks (frame codec, flow control); HPACK has its own package {@code sifr.bench.hpack}. */
package sifr.bench.http2;
