package sifr.http.internal.client;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import sifr.net.SocketAddr;
import sifr.net.internal.Resolver;
import sifr.task.internal.TaskContext;
import sifr.tls.internal.HostCoverage;

/**
 * HTTP/2 connection coalescing (RFC 9113 §9.1.1): an {@code https} origin with no connection of its
 * own sends its requests over another origin's HTTP/2 connection when that connection's certificate
 * (verified at its handshake, with the same TLS configuration) also covers this origin's host, the
 * port is the same, and this origin's host resolves to the address the connection is connected to.
 * A server that disagrees answers 421 (Misdirected Request, RFC 9110 §15.5.20); the call then sends
 * the request again on the origin's own connection ({@link ClientCall}) and {@link #refuse} keeps that
 * origin off shared connections from then on.
 *
 * <p>What is remembered: per origin, the connection it shares (looked up again only when that one is
 * gone or full) or that it must not share; at most {@link #MAX_ORIGINS} origins (beyond, new origins
 * simply use their own connections). An entry whose connection has closed is dropped when next seen.
 * The map is concurrent; no lock here, the origin pools' own locks guard their connections.
 */
final class Coalescing {
    /** Most origins remembered (sharing or refused). */
    static final int MAX_ORIGINS = 1024;

    /** What an origin does: share {@code connection} of {@code owner}, or (both null) never share. */
    private record Choice(OriginPool owner, PooledConnection connection) {
        static final Choice REFUSED = new Choice(null, null);
    }

    private final ConcurrentHashMap<Origin, Choice> choices = new ConcurrentHashMap<>();
    private final long resolveTimeoutNanos;

    /** @param resolveTimeoutNanos bound on resolving a host to compare addresses (the connect timeout) */
    Coalescing(long resolveTimeoutNanos) {
        this.resolveTimeoutNanos = resolveTimeoutNanos;
    }

    /**
     * A stream on another origin's HTTP/2 connection for {@code origin}, or null: use its own.
     * Resolves the host (DNS) only the first time a candidate connection is found for it.
     *
     * @param own the origin's own pool; an origin with a connection of its own keeps using it
     * @param pools every origin's pool, the candidates' owners
     */
    OriginPool.Lease lease(Origin origin, OriginPool own, Collection<OriginPool> pools, ConnectEvents events)
            throws IOException {
        Choice known = choices.get(origin);
        if (known == Choice.REFUSED) {
            return null;
        }
        if (known != null) {
            OriginPool.Lease lease = known.owner().share(known.connection());
            if (lease != null) {
                return lease;
            }
            if (!known.connection().http2.isOpen() || !known.connection().http2.acceptsNewStreams()) {
                choices.remove(origin, known); // gone: look for another below
            } else {
                return null; // full for now: the origin's own connections take the overflow
            }
        }
        if (!origin.https() || own.hasConnections() || choices.size() >= MAX_ORIGINS) {
            return null;
        }
        Candidate candidate = candidate(origin, own, pools);
        if (candidate == null || !resolvesTo(origin, candidate.connection().remote, events, resolveTimeoutNanos)) {
            return null;
        }
        OriginPool.Lease lease = candidate.owner().share(candidate.connection());
        if (lease != null) {
            choices.put(origin, new Choice(candidate.owner(), candidate.connection()));
        }
        return lease;
    }

    /** After a 421 on a shared connection: {@code origin} uses only its own connections from now on. */
    void refuse(Origin origin) {
        if (choices.size() < MAX_ORIGINS || choices.containsKey(origin)) {
            choices.put(origin, Choice.REFUSED);
        } else {
            choices.remove(origin); // no room to remember the refusal: at least forget the sharing
        }
    }

    private record Candidate(OriginPool owner, PooledConnection connection) {
    }

    /** An open HTTP/2 connection of another https origin on the same port whose certificate covers the host. */
    private static Candidate candidate(Origin origin, OriginPool own, Collection<OriginPool> pools) {
        String host = origin.bareHost();
        for (OriginPool p : pools) {
            Origin other = p.origin();
            if (p == own || !other.https() || other.port() != origin.port()) {
                continue;
            }
            for (PooledConnection c : p.http2Connections()) {
                if (c.opened.leaf() != null && c.http2.acceptsNewStreams() && HostCoverage.covers(c.opened.leaf(), host)) {
                    return new Candidate(p, c);
                }
            }
        }
        return null;
    }

    /** Whether {@code origin}'s host resolves to {@code remote}'s address (an IP literal is its own address). */
    private static boolean resolvesTo(Origin origin, SocketAddr remote, ConnectEvents events, long timeoutNanos)
            throws IOException {
        String host = origin.bareHost();
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(ch -> ch == '.' || (ch >= '0' && ch <= '9'));
        if (!literal && events.wantsDns()) {
            events.dnsStart(host);
        }
        List<SocketAddr> addresses = Resolver.resolve(host, origin.port(), TaskContext.after(timeoutNanos));
        if (!literal && events.wantsDns()) {
            events.dnsEnd(host, addresses);
        }
        for (SocketAddr a : addresses) {
            if (a.address().equals(remote.address())) {
                return true;
            }
        }
        return false;
    }
}
