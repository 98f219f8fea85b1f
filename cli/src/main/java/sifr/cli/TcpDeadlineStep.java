package sifr.cli;

import java.time.Duration;
import sifr.net.Net;
import sifr.net.TcpListener;
import sifr.net.TcpStream;
import sifr.task.Task;
import sifr.task.TimeoutError;

/** A deadline (task.timeout) cancels a read from a peer that never answers. */
final class TcpDeadlineStep implements DemoStep {

    @Override
    public String title() {
        return "TCP read under task.timeout (deadline cancels a pending read)";
    }

    @Override
    public String run() throws Exception {
        try (TcpListener listener = Net.listenTcp("127.0.0.1:0");
                TcpStream client = Net.connectTcp(listener.localAddr().toString());
                TcpStream silentPeer = listener.accept()) {
            long t0 = System.nanoTime();
            try {
                Task.timeout(Duration.ofMillis(100), () -> client.read(1024));
            } catch (TimeoutError e) {
                double ms = (System.nanoTime() - t0) / 1e6;
                // the block reports Sifr's "task timeout expired"; the read's own error is its cause
                return String.format("read from a silent peer in a 100 ms timeout block -> TimeoutError \"%s\""
                        + " (cause: \"%s\") after %.0f ms; stream closed: %s", e.getMessage(),
                        e.getCause() == null ? "none" : e.getCause().getMessage(), ms, !client.isOpen());
            }
            throw new IllegalStateException("the read returned although the peer sent nothing");
        }
    }
}
