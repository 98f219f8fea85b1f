package sifr.http.internal.h1;

import sifr.http.HeaderMap;
import sifr.http.internal.Ascii;

/**
 * Decodes the chunked transfer coding (RFC 9112 §7.1) incrementally from byte arrays:
 * {@code chunk-size [chunk-ext] CRLF data CRLF ... 0 [chunk-ext] CRLF trailer-section CRLF}.
 *
 * <p>Each {@link #decode} call consumes what it can and stops right after handing out one slice of
 * data ({@link #dataOffset()}, {@link #dataLength()}, pointing into the caller's array), so the caller
 * can pass it on without copying. Strict: hex sizes without sign, prefix or whitespace, below 2^59; extensions {@code ;name[=token|quoted-string]} with whitespace only where the grammar has BWS
 * (before {@code ;} and around {@code =}); CRLF only; the size line
 * is bounded by {@link H1Limits#maxChunkLineBytes()} and the trailers by the header limits.
 * Not thread-safe; one instance per body.
 */
public final class ChunkedDecoder {
    private enum State {
        SIZE_FIRST, SIZE, SIZE_BWS, EXT_NAME_FIRST, EXT_NAME_BWS, EXT_VALUE_BWS, EXT_NAME, EXT_VALUE_FIRST, EXT_VALUE_TOKEN, EXT_QUOTED,
        EXT_QUOTED_ESCAPE, EXT_AFTER_QUOTE, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILERS, DONE
    }

    private final H1Limits limits;
    private final H1HeadParser trailerParser;
    private State state = State.SIZE_FIRST;
    private long chunkSize;
    private long remaining;
    private int lineBytes;
    private int dataOffset;
    private int dataLength;
    private HeaderMap trailers = HeaderMap.empty();

    public ChunkedDecoder(H1Limits limits) {
        this.limits = limits;
        this.trailerParser = new H1HeadParser(limits);
    }

    public ChunkedDecoder() {
        this(H1Limits.DEFAULT);
    }

    /** True once the last chunk and the trailer section have been read. */
    public boolean isDone() {
        return state == State.DONE;
    }

    /** The trailer fields (empty until {@link #isDone()}). */
    public HeaderMap trailers() {
        return trailers;
    }

    /** Start of the data slice produced by the last {@link #decode} call, in the caller's array. */
    public int dataOffset() {
        return dataOffset;
    }

    /** Length of the data slice produced by the last call; 0 if none. */
    public int dataLength() {
        return dataLength;
    }

    /**
     * Data bytes of the current chunk not yet handed out, while the decoder is inside a chunk's data
     * (0 anywhere else): a caller with nothing buffered may read up to that many straight from its
     * stream, past its own buffer, and report them with {@link #dataReadDirectly}.
     */
    public long dataRemaining() {
        return state == State.DATA ? remaining : 0;
    }

    /**
     * Accounts for {@code n} data bytes of the current chunk that the caller read itself (not through
     * {@link #decode}); after the chunk's last byte the decoder expects its CRLF.
     *
     * @throws IllegalArgumentException if {@code n} is below 1 or above {@link #dataRemaining()}
     */
    public void dataReadDirectly(long n) {
        if (n <= 0 || n > dataRemaining()) {
            throw new IllegalArgumentException(
                    "chunk data read directly must be 1.." + dataRemaining() + " bytes, was " + n);
        }
        remaining -= n;
        if (remaining == 0) {
            state = State.DATA_CR;
        }
    }

