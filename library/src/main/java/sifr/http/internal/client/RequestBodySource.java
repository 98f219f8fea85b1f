package sifr.http.internal.client;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HttpError;

/**
 * A call's request body, for each attempt and redirect: a body of known length up to
 * {@link #REPLAY_LIMIT} is read into memory once and can be sent again (a retry, a 307/308); any other
 * body streams once, without buffering (a file upload), and a call that would need it again returns
 * what it has instead (no retry; the 307/308 itself).
 */
final class RequestBodySource {
    /** Largest request body kept to be sent again. */
    static final int REPLAY_LIMIT = 64 * 1024;

    private final BodyStream once;    // streamed body, null when buffered or none
    private final byte[] bytes;       // buffered body, null when streamed or none
    private final HeaderMap trailers;
    private boolean used;

    private RequestBodySource(BodyStream once, byte[] bytes, HeaderMap trailers) {
        this.once = once;
        this.bytes = bytes;
        this.trailers = trailers;
    }

    static RequestBodySource none() {
        return new RequestBodySource(null, null, HeaderMap.empty());
    }

    static RequestBodySource of(BodyStream body) throws IOException {
        OptionalLong n = body.length();
        if (n.isPresent() && n.getAsLong() == 0 && body.trailers().isEmpty()) {
            body.close();
            return none();
        }
        if (n.isPresent() && n.getAsLong() <= REPLAY_LIMIT) {
            try (body) {
                byte[] b = body.collectWithLimit(n.getAsLong());
                if (b.length != n.getAsLong()) {
                    throw new HttpError("request body ended after " + b.length + " of " + n.getAsLong() + " bytes");
                }
                return new RequestBodySource(null, b, body.trailers());
            }
        }
        return new RequestBodySource(body, null, HeaderMap.empty());
    }

    /** True unless the request has no body. */
    boolean hasBody() {
        return once != null || bytes != null;
    }

    /** True while the body can be handed out (again). */
    boolean replayable() {
        return once == null || !used;
    }

    /** The body for the next attempt. */
    BodyStream next() throws HttpError {
        if (bytes != null) {
            return trailers.isEmpty() ? BodyStream.ofBytes(bytes) : BodyStream.ofChunks(List.of(bytes), trailers);
        }
        if (once == null) {
            return BodyStream.empty();
        }
        if (used) {
            throw new HttpError("the request body was streamed once and cannot be sent again");
        }
        used = true;
        return once;
    }

    /** Releases a streamed body that no attempt took. */
    void close() {
        if (once != null && !used) {
            try {
                once.close();
            } catch (IOException ignored) {
                // the call is over; the body's source had nothing more to give
            }
        }
    }
}
