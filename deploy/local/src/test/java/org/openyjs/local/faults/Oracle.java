package org.openyjs.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openyjs.local.demo.GatewayClient;
import org.openyjs.local.faults.SteadyLoad.Fate;
import org.openyjs.local.faults.SteadyLoad.Sent;
import org.openyjs.local.generator.Row;
import org.openyjs.local.generator.RowRequests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consistency oracle: what the platform holds against what it acknowledged.
 * <ul>
 *   <li>the event store: each child's timeline is exactly the events of its acknowledged rows, in order
 *       (plus, at most once, those of an ambiguous last row);</li>
 *   <li>kpi-service: every measure's figure and drill-down, for both services and three financial years,
 *       taken before and after a rebuild from the first event; and first-time entrants and custody
 *       counted independently here from the rows recorded.</li>
 * </ul>
 */
final class Oracle {

    static final List<String> SERVICES = List.of("leicester-city", "leicestershire");
    static final List<String> PERIODS = List.of("FY2022-23", "FY2023-24", "FY2024-25");
    private static final Set<String> FIRST_ENTRY = Set.of("YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION", "REFERRAL_ORDER",
            "YOUTH_REHABILITATION_ORDER", "DETENTION_AND_TRAINING_ORDER", "SECTION_250_DETENTION", "SECTION_259_DETENTION",
            "CONDITIONAL_DISCHARGE", "ABSOLUTE_DISCHARGE", "FINE");
    private static final Set<String> CUSTODIAL = Set.of("DETENTION_AND_TRAINING_ORDER", "SECTION_250_DETENTION",
            "SECTION_259_DETENTION");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayClient gateway;
    private final Tokens tokens;

    Oracle(GatewayClient gateway, Tokens tokens) {
        this.gateway = gateway;
        this.tokens = tokens;
    }

    /**
     * Checks every child's timeline against the ledger; returns the rows recorded, in order: the acknowledged
     * ones and any ambiguous one the store shows was recorded after all.
     */
    List<Row> checkEventStore(Map<String, List<Sent>> ledger) throws Exception {
        List<Row> recorded = new ArrayList<>();
        for (Map.Entry<String, List<Sent>> child : new TreeMap<>(ledger).entrySet()) {
            List<Sent> sent = List.copyOf(child.getValue());
            List<Row> acknowledged = sent.stream().filter(s -> s.fate() == Fate.ACKNOWLEDGED).map(Sent::row).toList();
            List<String> expected = acknowledged.stream().flatMap(r -> RowRequests.events(r).stream()).toList();
            List<String> stored = timeline(child.getKey());
            Sent last = sent.isEmpty() ? null : sent.get(sent.size() - 1);
            recorded.addAll(acknowledged);
            if (last != null && last.fate() == Fate.AMBIGUOUS && !stored.equals(expected)) {
                List<String> withIt = new ArrayList<>(expected);
                withIt.addAll(RowRequests.events(last.row()));
                assertThat(stored).as("%s: the acknowledged rows' events, and the ambiguous last row's once (%s)",
                        child.getKey(), last).isEqualTo(withIt);
                recorded.add(last.row());
            } else {
                assertThat(stored).as("%s: exactly the acknowledged rows' events, in order; ledger %s", child.getKey(), sent)
                        .isEqualTo(expected);
            }
        }
        return recorded;
    }

    /** The event names of a child's timeline, oldest first; empty if the child was never registered. */
    List<String> timeline(String childId) throws Exception {
        GatewayClient.Response response = gateway.get(tokens.of("practitioner"), "/api/cases/" + childId);
        if (response.status() == 404) {
            return List.of();
        }
        assertThat(response.status()).as("GET case %s: %s", childId, response.body()).isEqualTo(200);
        List<String> events = new ArrayList<>();
        JSON.readTree(response.body()).get("timeline").forEach(e -> events.add(e.get("event").asText()));
        return events;
    }

