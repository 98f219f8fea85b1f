package sifr.http.internal;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import sifr.http.HeaderName;
import sifr.http.HttpResponse;
import sifr.http.RequestHead;
import sifr.net.SocketAddr;

/**
 * The JFR event of one server exchange (HTTP/1.1 or HTTP/2), from the handler's call to the end of
 * the response, in the style of the JDK's {@code jdk.SocketRead}. The target is logged without its
 * query (it may carry secrets); no header value and no body is ever recorded. Fields are filled only
 * when {@code shouldCommit()} says a recording wants the event, so a disabled event builds nothing.
 */
@Name("sifr.HttpExchange")
@Label("HTTP Exchange")
@Category({"Sifr", "HTTP"})
@Description("One request served by HttpServer: the handler's call and the response written")
@StackTrace(false)
public final class HttpExchangeEvent extends Event {
    @Label("Method")
    public String method;
    @Label("Target")
    @Description("The request target without its query")
    public String target;
    @Label("Status")
    public int status;
    @Label("Protocol Version")
    public String version;
    @Label("Remote Address")
    public String remoteAddress;
    @Label("Request Body Bytes")
    @Description("The request's declared content-length; -1 when it declared none")
    @DataAmount
    public long requestBytes;
    @Label("Response Body Bytes")
    @Description("The response body's length when known in advance; -1 otherwise")
    @DataAmount
    public long responseBytes;

    /** A begun event. */
    public static HttpExchangeEvent start() {
        HttpExchangeEvent e = new HttpExchangeEvent();
        e.begin();
        return e;
    }

    /** Commits the exchange answered by {@code response} (the handler's or the server's own) if a recording wants it. */
    public void finish(RequestHead request, HttpResponse response, SocketAddr remote) {
        end();
        if (shouldCommit()) {
            status = response.status().code();
            responseBytes = response.body().length().orElse(-1);
            fill(request, remote);
        }
    }

    private void fill(RequestHead request, SocketAddr remote) {
        method = request.method().value();
        target = targetWithoutQuery(request);
        version = request.version().text();
        remoteAddress = String.valueOf(remote);
        requestBytes = declaredLength(request);
        commit();
    }

    /** The request target without its query, which may carry secrets (the JFR event's and the access log's). */
    public static String targetWithoutQuery(RequestHead request) {
        String path = request.path();
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static long declaredLength(RequestHead request) {
        try {
            return request.headers().get(HeaderName.CONTENT_LENGTH).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
