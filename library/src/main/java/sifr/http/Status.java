package sifr.http;

/**
 * An HTTP status code in 100..999 with its reason phrase (RFC 9110 and the IANA registry; empty for
 * unregistered codes) and its class. Instances are cached: {@code Status.of(200) == Status.OK}.
 */
public final class Status {
    /** The class of a status code, from its first digit. */
    public enum Kind {
        INFORMATIONAL, SUCCESS, REDIRECTION, CLIENT_ERROR, SERVER_ERROR,
        /** 600..999: valid on the wire, without a standard meaning. */
        NONSTANDARD
    }

    private static final Status[] CACHE = new Status[1000];

    static {
        for (int code = 100; code <= 999; code++) {
            CACHE[code] = new Status(code, phrase(code));
        }
    }

    public static final Status CONTINUE = CACHE[100];
    public static final Status SWITCHING_PROTOCOLS = CACHE[101];
    public static final Status OK = CACHE[200];
    public static final Status CREATED = CACHE[201];
    public static final Status ACCEPTED = CACHE[202];
    public static final Status NON_AUTHORITATIVE_INFORMATION = CACHE[203];
    public static final Status NO_CONTENT = CACHE[204];
    public static final Status PARTIAL_CONTENT = CACHE[206];
    public static final Status MOVED_PERMANENTLY = CACHE[301];
    public static final Status FOUND = CACHE[302];
    public static final Status SEE_OTHER = CACHE[303];
    public static final Status NOT_MODIFIED = CACHE[304];
    public static final Status TEMPORARY_REDIRECT = CACHE[307];
    public static final Status PERMANENT_REDIRECT = CACHE[308];
    public static final Status BAD_REQUEST = CACHE[400];
    public static final Status UNAUTHORIZED = CACHE[401];
    public static final Status FORBIDDEN = CACHE[403];
    public static final Status NOT_FOUND = CACHE[404];
    public static final Status METHOD_NOT_ALLOWED = CACHE[405];
    public static final Status REQUEST_TIMEOUT = CACHE[408];
    public static final Status LENGTH_REQUIRED = CACHE[411];
    public static final Status CONTENT_TOO_LARGE = CACHE[413];
    public static final Status URI_TOO_LONG = CACHE[414];
    public static final Status EXPECTATION_FAILED = CACHE[417];
    public static final Status REQUEST_HEADER_FIELDS_TOO_LARGE = CACHE[431];
    public static final Status INTERNAL_SERVER_ERROR = CACHE[500];
    public static final Status NOT_IMPLEMENTED = CACHE[501];
    public static final Status BAD_GATEWAY = CACHE[502];
    public static final Status SERVICE_UNAVAILABLE = CACHE[503];
    public static final Status GATEWAY_TIMEOUT = CACHE[504];
    public static final Status HTTP_VERSION_NOT_SUPPORTED = CACHE[505];

    private final int code;
    private final String reason;

    private Status(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /**
     * The status with this code.
     *
     * @throws IllegalArgumentException {@code invalid HTTP status} outside 100..999
     */
    public static Status of(int code) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("invalid HTTP status");
        }
        return CACHE[code];
    }

    public int code() {
        return code;
    }

    /** The registered reason phrase, e.g. {@code Not Found}; empty for unregistered codes. */
    public String reasonPhrase() {
        return reason;
    }

    public Kind kind() {
        return switch (code / 100) {
            case 1 -> Kind.INFORMATIONAL;
            case 2 -> Kind.SUCCESS;
            case 3 -> Kind.REDIRECTION;
            case 4 -> Kind.CLIENT_ERROR;
            case 5 -> Kind.SERVER_ERROR;
            default -> Kind.NONSTANDARD;
        };
    }

    public boolean isInformational() {
        return code < 200;
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    public boolean isRedirection() {
        return code >= 300 && code < 400;
    }

    public boolean isClientError() {
        return code >= 400 && code < 500;
    }

    public boolean isServerError() {
        return code >= 500 && code < 600;
    }

    private static String phrase(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 102 -> "Processing";
            case 103 -> "Early Hints";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 207 -> "Multi-Status";
            case 208 -> "Already Reported";
            case 226 -> "IM Used";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 305 -> "Use Proxy";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 506 -> "Variant Also Negotiates";
            case 507 -> "Insufficient Storage";
            case 508 -> "Loop Detected";
            case 511 -> "Network Authentication Required";
            default -> "";
        };
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Status other && other.code == code);
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** {@code 404 Not Found}. */
    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
