/** TCP benchmarks (e.g. echo throughput and connect latency, {@code sifr.net} against Netty). */
package sifr.bench.tcp;
