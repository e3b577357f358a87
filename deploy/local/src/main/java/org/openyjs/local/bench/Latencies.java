package org.openyjs.local.bench;

import java.util.Arrays;

/**
 * Latencies of one load phase, in nanoseconds, and their percentiles by the nearest-rank method:
 * the p-th percentile is the smallest value with at least p% of the values at or below it.
 * Thread-safe: completions arrive on the HTTP client's threads.
 */
final class Latencies {

    private long[] values = new long[1024];
    private int count;

    synchronized void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    /** The p-th percentile (0 < p <= 100) in nanoseconds; 0 when nothing was recorded. */
    synchronized long percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count); // 1-based
        return sorted[Math.max(rank, 1) - 1];
    }

    /** Milliseconds with one decimal, as printed. */
    static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }

    /**
     * When the i-th request (from 0) of an open-loop phase is due: requests are spaced evenly at the
     * rate from the phase's start, whatever happened to the earlier ones, and latency is measured from
     * this time, so a stalled client or server shows up as latency rather than as fewer requests.
     */
    static long scheduledAt(long startNanos, int index, double ratePerSecond) {
        return startNanos + Math.round(index * (1_000_000_000.0 / ratePerSecond));
    }
}
