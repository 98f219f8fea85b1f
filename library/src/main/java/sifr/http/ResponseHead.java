package sifr.http;

import java.util.Objects;

/** The head of a response: status, fields and version. Immutable. */
public record ResponseHead(Status status, HeaderMap headers, Version version) {
    public ResponseHead {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(version, "version");
    }

    /** An HTTP/1.1 response head. */
    public static ResponseHead of(int status, HeaderMap headers) {
        return new ResponseHead(Status.of(status), headers, Version.HTTP_1_1);
    }

    public ResponseHead withHeaders(HeaderMap newHeaders) {
        return new ResponseHead(status, newHeaders, version);
    }

    public ResponseHead withVersion(Version newVersion) {
        return new ResponseHead(status, headers, newVersion);
    }

    @Override
    public String toString() {
        return version + " " + status + " " + headers;
    }
}
