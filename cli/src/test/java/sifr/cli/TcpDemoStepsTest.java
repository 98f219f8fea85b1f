package sifr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpDemoStepsTest {

    @Test
    void pingEchoStepEchoesThePing() throws Exception {
        assertThat(new TcpPingEchoStep().run()).contains("echoed 5 bytes", "send_ping got ping");
    }

    @Test
    void deadlineStepReportsTaskTimeoutExpiredCausedByTcpReadTimedOutAndAClosedStream() throws Exception {
        assertThat(new TcpDeadlineStep().run())
                .contains("\"task timeout expired\" (cause: \"TCP read timed out\")", "stream closed: true");
    }

    @Test
    void taskScopesStepShowsAScopeWaitingAndAGroupCancelling() throws Exception {
        assertThat(new TaskScopesStep().run())
                .contains("close() waited", "other 2 finished")
                .contains("its 60 s sibling was cancelled", "close() threw \"worker failed\"");
    }
}
