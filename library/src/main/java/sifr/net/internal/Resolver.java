package sifr.net.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sifr.net.NetError;
import sifr.net.SocketAddr;
import sifr.task.TimeoutError;
import sifr.task.internal.TaskContext;
import sifr.task.internal.Waits;

/**
 * Name resolution with the JDK resolver, bounded by the task's deadline and cancellation.
 *
 * <p>The JDK's lookup ({@code getaddrinfo}) cannot be interrupted. When the caller can be cancelled
 * or has a deadline, the lookup runs on its own virtual thread and the caller waits for it with the
 * deadline; on timeout or cancellation the caller leaves at once and the lookup finishes in the
 * background (its result is dropped). Without deadline and cancellation it runs inline.
 */
public final class Resolver {
    private static final String OP = "DNS resolution";

    private Resolver() {
    }

    /**
     * Resolves {@code host} to every address it has, in the resolver's order, each with {@code port}.
     *
     * @param extraDeadline an operation deadline ({@link System#nanoTime()}) or {@link TaskContext#NO_DEADLINE}
     */
    public static List<SocketAddr> resolve(String host, int port, long extraDeadline) throws NetError, TimeoutError {
        InetAddress[] found;
        if (HostPort.isLiteral(host)) {
            try {
                found = new InetAddress[] {InetAddress.getByName(host)};
            } catch (UnknownHostException e) {
                throw new NetError("invalid IP address: " + host, e);
            }
        } else {
            found = lookup(host, extraDeadline);
        }
        List<SocketAddr> out = new ArrayList<>(found.length);
        for (InetAddress a : found) {
            out.add(new SocketAddr(a, port));
        }
        return List.copyOf(out);
    }

    private static InetAddress[] lookup(String host, long extraDeadline) throws NetError, TimeoutError {
        TaskContext ctx = TaskContext.peek();
        Waits.checkCancelled(ctx, OP);
        long deadline = ctx == null ? extraDeadline : TaskContext.earlier(ctx.deadline(), extraDeadline);
        boolean cancellable = ctx != null && ctx.token() != null;
        if (deadline == TaskContext.NO_DEADLINE && !cancellable) {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw failed(host, e);
            }
        }
        CompletableFuture<InetAddress[]> result = new CompletableFuture<>();
        Thread.ofVirtual().name("sifr-dns").start(() -> {
            try {
                result.complete(InetAddress.getAllByName(host));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            if (deadline == TaskContext.NO_DEADLINE) {
                return result.get();
            }
            return result.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutError(OP + " timed out", e);
        } catch (InterruptedException e) {
            throw Waits.cancelled(OP, e);
        } catch (ExecutionException e) {
            throw failed(host, e.getCause());
        }
    }

    private static NetError failed(String host, Throwable cause) {
        return new NetError("DNS resolution failed for " + host, cause);
    }
}
