/**
 * Sifr networking for Java: structured tasks, async TCP, secure-by-default TLS, typed HTTP and
 * WHATWG URLs. Only the public packages (task, net, tls, http, url, websocket) are exported; everything else is internal.
 * {@code jdk.jfr} is part of the JDK (not a dependency): it carries the library's JFR events.
 */
module sifr {
    requires jdk.jfr;

    exports sifr.task;
    exports sifr.net;
    exports sifr.tls;
    exports sifr.http;
    exports sifr.url;
    exports sifr.websocket;
}
