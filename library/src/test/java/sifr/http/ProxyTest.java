package sifr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The public {@link Proxy} value: construction, parsing as curl's {@code -x} takes it, and what it shows. */
class ProxyTest {

    @Test
    void httpNamesHostAndPort() {
        Proxy p = Proxy.http("proxy.test", 3128);
        assertThat(p.host()).isEqualTo("proxy.test");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.hasCredentials()).isFalse();
        assertThat(p.authorization()).isEmpty();
        assertThat(p.authority()).isEqualTo("proxy.test:3128");
        assertThat(Proxy.http("[::1]", 8080).authority()).isEqualTo("[::1]:8080");
        assertThat(Proxy.http("::1", 8080).host()).isEqualTo("::1");
    }

    @Test
    void badHostsAndPortsAreRejected() {
        assertThatThrownBy(() -> Proxy.http("", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("proxy host must not be empty");
        assertThatThrownBy(() -> Proxy.http("a b", 1)).hasMessage("invalid proxy host: a b");
        assertThatThrownBy(() -> Proxy.http("u@h", 1)).hasMessage("invalid proxy host: u@h");
        assertThatThrownBy(() -> Proxy.http("h", 0)).hasMessage("proxy port must be 1..65535");
        assertThatThrownBy(() -> Proxy.http("h", 65536)).hasMessage("proxy port must be 1..65535");
    }

    @Test
    void rfc7617BasicCredentialsAreUtf8AndTheUserNameHasNoColon() {
        Proxy p = Proxy.http("h", 1).withBasicAuth("Aladdin", "open sesame");
        assertThat(p.authorization()).contains("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        // RFC 7617 §2.1's UTF-8 example: user "test", password "123£"
        assertThat(Proxy.http("h", 1).withBasicAuth("test", "123\u00a3").authorization()).contains("Basic dGVzdDoxMjPCow==");
        assertThatThrownBy(() -> Proxy.http("h", 1).withBasicAuth("a:b", "c"))
                .hasMessage("proxy user name must not contain ':'");
        assertThatThrownBy(() -> Proxy.http("h", 1).withBasicAuth("a", "b\r\nX: y"))
                .hasMessage("proxy credentials must not contain control characters");
    }

    @Test
    void toStringNeverShowsThePassword() {
        Proxy p = Proxy.http("127.0.0.1", 8888).withBasicAuth("sifr", "s3cret");
        assertThat(p.toString()).isEqualTo("http://sifr:***@127.0.0.1:8888").doesNotContain("s3cret");
        assertThat(Proxy.http("h", 1).toString()).isEqualTo("http://h:1");
    }

    @Test
    void parseTakesCurlStyleProxyUrls() {
        assertThat(Proxy.parse("http://127.0.0.1:3128")).isEqualTo(Proxy.http("127.0.0.1", 3128));
        assertThat(Proxy.parse("proxy.test:8080")).isEqualTo(Proxy.http("proxy.test", 8080));
        assertThat(Proxy.parse("http://proxy.test")).isEqualTo(Proxy.http("proxy.test", 1080));
        assertThat(Proxy.parse("http://proxy.test:80/")).isEqualTo(Proxy.http("proxy.test", 80));
        assertThat(Proxy.parse("http://[::1]:3128").host()).isEqualTo("::1");
        Proxy auth = Proxy.parse("http://us%40er:p%3Ass@proxy.test:3128");
        assertThat(auth).isEqualTo(Proxy.http("proxy.test", 3128).withBasicAuth("us@er", "p:ss"));
    }

    @Test
    void parseRejectsWhatIsNotAnHttpProxyWithoutShowingThePassword() {
        for (String bad : new String[] {"https://p:1", "socks5://p:1", "http://p:1/path", "http://p:1?q", "http://"}) {
            assertThatThrownBy(() -> Proxy.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("proxy URL must be http://host:port: ");
        }
        assertThatThrownBy(() -> Proxy.parse("ftp://u:secret@p:1")).hasMessage("proxy URL must be http://host:port: ftp://***@p:1");
    }
}
