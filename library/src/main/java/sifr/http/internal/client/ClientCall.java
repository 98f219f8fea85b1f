package sifr.http.internal.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.HttpClient;
import sifr.http.HttpError;
import sifr.http.HttpResponse;
import sifr.http.Method;
import sifr.http.Proxy;
import sifr.http.RequestHead;
import sifr.http.Version;
import sifr.http.internal.ForwardingBody;
import sifr.task.TimeoutError;
import sifr.task.internal.Deadlines;
import sifr.task.internal.TaskContext;
import sifr.url.Url;

/**
 * One call of {@code HttpClient}: attempts on pooled connections, retried as {@link RetryRule} allows,
 * and redirects followed as {@link RedirectRule} and {@link RedirectTrail} allow. Runs on the caller's
 * thread; every blocking step obeys the call's deadline (the request timeout) under the caller's own
 * task deadline and cancellation, through {@code sifr.task}'s context.
 */
public final class ClientCall {
    private static final AtomicLong IDS = new AtomicLong();

    private final ClientSettings settings;
    private final HttpClient.Listener listener;
    private final HttpClient.Call call;
    private final CallEvents events;
    private final long deadline; // System.nanoTime() value, or TaskContext.NO_DEADLINE
    private final long maxResponseBodyBytes; // this call's: its own or the client's

    private ClientCall(ClientSettings settings, Method method, Url url, long maxResponseBodyBytes) {
        this.settings = settings;
        this.maxResponseBodyBytes = maxResponseBodyBytes;
        this.listener = settings.listener();
        this.call = new HttpClient.Call(IDS.incrementAndGet(), method, url);
        this.events = new CallEvents(listener, call);
        this.deadline = settings.requestTimeout().map(t -> TaskContext.after(t.toNanos())).orElse(TaskContext.NO_DEADLINE);
    }

    /**
     * Sends {@code method url} with {@code headers} and {@code body}; returns the final response (its
     * body streams, and its connection returns to the pool once the body is read or closed). Every
     * response body read, redirects' included, stops past {@code maxResponseBodyBytes}.
     */
    public static HttpResponse execute(ClientSettings settings, Method method, Url url, HeaderMap headers, BodyStream body,
            long maxResponseBodyBytes) throws IOException {
        ClientCall c = new ClientCall(settings, method, url, maxResponseBodyBytes);
        c.listener.callStart(c.call);
        try {
            return c.run(method, url, headers, body);
        } catch (IOException e) {
            c.listener.callFailed(c.call, e);
            throw e;
        }
    }

    private HttpResponse run(Method method, Url url, HeaderMap headers, BodyStream body) throws IOException {
        RequestBodySource source = RequestBodySource.of(body);
        try {
            RedirectTrail trail = new RedirectTrail(method, url, cookieHeader(url, headers).orElse(null));
            while (true) {
                HttpResponse response = sendWithRetries(method, url, headers, source);
                Optional<RedirectRule.Step> step = RedirectRule.next(settings.redirects(), url, method, headers,
                        response.status().code(), response.headers().get(HeaderName.LOCATION), source.hasBody(),
                        source.replayable());
                if (step.isEmpty()) {
                    listener.callEnd(call, response.head());
                    return response.withUrl(url);
                }
                RedirectRule.Step next = step.get();
                closeQuietly(response); // its connection goes back: a small body is drained, a large one closes it
                trail.follow(next.method(), next.url(), cookieHeader(next.url(), next.headers()).orElse(null));
                listener.redirect(call, response.status().code(), url, next.url());
                url = next.url();
                method = next.method();
                headers = next.headers();
                if (!next.keepsBody()) {
                    source.close();
                    source = RequestBodySource.none();
                }
            }
        } finally {
            source.close();
        }
    }

