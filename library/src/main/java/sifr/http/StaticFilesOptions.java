package sifr.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link StaticFiles#handler(java.nio.file.Path, StaticFilesOptions)}, immutable; start from
 * {@link #defaults()} or {@link #builder()}.
 *
 * @param listDirectories answer a directory without an index file with an HTML listing (default on;
 *     off: 404)
 * @param indexFiles the names tried, in order, for a directory request (default {@code index.html};
 *     empty: none)
 * @param showDotfiles serve names starting with {@code .} and list them (default off: they are 404 and
 *     left out of listings, so {@code .git} or {@code .env} never leak)
 * @param precompressed send {@code NAME.br} or {@code NAME.gz} in place of {@code NAME} when it exists
 *     and the request's Accept-Encoding accepts that coding with the higher q-value, Brotli on a tie
 *     (default on)
 * @param maxRanges most range-specs one Range field may list; a request asking for more is served whole
 *     (200), like nginx's {@code max_ranges} (default 16, 1..1000)
 * @param contentTypes extra or overriding media types by file-name extension (lower case, without the dot);
 *     the built-in table covers the common web types (default none)
 * @param cacheValidity how long what a request path resolved to is trusted before the file system is
 *     looked at again (default 1 s; {@link Duration#ZERO} turns it off, at most {@link #MAX_CACHE_VALIDITY}):
 *     a repeated request is then answered from memory, its validators, prepared header fields and, for
 *     a file of at most 16 KiB, its bytes, without {@code stat}, {@code open} or {@code read} (nginx's
 *     {@code open_file_cache} idea). A file changed, deleted or replaced shows within this time; until
 *     then the answer is wholly the old one (bytes and ETag together). At most 1,024 paths and 8 MiB
 *     of file bytes are held per handler; past that, older entries are dropped
 */
public record StaticFilesOptions(boolean listDirectories, List<String> indexFiles, boolean showDotfiles,
                                 boolean precompressed, int maxRanges, Map<String, String> contentTypes,
                                 Duration cacheValidity) {
    /** Largest accepted {@link #maxRanges}. */
    public static final int MAX_RANGES_LIMIT = 1000;

    /** Longest accepted {@link #cacheValidity} (one minute, nginx's {@code open_file_cache_valid} default). */
    public static final Duration MAX_CACHE_VALIDITY = Duration.ofMinutes(1);

    /**
     * @throws IllegalArgumentException {@code max ranges must be between 1 and 1000};
     *     {@code index file name must be a plain file name} for an empty name or one with {@code /}
     *     or {@code \}; {@code content type extension must be lower case without a dot};
     *     {@code cache validity must be between 0 and 1 minute}
     * @throws NullPointerException for a null list, map or duration
     */
    public StaticFilesOptions {
        indexFiles = List.copyOf(indexFiles);
        contentTypes = Map.copyOf(contentTypes);
        Objects.requireNonNull(cacheValidity, "cacheValidity");
        if (cacheValidity.isNegative() || cacheValidity.compareTo(MAX_CACHE_VALIDITY) > 0) {
            throw new IllegalArgumentException("cache validity must be between 0 and 1 minute");
        }
        if (maxRanges < 1 || maxRanges > MAX_RANGES_LIMIT) {
            throw new IllegalArgumentException("max ranges must be between 1 and " + MAX_RANGES_LIMIT);
        }
        for (String name : indexFiles) {
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("index file name must be a plain file name");
            }
        }
        for (Map.Entry<String, String> e : contentTypes.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().contains(".") || !e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("content type extension must be lower case without a dot");
            }
            Objects.requireNonNull(e.getValue(), "content type");
        }
    }

    /**
     * The defaults: listing on, {@code index.html}, dotfiles hidden, precompressed siblings, 16 ranges,
     * resolutions trusted for 1 s.
     */
    public static StaticFilesOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.listDirectories = listDirectories;
        b.indexFiles = indexFiles;
        b.showDotfiles = showDotfiles;
        b.precompressed = precompressed;
        b.maxRanges = maxRanges;
        b.contentTypes = contentTypes;
        b.cacheValidity = cacheValidity;
        return b;
    }

    /** Builder with the defaults preset. */
    public static final class Builder {
        private boolean listDirectories = true;
        private List<String> indexFiles = List.of("index.html");
        private boolean showDotfiles;
        private boolean precompressed = true;
        private int maxRanges = 16;
        private Map<String, String> contentTypes = Map.of();
        private Duration cacheValidity = Duration.ofSeconds(1);

        private Builder() {
        }

        public Builder listDirectories(boolean on) {
            listDirectories = on;
            return this;
        }

        public Builder indexFiles(List<String> names) {
            indexFiles = Objects.requireNonNull(names, "indexFiles");
            return this;
        }

        public Builder showDotfiles(boolean on) {
            showDotfiles = on;
            return this;
        }

        public Builder precompressed(boolean on) {
            precompressed = on;
            return this;
        }

        public Builder maxRanges(int value) {
            maxRanges = value;
            return this;
        }

        public Builder contentTypes(Map<String, String> byExtension) {
            contentTypes = Objects.requireNonNull(byExtension, "contentTypes");
            return this;
        }

        /** See {@link StaticFilesOptions#cacheValidity()}; {@link Duration#ZERO} looks at the file system every time. */
        public Builder cacheValidity(Duration validity) {
            cacheValidity = Objects.requireNonNull(validity, "cacheValidity");
            return this;
        }

        /** @throws IllegalArgumentException as the record's constructor */
        public StaticFilesOptions build() {
            return new StaticFilesOptions(listDirectories, indexFiles, showDotfiles, precompressed, maxRanges, contentTypes,
                    cacheValidity);
        }
    }
}
