package sifr.tls;

/** The two halves of a {@link TlsStream#split()}: one reader and one writer, each for its own task. */
public record TlsHalves(TlsReadHalf reader, TlsWriteHalf writer) {
}
