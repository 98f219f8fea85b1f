package sifr.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sifr.http.BodyStream;
import sifr.http.HeaderMap;
import sifr.http.Method;

/** The response preparation both protocols share: which handler fields go out, content and length rules. */
class ResponseRulesTest {
    private static List<String> emitted(HeaderMap fields, boolean keepUpgrade, int[] seen) {
        List<String> out = new ArrayList<>();
        seen[0] = ResponseRules.emit(fields, keepUpgrade, (name, value) -> out.add(name.value() + ": " + value.value()));
        return out;
    }

    @Test
    void rfc9110Section7_6_1_connectionSpecificAndNominatedFieldsAreNotSent() {
        HeaderMap fields = HeaderMap.of("Connection", "close, X-Hop", "x-hop", "1", "keep-alive", "timeout=5",
                "proxy-connection", "keep-alive", "transfer-encoding", "chunked", "content-length", "9", "x-kept", "yes");
        int[] seen = new int[1];
        assertThat(emitted(fields, false, seen)).containsExactly("x-kept: yes");
        assertThat(seen[0]).isEqualTo(ResponseRules.ASKED_CLOSE);
        assertThat(ResponseRules.asksClose(fields)).isTrue();
        assertThat(ResponseRules.asksClose(HeaderMap.of("x-kept", "yes"))).isFalse();
    }

    @Test
    void rfc9110Section7_8_http1KeepsUpgradeAndHttp2DropsIt() {
        HeaderMap fields = HeaderMap.of("upgrade", "h2c", "connection", "upgrade", "date", "Sun, 06 Nov 1994 08:49:37 GMT");
        int[] seen = new int[1];
        assertThat(emitted(fields, true, seen)).containsExactly("upgrade: h2c", "date: Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(seen[0]).isEqualTo(ResponseRules.SENT_UPGRADE | ResponseRules.HAD_DATE);
        assertThat(emitted(fields, false, seen)).containsExactly("date: Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(seen[0]).isEqualTo(ResponseRules.HAD_DATE);
    }

    @Test
    void rfc9110Section6_4_1_headAnd1xx204And304HaveNoContent() {
        assertThat(ResponseRules.hasNoContent(Method.HEAD, 200)).isTrue();
        assertThat(ResponseRules.hasNoContent(Method.GET, 103)).isTrue();
        assertThat(ResponseRules.hasNoContent(Method.GET, 204)).isTrue();
        assertThat(ResponseRules.hasNoContent(Method.GET, 304)).isTrue();
        assertThat(ResponseRules.hasNoContent(Method.GET, 200)).isFalse();
        assertThat(ResponseRules.hasNoContent(Method.POST, 205)).isFalse();
    }

    @Test
    void rfc9110Section8_6_aContentlessResponseDeclaresTheLengthOnlyForHead() {
        BodyStream five = BodyStream.ofBytes(new byte[5]);
        assertThat(ResponseRules.declaredLength(200, five, HeaderMap.empty())).isEqualTo(5);
        assertThat(ResponseRules.declaredLength(200, BodyStream.empty(), HeaderMap.of("content-length", "42"))).isEqualTo(42);
        assertThat(ResponseRules.declaredLength(200, BodyStream.empty(), HeaderMap.of("content-length", "x"))).isEqualTo(-1);
        assertThat(ResponseRules.declaredLength(204, five, HeaderMap.of("content-length", "5"))).isEqualTo(-1);
        assertThat(ResponseRules.declaredLength(304, five, HeaderMap.empty())).isEqualTo(-1);
        assertThat(ResponseRules.declaredLength(101, five, HeaderMap.empty())).isEqualTo(-1);
    }
}
