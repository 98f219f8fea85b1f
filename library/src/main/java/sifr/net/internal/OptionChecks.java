package sifr.net.internal;

import java.time.Duration;
import sifr.net.OptionError;

/**
 * The checks the options records' compact constructors share, each throwing {@link OptionError}
 * that names the field ({@code Type.field}) and says what is allowed.
 */
public final class OptionChecks {
    private OptionChecks() {
    }

    /** {@code value} itself, if set; else {@code <option> must be set}. */
    public static <T> T required(String option, T value) {
        if (value == null) {
            throw new OptionError(option, option + " must be set");
        }
        return value;
    }

    /** {@code value} itself, if {@code >= min}; else {@code <option> must be at least <min> (was <value>)}. */
    public static long atLeast(String option, long value, long min) {
        if (value < min) {
            throw new OptionError(option, option + " must be at least " + min + " (was " + value + ")");
        }
        return value;
    }

    /** {@code value} itself, if in {@code min..max}; else {@code <option> must be in <min>..<max> (was <value>)}. */
    public static long inRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new OptionError(option, option + " must be in " + min + ".." + max + " (was " + value + ")");
        }
        return value;
    }

    /**
     * {@code value} itself, if set, positive and at most Sifr's one day ({@link sifr.task.internal.Timeouts#MAX});
     * else {@code <option> must be positive and at most 86400 s (was ...)}.
     */
    public static Duration positive(String option, Duration value) {
        required(option, value);
        if (value.isNegative() || value.isZero() || value.compareTo(sifr.task.internal.Timeouts.MAX) > 0) {
            throw new OptionError(option, option + " must be positive and at most 86400 s (was " + value + ")");
        }
        return value;
    }

    /**
     * Sifr's timeout rule with Sifr's words ({@code <label> timeout must be finite and positive},
     * {@code <label> timeout is too large}), as an {@link OptionError} for {@code option}.
     */
    public static Duration sifrTimeout(String option, Duration value, String label) {
        try {
            return sifr.task.internal.Timeouts.validate(value, label);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new OptionError(option, e.getMessage() == null ? option + " must be set" : e.getMessage());
        }
    }

    /** Like {@link #positive} but zero is allowed (a grace period that is not waited for). */
    public static Duration notNegative(String option, Duration value) {
        required(option, value);
        if (value.isNegative() || value.compareTo(sifr.task.internal.Timeouts.MAX) > 0) {
            throw new OptionError(option, option + " must be in 0..86400 s (was " + value + ")");
        }
        return value;
    }

    /** {@code value} itself if {@code ok}; else an {@link OptionError} for {@code option} with Sifr's {@code message}. */
    public static <T> T check(String option, T value, boolean ok, String message) {
        if (!ok) {
            throw new OptionError(option, message);
        }
        return value;
    }
}
