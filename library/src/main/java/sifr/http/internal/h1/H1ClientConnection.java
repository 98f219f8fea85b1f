package sifr.http.internal.h1;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HttpConnection;
import sifr.http.HttpError;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.ResponseHead;
import sifr.http.Version;
import sifr.http.internal.ForwardingBody;
import sifr.http.internal.PublicErrors;
import sifr.net.ByteStream;
import sifr.net.NetError;
import sifr.tls.TlsError;

/**
 * The client side of one HTTP/1.1 connection: one exchange at a time (a {@link ReentrantLock}, never
 * {@code synchronized}, since exchanges block on I/O), keep-alive reuse when both sides allow it,
 * chunked request bodies when the length is unknown, interim 1xx responses skipped. The response
 * body streams from the connection; the next {@link #send} drains a small unread rest or, if it is
 * large, finds the connection closed.
 */
public final class H1ClientConnection implements HttpConnection {
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteStream stream;
    private final H1Limits limits;
    private final long maxResponseBodyBytes;
    private final H1Input in;
    private final H1Buffer out = new H1Buffer(4096);
    private final H1HeadParser parser;
    private H1BodyReader current;
    private volatile boolean open = true;

    public H1ClientConnection(ByteStream stream, H1Limits limits, long maxResponseBodyBytes) {
        this.stream = stream;
        this.limits = limits;
        this.maxResponseBodyBytes = maxResponseBodyBytes;
        this.in = new H1Input(stream, 8192, limits.maxStartLineBytes() + limits.maxHeaderSectionBytes() + 4096);
        this.parser = new H1HeadParser(limits);
    }

    @Override
    public HttpResponse send(RequestHead head, BodyStream body) throws IOException {
        lock.lock();
        try {
            if (current != null && !current.isDone()) {
                current.close(); // drains a small rest; a large one ends the connection
            }
            if (!open) {
                throw new HttpError("HTTP/1.1 connection is closed");
            }
            SourceWatch source = new SourceWatch(body);
            boolean requestClose;
            try {
                requestClose = writeRequest(head, source);
            } catch (NetError | TlsError e) {
                if (source.failed) {
                    throw e;
                }
                return earlyResponse(head, e);
            }
            return readResponse(head, requestClose);
        } catch (IOException e) {
            closeQuietly();
            throw PublicErrors.of(e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private boolean writeRequest(RequestHead head, BodyStream body) throws IOException {
        H1Encoder.requestLine(out, head.method(), head.path(), head.version() == Version.HTTP_1_0 ? Version.HTTP_1_0 : Version.HTTP_1_1);
        HeaderMap fields = head.headers();
        boolean close = false;
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderName name = fields.nameAt(i);
            if (name.equals(HeaderName.CONTENT_LENGTH) || name.equals(HeaderName.TRANSFER_ENCODING)) {
                continue; // framing is ours to decide from the body
            }
            if (name.equals(HeaderName.CONNECTION) && H1Framing.hasToken(fields.valueAt(i).value(), "close")) {
                close = true;
            }
            H1Encoder.field(out, name, fields.valueAt(i));
        }
        OptionalLong length = body.length();
        Method m = head.method();
        boolean bodyExpected = m.equals(Method.POST) || m.equals(Method.PUT) || m.equals(Method.PATCH);
        try {
            if (length.isPresent()) {
                if (length.getAsLong() > 0 || bodyExpected) {
                    H1Encoder.contentLength(out, length.getAsLong());
                }
                H1Encoder.endOfHead(out);
                H1BodyWriter.fixed(out, stream, body, length.getAsLong());
            } else {
                H1Encoder.transferEncodingChunked(out);
                H1Encoder.endOfHead(out);
                H1BodyWriter.chunked(out, stream, body);
            }
        } finally {
            body.close();
        }
        H1BodyWriter.flush(out, stream);
        out.shrinkTo(H1ServerConnection.IDLE_OUTPUT); // a streamed request body grew it to 64 KiB: not kept while pooled
        return close || head.version() == Version.HTTP_1_0;
    }

    /** The output buffer's size while no request is written (tests). */
    int outputCapacity() {
        return out.capacity();
    }

    private HttpResponse readResponse(RequestHead request, boolean requestClose) throws IOException {
        while (true) {
            parser.reset();
            int n;
            try {
                while ((n = parser.parseResponse(in.buf, in.start, in.available())) == H1HeadParser.PARTIAL) {
                    if (!in.fill()) {
                        throw new HttpError("connection closed before the response head");
                    }
                }
            } catch (H1ParseError e) {
                throw malformedResponse(e);
            }
            in.consume(n);
            ResponseHead head = parser.responseHead();
            int code = head.status().code();
            if (code >= 100 && code < 200 && code != 101) {
                continue; // interim response (100 Continue, 103 Early Hints): the final one follows
            }
            H1Framing framing = H1Framing.ofResponse(head, request.method());
            boolean reusable = code != 101 && !requestClose && H1Framing.keepAlive(head.version(), head.headers())
                    && framing.kind() != H1Framing.Kind.UNTIL_CLOSE;
            H1BodyReader body = new H1BodyReader(in, framing, limits, maxResponseBodyBytes, "response", complete -> {
                if (!complete || !reusable) {
                    closeQuietly();
                }
            });
            current = body;
            return HttpResponse.of(head, body);
        }
    }

    /**
     * Writing the request failed at the transport: a server that answers before reading the whole body
     * (413, 401, ...) and closes makes the rest of the body fail with a reset or a broken pipe, while its
     * answer already sits in our receive buffer. That answer is what the caller needs, so read it; the
     * connection is not reused. If there is none, the write failure stands.
     */
    private HttpResponse earlyResponse(RequestHead head, IOException writeFailure) throws IOException {
        try {
            return readResponse(head, true); // a final response: interim ones are skipped
        } catch (IOException | RuntimeException readFailure) {
            writeFailure.addSuppressed(readFailure);
        }
        throw writeFailure;
    }

    /** The request body, noting whether a failure came from it (and not from the connection). */
    private static final class SourceWatch extends ForwardingBody {
        boolean failed;

        SourceWatch(BodyStream body) {
            super(body);
        }

        @Override
        public byte[] readChunk() throws IOException {
            try {
                return body.readChunk();
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }

    /**
     * A response head we cannot parse, as a public {@link HttpError}. A TLS record (handshake 0x16 or
     * alert 0x15, then major version 3) where the status line should be means a TLS port.
     */
    private HttpError malformedResponse(H1ParseError e) {
        if (in.available() >= 2 && (in.buf[in.start] == 0x15 || in.buf[in.start] == 0x16) && in.buf[in.start + 1] == 3) {
            return new HttpError("the server answered with TLS: use https://", e);
        }
        return new HttpError("malformed HTTP/1.1 response: " + e.getMessage(), e);
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private void closeQuietly() {
        open = false;
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing after a failure; the failure is what the caller sees
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        stream.close();
    }
}
