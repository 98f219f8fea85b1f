package sifr.bench.load;

/**
 * One measured run of one server under one workload.
 *
 * @param requestsPerSecond completed responses per second as the load tool reports it
 * @param p50Millis median latency in milliseconds
 * @param p99Millis 99th percentile latency in milliseconds
 * @param errors socket errors, non-2xx answers, failed or timed-out requests
 * @param peakRssKib the server process's VmHWM (peak resident set) when the run ended, in KiB
 * @param cpuMicrosPerRequest CPU time (user + system, all threads) the server process used during the
 *     measured run divided by the requests it served, in µs; NaN when unknown. Less sensitive than req/s
 *     to other work on a shared machine, since waiting for a CPU costs no CPU time
 */
record Measurement(double requestsPerSecond, double p50Millis, double p99Millis, long errors, long peakRssKib,
                   double cpuMicrosPerRequest) {
    Measurement(double requestsPerSecond, double p50Millis, double p99Millis, long errors, long peakRssKib) {
        this(requestsPerSecond, p50Millis, p99Millis, errors, peakRssKib, Double.NaN);
    }

    Measurement withPeakRss(long kib) {
        return new Measurement(requestsPerSecond, p50Millis, p99Millis, errors, kib, cpuMicrosPerRequest);
    }

    /** With the CPU cost per request from the server's CPU time over a run of {@code seconds}. */
    Measurement withCpu(long cpuNanos, int seconds) {
        double requests = requestsPerSecond * seconds;
        double perRequest = cpuNanos < 0 || requests <= 0 ? Double.NaN : cpuNanos / 1000.0 / requests;
        return new Measurement(requestsPerSecond, p50Millis, p99Millis, errors, peakRssKib, perRequest);
    }

    /** With the latency percentiles of a separate run ({@code latency}); its errors count too. */
    Measurement withLatencyOf(Measurement latency) {
        return new Measurement(requestsPerSecond, latency.p50Millis, latency.p99Millis, errors + latency.errors,
                peakRssKib, cpuMicrosPerRequest);
    }
}
