/** Async TCP over NIO channels on virtual threads: {@link sifr.net.ByteStream}, streams, listeners, resolution. */
package sifr.net;
