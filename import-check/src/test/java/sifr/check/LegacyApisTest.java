package sifr.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LegacyApisTest {

    @Test
    void nestedTypesTakeTheRowOfTheirEnclosingType() {
        assertThat(LegacyApis.forType("java.net.http.HttpClient.Version", "java.net.http").orElseThrow().replacement())
                .isEqualTo("sifr.http.HttpClient");
        assertThat(LegacyApis.forType("java.net.http.HttpResponse.BodyHandlers", "java.net.http").orElseThrow()
                .replacement()).isEqualTo("sifr.http.HttpResponse");
    }

    @Test
    void otherTypesOfALegacyPackageTakeThePackageRow() {
        assertThat(LegacyApis.forType("javax.net.ssl.SNIHostName", "javax.net.ssl").orElseThrow().legacy())
                .isEqualTo("javax.net.ssl");
        assertThat(LegacyApis.forType("com.sun.net.httpserver.spi.HttpServerProvider", "com.sun.net.httpserver.spi")
                .orElseThrow().area()).isEqualTo("sifr.http");
    }

    @Test
    void neighboursOfLegacyTypesAreNotLegacy() {
        assertThat(LegacyApis.forType("java.net.InetAddress", "java.net")).isEmpty();
        assertThat(LegacyApis.forType("java.net.SocketAddress", "java.net")).isEmpty();
        assertThat(LegacyApis.forType("java.net.URISyntaxException", "java.net")).isEmpty();
        assertThat(LegacyApis.forType("java.nio.channels.SocketChannelX", "java.nio.channels")).isEmpty();
        assertThat(LegacyApis.forPackage("javax.net")).isEmpty();
    }

    @Test
    void everyRowNamesASifrReplacementInItsArea() {
        assertThat(LegacyApis.rows()).allSatisfy(row -> {
            assertThat(row.replacement()).startsWith("sifr.");
            assertThat(row.area()).isIn("sifr.net", "sifr.tls", "sifr.url", "sifr.http");
            assertThat(row.help()).startsWith("use '" + row.replacement() + "' (");
        });
    }

    @Test
    void namePatternsMatchTypesMembersAndPackages() {
        assertThat(new NamePattern("java.net.URLEncoder").matches("java.net.URLEncoder.encode", "java.net")).isTrue();
        assertThat(new NamePattern("java.net.Socket").matches("java.net.SocketImpl", "java.net")).isFalse();
        assertThat(new NamePattern("javax.net.ssl.*").matches("javax.net.ssl.*", "javax.net.ssl")).isTrue();
        assertThat(new NamePattern("com.sun.net.httpserver.*").matches("x", "com.sun.net.httpserver.spi")).isTrue();
        assertThatThrownBy(() -> new NamePattern("java.net.*.Socket")).hasMessageContaining("invalid legacy API name");
        assertThatThrownBy(() -> new NamePattern("")).hasMessageContaining("invalid legacy API name");
    }
}
