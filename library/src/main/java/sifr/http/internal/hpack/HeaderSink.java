package sifr.http.internal.hpack;

/**
 * Receives the fields of a decoded header block, in order. Names and values arrive as strings with
 * one char per octet (ISO-8859-1), exactly as they stand in the HPACK tables, so a sink that keeps
 * strings (a {@code HeaderMap}) stores them without another copy; indexed fields hand over the
 * table's own instances.
 */
@FunctionalInterface
public interface HeaderSink {
    /**
     * One decoded field.
     *
     * @param sensitive the peer sent it as a never-indexed literal (RFC 7541 §6.2.3): keep it out of
     *     any later compression context and out of logs
     */
    void header(String name, String value, boolean sensitive);
}
