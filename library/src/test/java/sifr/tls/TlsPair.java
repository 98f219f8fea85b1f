package sifr.tls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import sifr.net.ByteStream;
import sifr.testing.MemoryByteStreams;

/** Runs a client and a server handshake against each other over an in-memory stream pair. */
final class TlsPair {
    private TlsPair() {
    }

    /** Either side's result: the stream, or what it threw. */
    record Outcome(TlsStream client, Throwable clientError, TlsStream server, Throwable serverError) {
        boolean bothSucceeded() {
            return client != null && server != null;
        }
    }

    /** Both handshakes succeeded. */
    record Connected(TlsStream client, TlsStream server) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    static Connected connect(TlsClientConfig client, String serverName, TlsServerConfig server) throws Exception {
        Outcome outcome = handshake(client, serverName, server);
        if (!outcome.bothSucceeded()) {
            AssertionError error = new AssertionError("handshake failed: client=" + outcome.clientError()
                    + " server=" + outcome.serverError());
            if (outcome.clientError() != null) {
                error.addSuppressed(outcome.clientError());
            }
            if (outcome.serverError() != null) {
                error.addSuppressed(outcome.serverError());
            }
            throw error;
        }
        return new Connected(outcome.client(), outcome.server());
    }

    static Outcome handshake(TlsClientConfig client, String serverName, TlsServerConfig server) throws Exception {
        MemoryByteStreams.Pair pair = MemoryByteStreams.pair();
        return handshake(client, serverName, server, pair.client(), pair.server());
    }

    static Outcome handshake(TlsClientConfig client, String serverName, TlsServerConfig server,
            ByteStream clientTransport, ByteStream serverTransport) throws Exception {
        CompletableFuture<TlsStream> serverSide = new CompletableFuture<>();
        Thread.ofVirtual().name("tls-test-server").start(() -> {
            try {
                serverSide.complete(server.accept(serverTransport));
            } catch (Throwable e) {
                serverSide.completeExceptionally(e);
            }
        });
        TlsStream clientStream = null;
        Throwable clientError = null;
        try {
            clientStream = client.connect(serverName, clientTransport);
        } catch (Exception e) {
            clientError = e;
        }
        TlsStream serverStream = null;
        Throwable serverError = null;
        try {
            serverStream = serverSide.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            serverError = e.getCause();
        }
        return new Outcome(clientStream, clientError, serverStream, serverError);
    }
}
