package sifr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real protocol peer (openssl, nginx, curl, ...) started by a test: output captured (stdout and
 * stderr merged), waits bounded in time, always stopped. A missing binary fails the test with the
 * Debian package to install, never a silent skip.
 */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final String name;
    private final StringBuilder output = new StringBuilder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    private final Thread pump;

    private PeerProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        this.pump = Thread.ofVirtual().name("peer-output-" + name).start(this::pumpOutput);
    }

    /** Fails with an install hint unless {@code binary} is on the PATH (or an absolute path that exists). */
    public static Path requireBinary(String binary, String debianPackage) {
        if (binary.startsWith("/")) {
            Path path = Path.of(binary);
            if (Files.isExecutable(path)) {
                return path;
            }
        } else {
            String pathVariable = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
            for (String dir : pathVariable.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, binary);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("the test needs '" + binary + "': install the Debian package '" + debianPackage
                + "' (apt-get install " + debianPackage + ")");
    }

    public static PeerProcess start(Path workDir, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        return new PeerProcess(builder.start(), Path.of(command.get(0)).getFileName().toString());
    }

    /** A loopback port that was free a moment ago (the peer binds it right after). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
    public void awaitListening(int port, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited early with " + process.exitValue() + ":\n" + output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new AssertionError(name + " did not listen on port " + port + " within " + limit + ":\n" + output());
    }

    /** Waits until the output contains {@code text}. */
    public void awaitOutput(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        lock.lock();
        try {
            while (output.indexOf(text) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " did not print '" + text + "' within " + limit + ":\n" + output);
                }
                grew.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        } finally {
            lock.unlock();
        }
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for the peer to exit by itself; returns its exit code. */
    public int awaitExit(Duration limit) throws Exception {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + limit + ":\n" + output());
        }
        pump.join(2000);
        return process.exitValue();
    }

    public String output() {
        lock.lock();
        try {
            return output.toString();
        } finally {
            lock.unlock();
        }
    }

    private void pumpOutput() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                lock.lock();
                try {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    grew.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Stops the peer (TERM, then KILL after two seconds). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
