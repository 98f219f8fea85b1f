package sifr.http.internal;

import java.io.IOException;

/**
 * A body that reads its bytes into an array the transport owns, so a transport sending it reuses one
 * buffer for the whole body instead of taking a fresh array per {@code readChunk}. The HTTP/1.1 writer
 * reads such a body straight into its output buffer, behind the response head; the array of each
 * {@code readChunk} was allocated and zeroed only to be copied into the socket and dropped (about 4 % of
 * the server's CPU in a 1 GiB download from {@code BodyStream.ofInputStream}, perf 2026-12-04).
 * Implemented by the bodies of {@code BodyStream.ofInputStream}.
 *
 * <p>Reading this way and through {@code readChunk} consume the same bytes, in order; the body's
 * single consumer may mix them.
 */
public interface ArrayReadable {
    /**
     * Reads at least one and at most {@code len} ({@code >= 1}) bytes into {@code dst} from {@code off},
     * blocking until some are there; returns how many, or -1 at the end of the body (afterwards the
     * body reads as consumed, as after {@code readChunk} returned its empty end).
     *
     * @throws sifr.http.BodyError when the body ends before its declared length, or was consumed
     */
    int readInto(byte[] dst, int off, int len) throws IOException;
}
