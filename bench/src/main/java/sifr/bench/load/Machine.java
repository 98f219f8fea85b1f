package sifr.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** One line describing where the numbers came from: CPU, cores, memory, kernel, JDK, tool versions. */
public final class Machine {
    private Machine() {
    }

    static String describe() {
        return host() + "; " + firstLine(List.of("wrk", "-v")) + "; " + firstLine(List.of("h2load", "--version")) + ".";
    }

    /** CPU, cores, memory, kernel and JDK. */
    public static String host() {
        return String.format(Locale.ROOT, "Machine: %s, %d cores, %s RAM, Linux %s; JDK %s (%s)",
                cpuModel(), Runtime.getRuntime().availableProcessors(), memory(), kernel(),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"));
    }

    /**
     * The 1/5/15-minute load averages: on a shared 2-core machine anything much above 2 means other
     * work competed with the run, and its figures are noisier than usual.
     */
    public static String loadAverage() {
        List<String> l = lines(Path.of("/proc/loadavg"));
        if (l.isEmpty()) {
            return "?";
        }
        String[] parts = l.get(0).split(" ");
        return parts.length >= 3 ? parts[0] + " / " + parts[1] + " / " + parts[2] : "?";
    }

    private static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown CPU";
    }

    private static String memory() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.substring(9).replace("kB", "").strip());
                return String.format(Locale.ROOT, "%.0f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "? GiB";
    }

    private static String kernel() {
        List<String> l = lines(Path.of("/proc/sys/kernel/osrelease"));
        return l.isEmpty() ? "?" : l.get(0).strip();
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstLine(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            String first = out.strip().lines().findFirst().orElse(cmd.get(0) + " ?");
            return first.replace(" Copyright (C) 2012 Will Glozer", "");
        } catch (IOException e) {
            return cmd.get(0) + " missing";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cmd.get(0) + " ?";
        }
    }
}
