package sifr.http.internal.h1;

import java.io.IOException;
import sifr.http.BodyStream;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.HttpConnection;
import sifr.http.HttpResponse;
import sifr.http.RequestHead;
import sifr.http.Version;

/** Adds the URL's {@code host} field to requests that have none (RFC 9112 §3.2 requires one). */
public final class H1HostConnection implements HttpConnection {
    private final HttpConnection delegate;
    private final HeaderValue host;

    public H1HostConnection(HttpConnection delegate, String host) {
        this.delegate = delegate;
        this.host = HeaderValue.of(host);
    }

    @Override
    public HttpResponse send(RequestHead head, BodyStream body) throws IOException {
        RequestHead withHost = head.headers().contains(HeaderName.HOST) ? head
                : head.withHeaders(head.headers().toBuilder().add(HeaderName.HOST, host).build());
        return delegate.send(withHost, body);
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
