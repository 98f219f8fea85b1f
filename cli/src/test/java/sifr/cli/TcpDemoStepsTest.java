package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpDemoStepsTest {

    @Test
    void pingEchoStepEchoesThePing() throws Exception {
        assertThat(new TcpPingEchoStep().run()).contains("echoed 5 bytes", "send_ping got ping");
    }

    @Test
    void deadlineStepReportsTcpReadTimedOutAndAClosedStream() throws Exception {
        assertThat(new TcpDeadlineStep().run()).contains("TCP read timed out", "stream closed: true");
    }
}
