package sifr.http.internal.client;

import java.io.IOException;
import java.util.List;
import sifr.http.HttpClient;
import sifr.http.Version;
import sifr.net.SocketAddr;

/** The connect events of one call, handed to the client's {@link HttpClient.Listener}. */
final class CallEvents implements ConnectEvents {
    private final HttpClient.Listener listener;
    private final HttpClient.Call call;

    CallEvents(HttpClient.Listener listener, HttpClient.Call call) {
        this.listener = listener;
        this.call = call;
    }

    @Override
    public boolean wantsDns() {
        return listener != HttpClient.Listener.NONE;
    }

    @Override
    public void dnsStart(String host) {
        listener.dnsStart(call, host);
    }

    @Override
    public void dnsEnd(String host, List<SocketAddr> addresses) {
        listener.dnsEnd(call, host, addresses);
    }

    @Override
    public void connectStart(Origin origin) {
        listener.connectStart(call, origin.toString());
    }

    @Override
    public void tlsStart(Origin origin) {
        listener.tlsStart(call, origin.toString());
    }

    @Override
    public void tlsEnd(Origin origin, String alpnProtocol) {
        listener.tlsEnd(call, origin.toString(), alpnProtocol);
    }

    @Override
    public void connectEnd(Origin origin, SocketAddr remote, Version version) {
        listener.connectEnd(call, origin.toString(), remote, version);
    }

    @Override
    public void connectFailed(Origin origin, IOException failure) {
        listener.connectFailed(call, origin.toString(), failure);
    }
}
