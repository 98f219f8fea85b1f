package sifr.http.internal;

import java.io.IOException;
import java.util.OptionalLong;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;

/**
 * A body that forwards every call to another: the base of the wrappers that watch or count a body,
 * so each names only what it changes. {@code collectWithLimit} and {@code inputStream} keep their
 * defaults, which read through {@link #readChunk()}, so a wrapper sees every byte.
 */
public abstract class ForwardingBody implements BodyStream {
    protected final BodyStream body;

    protected ForwardingBody(BodyStream body) {
        this.body = body;
    }

    @Override
    public byte[] readChunk() throws IOException {
        return body.readChunk();
    }

    @Override
    public OptionalLong length() {
        return body.length();
    }

    @Override
    public HeaderMap trailers() {
        return body.trailers();
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
