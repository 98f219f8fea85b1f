package sifr.http.internal;

import java.util.OptionalLong;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.HeaderName;
import sifr.http.HeaderValue;
import sifr.http.Method;

/**
 * How a server turns a handler's response into what goes on the wire, the same for HTTP/1.1 and
 * HTTP/2; each protocol then only encodes: which of the handler's fields are sent, whether the
 * response has content, what length a response without content declares. Stateless and allocation-free
 * on the usual path (no {@code Connection} field among the handler's).
 */
public final class ResponseRules {
    /** {@link #emit} result bit: the handler set {@code date} (the server adds one otherwise). */
    public static final int HAD_DATE = 1;
    /** {@link #emit} result bit: the handler's {@code Connection} lists {@code close}. */
    public static final int ASKED_CLOSE = 2;
    /** {@link #emit} result bit: an {@code Upgrade} field was sent (HTTP/1.1 then lists it in Connection). */
    public static final int SENT_UPGRADE = 4;

    /** Where {@link #emit} puts each field that is sent: the protocol's encoder. */
    @FunctionalInterface
    public interface FieldSink {
        void field(HeaderName name, HeaderValue value);
    }

    private ResponseRules() {
    }

    /**
     * Fields that describe one connection, not the message (RFC 9110 §7.6.1): HTTP/2 forbids them
     * (RFC 9113 §8.2.2) and HTTP/1.1 writes its own. A handler's are never sent as they are.
     */
    public static boolean isConnectionSpecific(HeaderName name) {
        return name.equals(HeaderName.CONNECTION) || name.equals(HeaderName.KEEP_ALIVE)
                || name.equals(HeaderName.PROXY_CONNECTION) || name.equals(HeaderName.TRANSFER_ENCODING)
                || name.equals(HeaderName.UPGRADE);
    }

    /**
     * Hands {@code sink} the handler's fields that go out, in order, and says what it saw (the
     * {@code HAD_DATE}, {@code ASKED_CLOSE}, {@code SENT_UPGRADE} bits). Left out: {@code content-length}
     * (the protocol frames the body and declares its length itself), the connection-specific fields,
     * and every field the handler's {@code Connection} names (RFC 9110 §7.6.1). {@code keepUpgrade}:
     * HTTP/1.1 keeps {@code Upgrade}, which a server must send in a 426 and may send to advertise
     * (RFC 9110 §7.8); HTTP/2 has no such mechanism and drops it.
     */
    public static int emit(HeaderMap fields, boolean keepUpgrade, FieldSink sink) {
        int seen = 0;
        String nominated = null; // the Connection field's options, only when the handler set one
        if (fields.contains(HeaderName.CONNECTION)) {
            nominated = String.join(",", fields.getAll(HeaderName.CONNECTION));
            if (Ascii.hasToken(nominated, "close")) {
                seen |= ASKED_CLOSE;
            }
        }
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderName name = fields.nameAt(i);
            if (keepUpgrade && name.equals(HeaderName.UPGRADE)) {
                seen |= SENT_UPGRADE;
            } else if (name.equals(HeaderName.CONTENT_LENGTH) || isConnectionSpecific(name)
                    || (nominated != null && Ascii.hasToken(nominated, name.value()))) {
                continue;
            }
            if (name.equals(HeaderName.DATE)) {
                seen |= HAD_DATE;
            }
            sink.field(name, fields.valueAt(i));
        }
        return seen;
    }

    /** Whether the handler's fields ask for the connection to close ({@code Connection: close}). */
    public static boolean asksClose(HeaderMap fields) {
        if (!fields.contains(HeaderName.CONNECTION)) {
            return false;
        }
        for (HeaderValue v : fields.getAllValues(HeaderName.CONNECTION)) {
            if (Ascii.hasToken(v.value(), "close")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the response carries no content whatever its body says (RFC 9110 §6.4.1): the answer
     * to HEAD, and every 1xx, 204 and 304. Its body is not read.
     */
    public static boolean hasNoContent(Method requestMethod, int status) {
        return status < 200 || status == 204 || status == 304 || requestMethod.equals(Method.HEAD);
    }

    /**
     * The {@code content-length} a response without content declares, or -1 for none: a HEAD answer
     * declares the length a GET would have had (RFC 9110 §9.3.2), from the body when it is known and
     * not empty, else from the handler's own field; 1xx and 204 must not declare one (RFC 9110 §8.6),
     * and a 304 does not (the client keeps its stored length).
     */
    public static long declaredLength(int status, BodyStream body, HeaderMap fields) {
        if (status < 200 || status == 204 || status == 304) {
            return -1;
        }
        OptionalLong length = body.length();
        if (length.isPresent() && length.getAsLong() > 0) {
            return length.getAsLong();
        }
        long declared = ContentLength.of(fields);
        return declared >= 0 ? declared : -1;
    }
}