    /**
     * Consumes bytes of {@code b[off, off+len)}; returns how many. Bytes not consumed (an incomplete
     * trailer section) must be presented again with more appended.
     */
    public int decode(byte[] b, int off, int len) throws H1ParseError {
        dataLength = 0;
        int p = off;
        int end = off + len;
        while (p < end) {
            byte c = b[p];
            switch (state) {
                case SIZE_FIRST, SIZE -> {
                    int d = hex(c);
                    if (d >= 0) {
                        if (chunkSize > (Long.MAX_VALUE >>> 4) >>> 4) {
                            throw H1ParseError.bad("chunk size is too large");
                        }
                        chunkSize = (chunkSize << 4) | d;
                        state = State.SIZE;
                    } else if (state == State.SIZE && c == ';') {
                        state = State.EXT_NAME_FIRST;
                    } else if (state == State.SIZE && c == '\r') {
                        state = State.SIZE_LF;
                    } else if (state == State.SIZE && (c == ' ' || c == '\t')) {
                        state = State.SIZE_BWS;
                    } else {
                        throw H1ParseError.bad("invalid chunk size");
                    }
                    countLineByte();
                    p++;
                }
                case SIZE_BWS, EXT_NAME_BWS, EXT_VALUE_BWS -> {
                    // BWS is allowed only before ";" (and, after a name, before "="): RFC 9112 §7.1.1
                    if (c == ';') {
                        state = State.EXT_NAME_FIRST;
                    } else if (state == State.EXT_NAME_BWS && c == '=') {
                        state = State.EXT_VALUE_FIRST;
                    } else if (c != ' ' && c != '\t') {
                        throw H1ParseError.bad(state == State.SIZE_BWS ? "invalid chunk size" : "invalid chunk extension");
                    }
                    countLineByte();
                    p++;
                }
                case EXT_NAME_FIRST, EXT_NAME -> {
                    if (state == State.EXT_NAME_FIRST && (c == ' ' || c == '\t')) {
                        // BWS after ";"
                        countLineByte();
                        p++;
                        continue;
                    }
                    if (Ascii.isTchar(c & 0xFF)) {
                        state = State.EXT_NAME;
                    } else if (state == State.EXT_NAME && (c == ' ' || c == '\t')) {
                        state = State.EXT_NAME_BWS;
                    } else if (state == State.EXT_NAME && c == '=') {
                        state = State.EXT_VALUE_FIRST;
                    } else if (state == State.EXT_NAME && c == ';') {
                        state = State.EXT_NAME_FIRST;
                    } else if (state == State.EXT_NAME && c == '\r') {
                        state = State.SIZE_LF;
                    } else {
                        throw H1ParseError.bad("invalid chunk extension");
                    }
                    countLineByte();
                    p++;
                }
                case EXT_VALUE_FIRST, EXT_VALUE_TOKEN -> {
                    if (state == State.EXT_VALUE_FIRST && (c == ' ' || c == '\t')) {
                        // BWS after "="
                        countLineByte();
                        p++;
                        continue;
                    }
                    if (state == State.EXT_VALUE_TOKEN && (c == ' ' || c == '\t')) {
                        state = State.EXT_VALUE_BWS;
                    } else if (Ascii.isTchar(c & 0xFF)) {
                        state = State.EXT_VALUE_TOKEN;
                    } else if (state == State.EXT_VALUE_FIRST && c == '"') {
                        state = State.EXT_QUOTED;
                    } else if (state == State.EXT_VALUE_TOKEN && c == ';') {
                        state = State.EXT_NAME_FIRST;
                    } else if (state == State.EXT_VALUE_TOKEN && c == '\r') {
                        state = State.SIZE_LF;
                    } else {
                        throw H1ParseError.bad("invalid chunk extension");
                    }
                    countLineByte();
                    p++;
                }
                case EXT_QUOTED -> {
                    // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
                    int v = c & 0xFF;
                    if (c == '"') {
                        state = State.EXT_AFTER_QUOTE;
                    } else if (c == '\\') {
                        state = State.EXT_QUOTED_ESCAPE;
                    } else if (!(v == '\t' || (v >= 0x20 && v != 0x7F))) {
                        throw H1ParseError.bad("invalid chunk extension");
                    }
                    countLineByte();
                    p++;
                }
                case EXT_QUOTED_ESCAPE -> {
                    int v = c & 0xFF;
                    if (!(v == '\t' || (v >= 0x20 && v != 0x7F))) {
                        throw H1ParseError.bad("invalid chunk extension");
                    }
                    state = State.EXT_QUOTED;
                    countLineByte();
                    p++;
                }
                case EXT_AFTER_QUOTE -> {
                    if (c == ' ' || c == '\t') {
                        state = State.EXT_VALUE_BWS;
                    } else if (c == ';') {
                        state = State.EXT_NAME_FIRST;
                    } else if (c == '\r') {
                        state = State.SIZE_LF;
                    } else {
                        throw H1ParseError.bad("invalid chunk extension");
                    }
                    countLineByte();
                    p++;
                }
                case SIZE_LF -> {
                    if (c != '\n') {
                        throw H1ParseError.bad("bare CR in chunk size line");
                    }
                    p++;
                    lineBytes = 0;
                    if (chunkSize == 0) {
                        state = State.TRAILERS;
                    } else {
                        remaining = chunkSize;
                        state = State.DATA;
                    }
                }
                case DATA -> {
                    int n = (int) Math.min(remaining, end - p);
                    dataOffset = p;
                    dataLength = n;
                    remaining -= n;
                    p += n;
                    if (remaining == 0) {
                        state = State.DATA_CR;
                    }
                    return p - off;
                }
                case DATA_CR -> {
                    if (c != '\r') {
                        throw H1ParseError.bad("chunk data not followed by CRLF");
                    }
                    state = State.DATA_LF;
                    p++;
                }
                case DATA_LF -> {
                    if (c != '\n') {
                        throw H1ParseError.bad("chunk data not followed by CRLF");
                    }
                    state = State.SIZE_FIRST;
                    chunkSize = 0;
                    p++;
                }
                case TRAILERS -> {
                    int n = trailerParser.parseTrailers(b, p, end - p);
                    if (n == H1HeadParser.PARTIAL) {
                        return p - off;
                    }
                    trailers = trailerParser.fields();
                    state = State.DONE;
                    return p + n - off;
                }
                case DONE -> {
                    return p - off;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return p - off;
    }

    private void countLineByte() throws H1ParseError {
        if (++lineBytes > limits.maxChunkLineBytes()) {
            throw H1ParseError.bad("chunk size line is too long");
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
