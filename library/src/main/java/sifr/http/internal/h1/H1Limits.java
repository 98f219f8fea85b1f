package sifr.http.internal.h1;

/**
 * Limits of the HTTP/1.1 codec. Defaults: request line 8 KiB, header section 64 KiB, 100 header
 * fields, chunk-size line (size plus extensions) 4 KiB; trailers share the header limits.
 * Immutable; callers build variations from the public {@link sifr.http.Http1Limits} (its builder) with
 * {@link #of}, so the limits have one builder, not two.
 */
public record H1Limits(int maxStartLineBytes, int maxHeaderSectionBytes, int maxHeaderFields, int maxChunkLineBytes) {
    public static final H1Limits DEFAULT = new H1Limits(8 * 1024, 64 * 1024, 100, 4 * 1024);

    public H1Limits {
        positive(maxStartLineBytes, "start line limit");
        positive(maxHeaderSectionBytes, "header section limit");
        positive(maxHeaderFields, "header field limit");
        positive(maxChunkLineBytes, "chunk line limit");
        if (maxHeaderFields > 1024 || maxHeaderSectionBytes > 1024 * 1024) {
            // HeaderMap's own bounds (SPEC.md) cap what the codec may be configured to accept
            throw new IllegalArgumentException("HTTP/1.1 header limits exceed HeaderMap's 1024 fields / 1 MiB");
        }
    }

    /** The codec's limits from the public HTTP/1.1 limits and the header section bound both protocols share. */
    public static H1Limits of(sifr.http.Http1Limits limits, int maxHeaderSectionBytes) {
        return new H1Limits(limits.maxStartLineBytes(), maxHeaderSectionBytes, limits.maxHeaderFields(),
                limits.maxChunkLineBytes());
    }

    private static void positive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
