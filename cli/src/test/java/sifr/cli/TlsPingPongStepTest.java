package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsPingPongStepTest {

    @Test
    void demoStepExchangesPingAndPongOverTls13WithAlpnH2() throws Exception {
        String line = new TlsPingPongStep().run();
        assertThat(line).startsWith("server got ping, client got pong from 127.0.0.1:")
                .contains("over TLSv1.3").contains("ALPN h2");
    }
}