    /** First-time entrants and custody counted here, from the rows recorded, by the v1 rules' definitions. */
    static Map<String, Long> expectedCounts(List<Row> recorded) {
        Map<String, Long> counts = new TreeMap<>();
        for (String service : SERVICES) {
            for (String period : PERIODS) {
                counts.put(key("first-time-entrants", service, period), 0L);
                counts.put(key("custody", service, period), 0L);
            }
        }
        Map<String, LocalDate> born = new java.util.HashMap<>();
        Map<String, String> serviceOf = new java.util.HashMap<>();
        Map<String, LocalDate> firstEntry = new java.util.HashMap<>();
        for (Row row : recorded) {
            if (row.type().equals("RegisterChild")) {
                born.put(row.childId(), LocalDate.parse((String) row.data().get("dateOfBirth")));
                serviceOf.put(row.childId(), (String) row.data().get("youthJusticeService"));
            }
            String code = null;
            LocalDate date = null;
            if (row.type().equals("RecordOutcome")) {
                code = (String) row.data().get("code");
                date = LocalDate.parse((String) row.data().get("date"));
            } else if (row.type().equals("RecordOffence") && row.data().get("outcome") instanceof Map<?, ?> outcome) {
                code = outcome.get("code").toString();
                date = LocalDate.parse(outcome.get("date").toString());
            }
            if (code == null) {
                continue;
            }
            String service = serviceOf.get(row.childId());
            if (CUSTODIAL.contains(code)) {
                counts.computeIfPresent(key("custody", service, financialYear(date)), (k, n) -> n + 1);
            }
            LocalDate earliest = firstEntry.get(row.childId());
            if (FIRST_ENTRY.contains(code) && (earliest == null || date.isBefore(earliest))) {
                firstEntry.put(row.childId(), date);
            }
        }
        firstEntry.forEach((child, date) -> {
            int age = Period.between(born.get(child), date).getYears();
            if (age >= 10 && age <= 17) {
                counts.computeIfPresent(key("first-time-entrants", serviceOf.get(child), financialYear(date)), (k, n) -> n + 1);
            }
        });
        return counts;
    }

    /** The same two numerators as kpi-service gives them. */
    Map<String, Long> actualCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String measure : List.of("first-time-entrants", "custody")) {
            for (String service : SERVICES) {
                for (String period : PERIODS) {
                    counts.put(key(measure, service, period), figure(measure, service, period, "").get("numerator").asLong());
                }
            }
        }
        return counts;
    }

    /** Every measure's figure and drill-down for both services and the three years. */
    Map<String, JsonNode> snapshot() throws Exception {
        Map<String, JsonNode> snapshot = new TreeMap<>();
        for (String measure : measures()) {
            for (String service : SERVICES) {
                for (String period : PERIODS) {
                    snapshot.put(key(measure, service, period), figure(measure, service, period, ""));
                    snapshot.put(key(measure, service, period) + " children", figure(measure, service, period, "/children"));
                }
            }
        }
        return snapshot;
    }

    List<String> measures() throws Exception {
        GatewayClient.Response response = gateway.get(tokens.of("analyst"), "/api/kpi/measures");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        JSON.readTree(response.body()).forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    /** Rebuilds kpi-service's read models from the first event and waits until it has finished. */
    void rebuild(Duration patience) throws Exception {
        String before = JSON.readTree(gateway.get(tokens.of("admin"), "/api/kpi/rebuild").body()).path("startedAt").asText();
        GatewayClient.Response started = gateway.post(tokens.of("admin"), "/api/kpi/rebuild", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            JsonNode status = JSON.readTree(gateway.get(tokens.of("admin"), "/api/kpi/rebuild").body());
            String state = status.path("state").asText();
            if (!status.path("startedAt").asText().equals(before) && state.equals("COMPLETED")) {
                return;
            }
            assertThat(state).as("rebuild: %s", status).isNotEqualTo("FAILED");
            assertThat(Instant.now()).as("rebuild not finished: %s", status).isBefore(giveUp);
            Thread.sleep(500);
        }
    }

    /**
     * The figure, or the refusal: a measure whose rule was not yet in force in a year answers 400, and must
     * go on answering the same.
     */
    private JsonNode figure(String measure, String service, String period, String view) throws Exception {
        GatewayClient.Response response = gateway.get(tokens.of("analyst"), "/api/kpi/" + measure + view + "?service=" + service
                + "&period=" + period);
        assertThat(response.status()).as("%s %s %s%s: %s", measure, service, period, view, response.body()).isIn(200, 400);
        JsonNode body = JSON.readTree(response.body());
        return response.status() == 200 ? body : JSON.createObjectNode().put("status", 400).put("detail", body.path("detail").asText());
    }

    static String key(String measure, String service, String period) {
        return measure + " " + service + " " + period;
    }

    static String financialYear(LocalDate date) {
        int start = date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
        return "FY" + start + "-" + String.format("%02d", (start + 1) % 100);
    }
}
