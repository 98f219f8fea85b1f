package sifr.http.internal;

import java.io.IOException;
import sifr.http.BodyError;
import sifr.http.HttpError;

/**
 * Keeps the codecs' own exception types ({@code H1ParseError}, {@code Http2Error}, {@code HpackError},
 * ...) inside the library: where a failure leaves through a public method, an exception of an
 * {@code internal} package becomes an {@link HttpError} (or a {@link BodyError} while reading a body)
 * with the same message, the original kept as the cause. Public types pass unchanged.
 */
public final class PublicErrors {
    private PublicErrors() {
    }

    /** True for a type declared in one of the library's {@code internal} packages. */
    public static boolean isInternal(Throwable e) {
        String pkg = e.getClass().getPackageName();
        return pkg.startsWith("sifr.") && pkg.contains(".internal");
    }

    /** {@code e}, or an {@link HttpError} in its place when its type is internal. */
    public static IOException of(IOException e) {
        return isInternal(e) ? new HttpError(e.getMessage(), e) : e;
    }

    /** Like {@link #of}, for a failure while reading a body: a {@link BodyError}. */
    public static IOException ofBody(IOException e) {
        return isInternal(e) ? new BodyError(e.getMessage(), e) : e;
    }

    /** The first internal exception of type {@code type} in {@code e}'s cause chain (a few levels), or null. */
    public static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (int i = 0; e != null && i < 4; i++, e = e.getCause()) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        return null;
    }
}
