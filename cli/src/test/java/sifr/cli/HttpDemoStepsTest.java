package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpDemoStepsTest {

    @Test
    void substrateStepReportsTheSeedsValues() throws Exception {
        assertThat(new HttpSubstrateStep().run()).contains("POST /demo/network-http", "\"ping-http\"", "201 Created");
    }

    @Test
    void cookieStepParsesTwoCookiesAndRejectsCrlf() throws Exception {
        assertThat(new CookieStep().run()).contains("session=demo", "mode=substrate",
                "cookie headers must not contain line breaks or NUL");
    }

    @Test
    void bodyLimitStepShowsTheBodyError() throws Exception {
        assertThat(new BodyLimitStep().run()).contains("exceeds limit");
    }

    @Test
    void h2cStepPutsOverPriorKnowledgeAndGets202() throws Exception {
        assertThat(new H2cPriorKnowledgeStep().run()).contains("PUT /m4/h2c", "202 Accepted HTTP/2", "\"pong-h2c\"");
    }

    @Test
    void h2TlsStepPatchesOverAlpnH2AndGets203() throws Exception {
        assertThat(new H2TlsStep().run()).contains("PATCH /m4/h2", "(ALPN h2)", "203 Non-Authoritative Information HTTP/2");
    }
}
