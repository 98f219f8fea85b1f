package sifr.http;

import java.util.concurrent.ThreadLocalRandom;
import sifr.task.ContextKey;
import sifr.task.Task;

/**
 * A request id for every request: taken from the request's {@code X-Request-Id} when it is a plausible
 * id (1..64 characters of letters, digits, {@code . _ : -}; a proxy in front set it), otherwise a new
 * random one (16 hex digits; for correlation, not a secret). It is bound to {@link #KEY} while the
 * rest of the chain runs, so every task the handler spawns ({@code TaskScope}, {@code TaskGroup})
 * reads it with {@code RequestId.KEY.get()}, and sent back in the response's {@code X-Request-Id}.
 * {@link Problems} puts it in problem bodies; {@link AccessLogs}'s structured line logs it.
 *
 * <p>The binding covers the handler's call only: a streamed response body is read by the server after
 * the handler returned, outside it (capture the id in the body's code if it needs it).
 */
public final class RequestId {
    /** The current request's id; {@code "-"} outside a request that went through the middleware. */
    public static final ContextKey<String> KEY = ContextKey.of("request_id", "-");

    /** The field that carries it both ways. */
    public static final String HEADER = "x-request-id";

    private static final int MAX_LENGTH = 64;

    private RequestId() {
    }

    /** The middleware: incoming ids trusted when plausible (see above). */
    public static Middleware middleware() {
        return middleware(true);
    }

    /**
     * The middleware; {@code trustIncoming = false} always makes a new id (an edge server facing
     * clients that could otherwise choose the ids in your logs).
     */
    public static Middleware middleware(boolean trustIncoming) {
        return next -> request -> {
            String id = trustIncoming ? request.headers().get(HEADER).filter(RequestId::isPlausible).orElse(null) : null;
            if (id == null) {
                id = newId();
            }
            HttpResponse response = Task.withContext(KEY, id, () -> next.handle(request));
            return response.headers().contains(HEADER) ? response : Responses.withHeader(response, HEADER, id);
        };
    }

    /** A new random id: 16 lowercase hex digits. */
    public static String newId() {
        String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "0".repeat(16 - hex.length()) + hex;
    }

    static boolean isPlausible(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
