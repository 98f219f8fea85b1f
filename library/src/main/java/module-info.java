/**
 * Sifr networking for Java: structured tasks, async TCP, secure-by-default TLS, typed HTTP and
 * WHATWG URLs. Only the five public packages are exported; everything else is internal.
 */
module sifr {
    exports sifr.task;
    exports sifr.net;
    exports sifr.tls;
    exports sifr.http;
    exports sifr.url;
}
