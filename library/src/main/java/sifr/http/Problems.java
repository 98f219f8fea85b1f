package sifr.http;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import sifr.task.CancelledError;

/**
 * Problem responses (RFC 9457): a JSON body of type {@code application/problem+json} with the members
 * {@code type} ({@code about:blank}: the status says it all), {@code title} (the reason phrase),
 * {@code status}, {@code detail} when there is one, and {@code request_id} (an extension member)
 * inside {@link RequestId}'s middleware.
 *
 * <p>{@link #middleware()} catches what a handler throws: a {@link ProblemError} becomes its status
 * and detail; a {@link BodyError} for a request body over the server's limit becomes {@code 413};
 * anything else becomes {@code 500} with no detail (the exception stays in the log). Each failure is
 * logged once, on {@code sifr.http.server} with method, target and the exception with its stack trace:
 * ERROR for 5xx, DEBUG for 4xx. A {@link CancelledError} (the client reset the stream, the server is
 * closing) is passed on: nobody is left to read an answer. {@link Error}s are passed on too (the
 * server answers them with a bare 500 and logs them itself).
 */
public final class Problems {
    private static final System.Logger LOG = System.getLogger("sifr.http.server");

    private Problems() {
    }

    /** The middleware described above. */
    public static Middleware middleware() {
        return next -> request -> {
            try {
                return next.handle(request);
            } catch (CancelledError e) {
                throw e;
            } catch (Exception e) {
                int status = e instanceof ProblemError p ? p.status()
                        : e instanceof BodyError b && b.isLimitExceeded() ? 413
                        : 500;
                String detail = e instanceof ProblemError ? e.getMessage() : null;
                Level level = status >= 500 ? Level.ERROR : Level.DEBUG;
                if (LOG.isLoggable(level)) {
                    LOG.log(level, "handler failed for " + request.method() + " " + request.path() + " "
                            + request.head().version() + " from " + request.remoteAddr().map(String::valueOf).orElse("-")
                            + "; answered " + status + " (problem)", e);
                }
                return response(status, detail);
            }
        };
    }

    /**
     * A problem response with this status, its reason phrase as title and an optional detail
     * ({@code null}: none).
     *
     * @throws IllegalArgumentException {@code invalid HTTP status} outside 100..999
     */
    public static HttpResponse response(int status, String detail) {
        StringBuilder json = new StringBuilder(128).append("{\"type\":\"about:blank\",\"title\":");
        appendString(json, Status.of(status).reasonPhrase());
        json.append(",\"status\":").append(status);
        if (detail != null) {
            json.append(",\"detail\":");
            appendString(json, detail);
        }
        String id = RequestId.KEY.get();
        if (!id.equals(RequestId.KEY.defaultValue())) {
            json.append(",\"request_id\":");
            appendString(json, id);
        }
        json.append("}\n");
        return Responses.bytes(status, "application/problem+json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string (RFC 8259 §7): quotes, backslash and controls escaped. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
