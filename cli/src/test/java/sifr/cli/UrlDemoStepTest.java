package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlDemoStepTest {

    @Test
    void urlStepShowsTheSeedsComponentsAndAPunycodeHost() {
        assertThat(new UrlStep().run()).contains("scheme=https", "host=example.com", "path=/search",
                "query=q=sifr&page=2", "page=2", "https://xn--bcher-kva.example/stra%C3%9Fe?%C3%BC=1");
    }
}
