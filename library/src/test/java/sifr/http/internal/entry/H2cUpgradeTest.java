package sifr.http.internal.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import sifr.http.HeaderMap;
import sifr.http.Method;
import sifr.http.RequestHead;
import sifr.http.Version;

class H2cUpgradeTest {
    /** SETTINGS_MAX_CONCURRENT_STREAMS = 100 and SETTINGS_INITIAL_WINDOW_SIZE = 65535, as curl sends them. */
    private static final String SETTINGS = "AAMAAABkAARAAAAAAAIAAAAA";

    private static RequestHead head(HeaderMap headers) {
        return new RequestHead(Method.GET, "/x", headers, Version.HTTP_1_1);
    }

    private static HeaderMap upgradeHeaders(String settings) {
        return HeaderMap.of("host", "localhost", "connection", "Upgrade, HTTP2-Settings", "upgrade", "h2c",
                "http2-settings", settings, "accept", "*/*");
    }

    @Test
    void acceptsCurlsUpgradeAndDecodesItsSettings() {
        var accepted = H2cUpgrade.accept(head(upgradeHeaders(SETTINGS)));
        assertThat(accepted).isPresent();
        assertThat(accepted.get().settingsPayload()).hasSize(18);
        assertThat(accepted.get().settingsPayload()[1]).isEqualTo((byte) 3); // SETTINGS_MAX_CONCURRENT_STREAMS
    }

    @Test
    void stream1CarriesTheRequestAsHttp2WithoutConnectionSpecificFields() {
        RequestHead request = H2cUpgrade.accept(head(upgradeHeaders(SETTINGS).add("keep-alive", "5"))).orElseThrow().request();
        assertThat(request.version()).isEqualTo(Version.HTTP_2);
        assertThat(request.method()).isEqualTo(Method.GET);
        assertThat(request.path()).isEqualTo("/x");
        assertThat(request.headers().toPairs()).extracting(e -> e.getKey())
                .containsExactly("host", "accept");
    }

    @Test
    void acceptsAnEmptySettingsPayload() {
        assertThat(H2cUpgrade.accept(head(upgradeHeaders("")))).isPresent();
    }

    @Test
    void declinesWithoutExactlyOneHttp2SettingsField() {
        HeaderMap none = upgradeHeaders(SETTINGS).remove("http2-settings");
        HeaderMap two = upgradeHeaders(SETTINGS).add("http2-settings", SETTINGS);
        assertThat(H2cUpgrade.accept(head(none))).isEmpty();
        assertThat(H2cUpgrade.accept(head(two))).isEmpty();
    }

    @Test
    void declinesSettingsThatAreNotBase64UrlOfWholeSettings() {
        assertThat(H2cUpgrade.accept(head(upgradeHeaders("AAMAAABk=")))).isEmpty(); // padding
        assertThat(H2cUpgrade.accept(head(upgradeHeaders("AAMA+ABk")))).isEmpty();  // base64, not base64url
        assertThat(H2cUpgrade.accept(head(upgradeHeaders("AAMAAA")))).isEmpty();    // 4 bytes, not a multiple of 6
    }

    @Test
    void declinesWhenConnectionDoesNotListUpgradeAndHttp2Settings() {
        assertThat(H2cUpgrade.accept(head(upgradeHeaders(SETTINGS).set("connection", "Upgrade")))).isEmpty();
        assertThat(H2cUpgrade.accept(head(upgradeHeaders(SETTINGS).set("connection", "HTTP2-Settings")))).isEmpty();
        assertThat(H2cUpgrade.accept(head(upgradeHeaders(SETTINGS).remove("connection")))).isEmpty();
    }

    @Test
    void declinesOtherUpgradeProtocolsAndHttp10() {
        assertThat(H2cUpgrade.accept(head(upgradeHeaders(SETTINGS).set("upgrade", "websocket")))).isEmpty();
        assertThat(H2cUpgrade.accept(head(upgradeHeaders(SETTINGS).set("upgrade", "h2")))).isEmpty();
        assertThat(H2cUpgrade.accept(new RequestHead(Method.GET, "/", upgradeHeaders(SETTINGS), Version.HTTP_1_0))).isEmpty();
    }

    @Test
    void findsTokensInListsAcrossLinesCaseInsensitively() {
        assertThat(H2cUpgrade.listsToken(List.of("foo", " bar , H2C "), "h2c")).isTrue();
        assertThat(H2cUpgrade.listsToken(List.of("h2c-x, xh2c"), "h2c")).isFalse();
        assertThat(H2cUpgrade.listsToken(List.of(""), "h2c")).isFalse();
    }
}
