package sifr.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sifr.http.HeaderMap;
import sifr.http.HttpError;
import sifr.http.Proxy;
import sifr.http.ProxyAuthError;
import sifr.http.ProxyError;
import sifr.net.ByteStream;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.net.TcpStream;
import sifr.task.TimeoutError;
import sifr.url.Url;

/** The CONNECT exchange (RFC 9110 §9.3.6) against a scripted proxy on loopback: what is sent, each kind of reply. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyTunnelTest {

    /** A one-connection proxy: records the request head, writes {@code reply}, then echoes what it reads. */
    private record Scripted(TcpListener listener, Thread thread, AtomicReference<String> request) implements AutoCloseable {
        static Scripted replying(byte[] reply, boolean answer) throws IOException {
            TcpListener listener = Net.listenTcp("127.0.0.1:0");
            AtomicReference<String> request = new AtomicReference<>();
            Thread thread = Thread.ofVirtual().start(() -> {
                try (TcpStream s = listener.accept()) {
                    StringBuilder head = new StringBuilder();
                    while (head.indexOf("\r\n\r\n") < 0) {
                        byte[] got = s.read(4096);
                        if (got.length == 0) {
                            return;
                        }
                        head.append(new String(got, StandardCharsets.ISO_8859_1));
                    }
                    request.set(head.toString());
                    if (!answer) {
                        s.read(1); // until the client gives up
                        return;
                    }
                    s.writeAll(reply);
                    for (byte[] got = s.read(4096); got.length > 0; got = s.read(4096)) {
                        s.writeAll(got);
                    }
                } catch (IOException e) {
                    // the client closed
                }
            });
            return new Scripted(listener, thread, request);
        }

        Proxy proxy() {
            return Proxy.http("127.0.0.1", listener.localAddr().port());
        }

        @Override
        public void close() throws Exception {
            listener.close();
            thread.join(5000);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String roundTrip(ByteStream tunnel, String text) throws IOException {
        tunnel.writeAll(ascii(text));
        StringBuilder sb = new StringBuilder();
        while (sb.length() < text.length()) {
            sb.append(new String(tunnel.read(4096), StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    @Test
    void connectNamesTheAuthorityAndSendsBasicCredentials() throws Exception {
        try (Scripted p = Scripted.replying(ascii("HTTP/1.1 200 Connection established\r\n\r\n"), true);
             ByteStream tunnel = ProxyTunnel.open(p.proxy().withBasicAuth("Aladdin", "open sesame"), "example.test", 443,
                     Duration.ofSeconds(10))) {
            assertThat(roundTrip(tunnel, "ping")).isEqualTo("ping");
            // RFC 7617 §2's example credentials
            assertThat(p.request().get()).isEqualTo("CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n"
                    + "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n");
        }
    }

    @Test
    void ipv6TargetsAreBracketed() throws Exception {
        try (Scripted p = Scripted.replying(ascii("HTTP/1.1 200 OK\r\n\r\n"), true);
             ByteStream tunnel = ProxyTunnel.open(p.proxy(), "::1", 8443, null)) {
            assertThat(roundTrip(tunnel, "x")).isEqualTo("x");
            assertThat(p.request().get()).startsWith("CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n");
        }
        assertThat(ProxyTunnel.authority("[::1]", 443)).isEqualTo("[::1]:443");
        assertThatThrownBy(() -> ProxyTunnel.authority("a b", 443)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid CONNECT host");
    }

    @Test
    void rfc9110ContentLengthOnA2xxReplyIsIgnoredAndBytesAfterTheHeadAreTheTunnels() throws Exception {
        try (Scripted p = Scripted.replying(ascii("HTTP/1.0 200 OK\nContent-Length: 10\n\nEARLY"), true);
             ByteStream tunnel = ProxyTunnel.open(p.proxy(), "h", 1, null)) {
            assertThat(new String(tunnel.read(100), StandardCharsets.US_ASCII)).isEqualTo("EARLY");
            assertThat(roundTrip(tunnel, "after")).isEqualTo("after");
        }
    }

    @Test
    void interimRepliesAreSkipped() throws Exception {
        try (Scripted p = Scripted.replying(ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"), true);
             ByteStream tunnel = ProxyTunnel.open(p.proxy(), "h", 1, null)) {
            assertThat(roundTrip(tunnel, "ok")).isEqualTo("ok");
        }
        try (Scripted p = Scripted.replying(ascii("HTTP/1.1 100 Continue\r\n\r\n".repeat(6)), true)) {
            assertThatThrownBy(() -> ProxyTunnel.open(p.proxy(), "h", 1, null)).isInstanceOf(HttpError.class)
                    .hasMessage("proxy sent more than 5 interim responses to CONNECT");
        }
    }

    @Test
    void non2xxRepliesFailWithTheStatus() throws Exception {
        try (Scripted p = Scripted.replying(ascii("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"), true)) {
            assertThatThrownBy(() -> ProxyTunnel.open(p.proxy(), "origin.test", 443, null))
                    .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(502))
                    .hasMessage("proxy refused CONNECT to origin.test:443: 502 Bad Gateway");
        }
        try (Scripted p = Scripted.replying(ascii("HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Basic realm=\"corp\"\r\n\r\n"), true)) {
            assertThatThrownBy(() -> ProxyTunnel.open(p.proxy(), "origin.test", 443, null))
                    .isInstanceOfSatisfying(ProxyAuthError.class, e -> {
                        assertThat(e.status()).isEqualTo(407);
                        assertThat(e.challenge()).isEqualTo("Basic realm=\"corp\"");
                    });
        }
        // a reason phrase with control bytes does not reach the message as they are
        try (Scripted p = Scripted.replying(ascii("HTTP/1.1 403 No\u001b[31m\r\n\r\n"), true)) {
            assertThatThrownBy(() -> ProxyTunnel.open(p.proxy(), "o", 1, null)).hasMessage("proxy refused CONNECT to o:1: 403 No?[31m");
        }
    }

    @Test
    void aReplyThatIsNotHttpOrTooLargeOrMissingIsAnHttpError() throws Exception {
        try (Scripted p = Scripted.replying(ascii("SSH-2.0-OpenSSH\r\n\r\n"), true)) {
            assertThatThrownBy(() -> ProxyTunnel.open(p.proxy(), "o", 1, null)).isInstanceOf(HttpError.class)
                    .hasMessage("proxy sent an invalid CONNECT response: \"SSH-2.0-OpenSSH\"");
        }
        byte[] huge = ascii("HTTP/1.1 200 OK\r\n" + ("X-Pad: " + "a".repeat(1000) + "\r\n").repeat(20) + "\r\n");
        try (Scripted p = Scripted.replying(huge, true)) {
            assertThatThrownBy(() -> ProxyTunnel.open(p.proxy(), "o", 1, null)).isInstanceOf(HttpError.class)
                    .hasMessage("proxy CONNECT response head exceeds 16384 bytes");
        }
        try (TcpListener closing = Net.listenTcp("127.0.0.1:0")) {
            Thread t = Thread.ofVirtual().start(() -> {
                // read the whole request first: closing with unread bytes would reset instead of ending the stream
                try (TcpStream s = closing.accept()) {
                    StringBuilder head = new StringBuilder();
                    for (int i = 0; i < 100 && head.indexOf("\r\n\r\n") < 0; i++) {
                        head.append(new String(s.read(4096), StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    // listener closed
                }
            });
            assertThatThrownBy(() -> ProxyTunnel.open(Proxy.http("127.0.0.1", closing.localAddr().port()), "o", 1, null))
                    .isInstanceOf(HttpError.class).hasMessage("proxy closed the connection before answering CONNECT to o:1");
            t.join(5000);
        }
    }

    @Test
    void aProxyThatNeverAnswersFailsAtTheConnectTimeout() throws Exception {
        try (Scripted p = Scripted.replying(new byte[0], false)) {
            assertThatThrownBy(() -> ProxyTunnel.open(p.proxy(), "slow.test", 443, Duration.ofMillis(300)))
                    .isInstanceOf(TimeoutError.class).hasMessage("proxy CONNECT to slow.test:443 timed out");
        }
    }

    @Test
    void plainRequestsUseTheAbsoluteFormAndCarryTheCredentials() {
        assertThat(ProxyTunnel.absoluteTarget(Url.parse("http://user:pw@Example.test/p/a?q=1#f")))
                .isEqualTo("http://example.test/p/a?q=1");
        assertThat(ProxyTunnel.absoluteTarget(Url.parse("http://[::1]:8080"))).isEqualTo("http://[::1]:8080/");
        Proxy proxy = Proxy.http("p", 3128).withBasicAuth("u", "p");
        assertThat(ProxyTunnel.withAuthorization(HeaderMap.empty(), proxy).get("proxy-authorization")).contains("Basic dTpw");
        HeaderMap own = HeaderMap.of("proxy-authorization", "Bearer x");
        assertThat(ProxyTunnel.withAuthorization(own, proxy)).isEqualTo(own);
        assertThat(ProxyTunnel.withAuthorization(HeaderMap.empty(), Proxy.http("p", 1))).isEqualTo(HeaderMap.empty());
    }
}
