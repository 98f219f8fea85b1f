package sifr.bench.load;

/**
 * One measured run of one server under one workload.
 *
 * @param requestsPerSecond completed responses per second as the load tool reports it
 * @param p50Millis median latency in milliseconds
 * @param p99Millis 99th percentile latency in milliseconds
 * @param errors socket errors, non-2xx answers, failed or timed-out requests
 * @param peakRssKib the server process's VmHWM (peak resident set) when the run ended, in KiB
 */
record Measurement(double requestsPerSecond, double p50Millis, double p99Millis, long errors, long peakRssKib) {
    Measurement withPeakRss(long kib) {
        return new Measurement(requestsPerSecond, p50Millis, p99Millis, errors, kib);
    }
}
