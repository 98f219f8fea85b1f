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
}
