package sifr.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sifr.net.internal.OptionChecks;

/**
 * What {@link Compression#middleware(CompressionOptions)} compresses. Immutable;
 * {@code CompressionOptions.builder().minimumBytes(256).build()}, {@link #defaults()}, {@link #toBuilder()}.
 *
 * <p>Throws {@link sifr.net.OptionError} from the constructor and {@link Builder#build()} for a value out of
 *     range or an empty type pattern, naming the field ({@code CompressionOptions.level must be in 1..9 (was 0)})
 *
 * @param minimumBytes bodies shorter than this are sent as they are (compressing a few bytes costs
 *     more than it saves); a body of unknown length is read ahead up to this many bytes to decide,
 *     never more. Default 1024, 0..65536
 * @param level the deflate level, 1 (fastest) to 9 (smallest); default 6 (zlib's default)
 * @param types the compressible media types, matched against {@code Content-Type} without parameters:
 *     {@code type/subtype} exactly, {@code type/*} for a whole type, {@code +suffix} for structured
 *     syntax suffixes ({@code +json} takes {@code application/problem+json}). Default: {@code text/*},
 *     {@code application/json}, {@code application/javascript}, {@code application/xml},
 *     {@code application/wasm}, {@code image/svg+xml}, {@code +json}, {@code +xml}.
 *     {@code text/event-stream} is never compressed (clients and proxies expect each event at once)
 */
public record CompressionOptions(int minimumBytes, int level, List<String> types) {
    private static final CompressionOptions DEFAULTS = new CompressionOptions(1024, 6, List.of("text/*",
            "application/json", "application/javascript", "application/xml", "application/wasm", "image/svg+xml",
            "+json", "+xml"));

    public CompressionOptions {
        OptionChecks.inRange("CompressionOptions.minimumBytes", minimumBytes, 0, 65536);
        OptionChecks.inRange("CompressionOptions.level", level, 1, 9);
        OptionChecks.required("CompressionOptions.types", types);
        List<String> lower = new ArrayList<>(types.size());
        for (String t : types) {
            OptionChecks.required("CompressionOptions.types", t);
            OptionChecks.check("CompressionOptions.types", t, !t.isBlank(), "CompressionOptions.types must not hold an empty pattern");
            lower.add(t.strip().toLowerCase(Locale.ROOT));
        }
        types = List.copyOf(lower);
    }

    /** Bodies from 1 KiB, level 6, the text-like types listed above. */
    public static CompressionOptions defaults() {
        return DEFAULTS;
    }

    /** A builder preset with {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder preset with these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True when {@code contentType} (parameters allowed) is one of {@link #types()}. */
    boolean isCompressible(String contentType) {
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        if (type.equals("text/event-stream")) {
            return false;
        }
        for (String pattern : types) {
            if (pattern.startsWith("+") ? type.endsWith(pattern)
                    : pattern.endsWith("/*") ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                    : type.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Builds {@link CompressionOptions}; each setter names the record component it sets. Not thread-safe. */
    public static final class Builder {
        private int minimumBytes;
        private int level;
        private List<String> types;

        private Builder(CompressionOptions from) {
            minimumBytes = from.minimumBytes;
            level = from.level;
            types = from.types;
        }

        /** Smallest body compressed (default 1024). */
        public Builder minimumBytes(int value) {
            minimumBytes = value;
            return this;
        }

        /** Deflate level 1..9 (default 6). */
        public Builder level(int value) {
            level = value;
            return this;
        }

        /** Compressible type patterns (default: the text-like types). */
        public Builder types(List<String> value) {
            types = value;
            return this;
        }

        /**
         * The options.
         *
         * @throws sifr.net.OptionError for a value out of range
         */
        public CompressionOptions build() {
            return new CompressionOptions(minimumBytes, level, types);
        }
    }
}