    private HttpResponse sendWithRetries(Method method, Url url, HeaderMap headers, RequestBodySource source)
            throws IOException {
        Origin origin = Origin.of(url);
        String target = url.path().isEmpty() ? "/" : url.path() + url.query().map(q -> "?" + q).orElse("");
        HeaderMap fields = headers.contains(HeaderName.HOST) ? headers
                : headers.toBuilder().add(HeaderName.HOST, HeaderValue.of(origin.hostField())).build();
        // decoded only when we offered: a caller who set Accept-Encoding (or a Range) wants the bytes as sent
        boolean decode = settings.decompression() && ContentDecoding.shouldOffer(fields);
        if (decode) {
            fields = ContentDecoding.offer(fields);
        }
        Optional<String> cookie = cookieHeader(url, fields);
        if (cookie.isPresent()) {
            fields = fields.set(HeaderName.COOKIE, HeaderValue.of(cookie.get()));
        }
        Proxy proxy = settings.pool().proxy();
        if (proxy != null && !origin.https()) {
            target = ProxyTunnel.absoluteTarget(url); // RFC 9112 §3.2.2: a proxy takes the absolute form
            fields = ProxyTunnel.withAuthorization(fields, proxy);
        }
        RequestHead head = new RequestHead(method, target, fields, Version.HTTP_1_1);
        boolean retrySafe = method.isIdempotent() && source.replayable() && settings.maxRetries() > 0;
        boolean mayCoalesce = source.replayable(); // a 421 on a shared connection is answered by sending again
        for (int retries = 0; ; ) {
            BodyStream body = source.next();
            boolean share = mayCoalesce;
            OriginPool.Lease lease = under(deadline, () -> settings.pool().acquire(origin, events, retrySafe, share));
            listener.connectionAcquired(call, lease.remote(), lease.version(), lease.reused());
            WatchedStream watch = lease.watch();
            if (watch != null) {
                watch.exchangeStarts();
            }
            listener.requestHeaders(call, head);
            BodyStream sent = listener == HttpClient.Listener.NONE || !source.hasBody() ? body : new CountedRequestBody(body);
            // the head wait is a read wait too, unless a streamed upload comes before it
            long sendDeadline = source.hasBody() && source.replayable() || !source.hasBody()
                    ? TaskContext.earlier(deadline, TaskContext.after(settings.readTimeout().toNanos())) : deadline;
            HttpResponse response;
            try {
                response = under(sendDeadline, () -> lease.http().send(head, sent));
            } catch (IOException e) {
                release(lease);
                RetryRule.Attempt attempt = new RetryRule.Attempt(method, e, lease.reused(),
                        watch != null && watch.responseStarted(), watch != null && watch.writeFailed(), false,
                        source.replayable());
                String reason = RetryRule.retryReason(attempt, retries, settings.maxRetries());
                if (reason == null) {
                    throw e;
                }
                retries++;
                listener.retry(call, retries, reason, e);
                continue;
            } catch (RuntimeException e) {
                release(lease); // a cancellation: the connection layer closed the connection or reset the stream
                throw e;
            }
            listener.responseHeaders(call, response.head());
            settings.cookieJar().ifPresent(jar -> jar.receive(url, response.headers()));
            PooledBody pooled = new PooledBody(response.body(), this, lease);
            pooled.finishIfEmpty();
            if (response.status().code() == 421 && lease.coalesced()) {
                // RFC 9110 §15.5.20 / RFC 9113 §9.1.1: this server does not answer for the origin on that
                // connection; the request was not processed, so it may go again, on the origin's own
                settings.pool().misdirected(origin);
                mayCoalesce = false;
                if (retries < settings.maxRetries()) {
                    closeQuietly(pooled);
                    retries++;
                    listener.retry(call, retries, "421 Misdirected Request on a connection shared with another origin",
                            new HttpError("421 Misdirected Request"));
                    continue;
                }
            }
            if (decode) {
                ContentDecoding.Decoded d;
                try {
                    d = ContentDecoding.decode(method, response.status().code(), response.headers(), pooled,
                            maxResponseBodyBytes);
                } catch (IOException e) {
                    pooled.close();
                    throw e;
                }
                if (d.decoded()) {
                    return HttpResponse.of(response.head().withHeaders(d.headers()), d.body());
                }
            }
            return HttpResponse.of(response.head(), pooled);
        }
    }

    /**
     * The {@code Cookie} field for a request to {@code url}: the caller's, then the jar's cookies for
     * that URL (RFC 6265 §5.4), as one field.
     */
    private Optional<String> cookieHeader(Url url, HeaderMap headers) {
        Optional<String> own = headers.get(HeaderName.COOKIE);
        if (settings.cookieJar().isEmpty()) {
            return own;
        }
        Optional<String> jar = settings.cookieJar().get().cookieHeader(url);
        if (own.isEmpty() || jar.isEmpty()) {
            return own.isPresent() ? own : jar;
        }
        return Optional.of(own.get() + "; " + jar.get());
    }

    private <T> T under(long until, java.util.concurrent.Callable<T> body) throws IOException {
        try {
            return Deadlines.under(until, body);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /**
     * What the caller sees of a failure: a timeout at the call's own deadline says so; unchecked
     * exceptions (cancellation) pass as they are.
     */
    IOException failure(Exception e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof TimeoutError t && deadline != TaskContext.NO_DEADLINE && deadline - System.nanoTime() <= 0) {
            return new TimeoutError("HTTP request timed out after " + settings.requestTimeout().orElseThrow().toMillis()
                    + " ms", t);
        }
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new InterruptedIOException("interrupted");
        }
        return new IOException(e);
    }

    long deadline() {
        return deadline;
    }

    long maxResponseBodyBytes() {
        return maxResponseBodyBytes;
    }

    ClientSettings settings() {
        return settings;
    }

    void release(OriginPool.Lease lease) {
        settings.pool().release(lease);
        listener.connectionReleased(call, lease.remote(), lease.version());
    }

    void bodyEnded(long bytes) {
        listener.responseBodyEnd(call, bytes);
    }

    private static void closeQuietly(AutoCloseable r) {
        try {
            r.close();
        } catch (Exception ignored) {
            // a redirect's (or a 421's) body nobody reads; failing to discard it only costs its connection
        }
    }

    /** The request body, counted for {@link HttpClient.Listener#requestBodyEnd}. */
    private final class CountedRequestBody extends ForwardingBody {
        private long sent;
        private boolean reported;

        CountedRequestBody(BodyStream body) {
            super(body);
        }

        @Override
        public byte[] readChunk() throws IOException {
            byte[] chunk = body.readChunk();
            sent += chunk.length;
            if (chunk.length == 0) {
                report();
            }
            return chunk;
        }

        private void report() {
            if (!reported) {
                reported = true;
                listener.requestBodyEnd(call, sent);
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
            report(); // a writer that stops at the declared length never reads the end
        }
    }
}
