package sifr.bench.load;

/**
 * One measured run of one server under one workload.
 *
 * @param requestsPerSecond completed responses per second as the load tool reports it; for bulk
 *     workloads ({@link Workload#bulk}) MiB per second
 * @param p50Millis median latency in milliseconds
 * @param p99Millis 99th percentile latency in milliseconds
 * @param errors socket errors, non-2xx answers, failed or timed-out requests, short transfers
 * @param peakRssKib the server's VmHWM (peak resident set) when the run ended, in KiB
 * @param cpuMicrosPerRequest CPU time (user + system, all threads) the server used during the
 *     measured run divided by the requests it served, in µs; for bulk workloads CPU seconds per GiB
 *     moved; NaN when unknown. Less sensitive than req/s to other work on a shared machine, since
 *     waiting for a CPU costs no CPU time
 * @param bytes the bytes a bulk run moved (the transfer, or the echoed bytes); 0 for request workloads
 */
record Measurement(double requestsPerSecond, double p50Millis, double p99Millis, long errors, long peakRssKib,
                   double cpuMicrosPerRequest, long bytes) {
    private static final double GIB = 1024.0 * 1024 * 1024;

    Measurement(double requestsPerSecond, double p50Millis, double p99Millis, long errors, long peakRssKib) {
        this(requestsPerSecond, p50Millis, p99Millis, errors, peakRssKib, Double.NaN, 0);
    }

    Measurement withPeakRss(long kib) {
        return new Measurement(requestsPerSecond, p50Millis, p99Millis, errors, kib, cpuMicrosPerRequest, bytes);
    }

    Measurement withBytes(long moved) {
        return new Measurement(requestsPerSecond, p50Millis, p99Millis, errors, peakRssKib, cpuMicrosPerRequest, moved);
    }

    /** With the CPU cost per request from the server's CPU time over a run of {@code seconds}. */
    Measurement withCpu(long cpuNanos, int seconds) {
        double requests = requestsPerSecond * seconds;
        double perRequest = cpuNanos < 0 || requests <= 0 ? Double.NaN : cpuNanos / 1000.0 / requests;
        return new Measurement(requestsPerSecond, p50Millis, p99Millis, errors, peakRssKib, perRequest, bytes);
    }

    /** With the CPU cost per GiB moved ({@link #bytes}), in CPU seconds. */
    Measurement withCpuPerGib(long cpuNanos) {
        double perGib = cpuNanos < 0 || bytes <= 0 ? Double.NaN : cpuNanos / 1e9 / (bytes / GIB);
        return new Measurement(requestsPerSecond, p50Millis, p99Millis, errors, peakRssKib, perGib, bytes);
    }

    /** With the latency percentiles of a separate run ({@code latency}); its errors count too. */
    Measurement withLatencyOf(Measurement latency) {
        return new Measurement(requestsPerSecond, latency.p50Millis, latency.p99Millis, errors + latency.errors,
                peakRssKib, cpuMicrosPerRequest, bytes);
    }
}
