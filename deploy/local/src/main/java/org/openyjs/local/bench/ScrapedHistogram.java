package org.openyjs.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's Prometheus histogram (cumulative {@code _bucket{le="..."}} counts) read before and after a phase,
 * so the phase's own distribution can be told apart from what the service saw before it. Percentiles are the
 * upper bound of the bucket they fall in: as coarse as the buckets, and said so where they are printed.
 */
final class ScrapedHistogram {

    private final TreeMap<Double, Long> cumulative;

    private ScrapedHistogram(TreeMap<Double, Long> cumulative) {
        this.cumulative = cumulative;
    }

    /** The histogram named {@code metric} (e.g. kpi_read_model_staleness_seconds) from {@code service}'s /actuator/prometheus. */
    static ScrapedHistogram scrape(HttpClient http, URI service, String metric) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + service + "/actuator/prometheus: HTTP " + response.statusCode());
        }
        return parse(response.body(), metric);
    }

    static ScrapedHistogram parse(String exposition, String metric) {
        Pattern bucket = Pattern.compile("^" + Pattern.quote(metric) + "_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*}\\s+(\\S+)",
                Pattern.MULTILINE);
        TreeMap<Double, Long> counts = new TreeMap<>();
        Matcher m = bucket.matcher(exposition);
        while (m.find()) {
            double le = "+Inf".equals(m.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            counts.merge(le, (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        if (counts.isEmpty()) {
            throw new IllegalStateException("No histogram " + metric + " in the service's metrics");
        }
        return new ScrapedHistogram(counts);
    }

    /** What was observed after {@code earlier} was read. */
    ScrapedHistogram since(ScrapedHistogram earlier) {
        TreeMap<Double, Long> delta = new TreeMap<>();
        cumulative.forEach((le, count) -> delta.put(le, count - earlier.cumulative.getOrDefault(le, 0L)));
        return new ScrapedHistogram(delta);
    }

    long count() {
        return cumulative.lastEntry().getValue();
    }

    /** The upper bound, in ms, of the bucket holding the given percentile; infinite if beyond the last bound, NaN if empty. */
    double percentileUpperBoundMillis(double percentile) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = Math.ceil(total * percentile / 100.0);
        for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                return e.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
