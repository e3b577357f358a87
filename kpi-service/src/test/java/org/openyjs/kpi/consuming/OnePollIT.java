package org.openyjs.kpi.consuming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OrderStarted;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.KpiFigure;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openyjs.kpi.consuming.Polls.at;
import static org.openyjs.kpi.consuming.Polls.child;
import static org.openyjs.kpi.consuming.Polls.day;
import static org.openyjs.kpi.consuming.Polls.event;

/**
 * A poll is applied with a few statements per table rather than per record: the same records applied as ONE
 * poll and as one poll per record must leave the same rows (arrival sequences included) and the same figures,
 * whatever reads across tables they involve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.kafka.listener.auto-startup=false")
class OnePollIT {

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    /** Every table a poll writes, with the columns that order its rows (arrival sequence where there is one). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("processed_event", "event_id");
        TABLES.put("rejected_message", "kafka_offset");
        TABLES.put("kpi_child", "child_id");
        TABLES.put("kpi_offence", "event_id");
        TABLES.put("kpi_outcome", "event_id");
        TABLES.put("kpi_outcome_correction", "seq");
        TABLES.put("kpi_order", "child_id, order_id");
        TABLES.put("kpi_status", "seq");
        TABLES.put("kpi_transfer", "seq");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi_one_poll");
    }

    @Autowired
    IntegrationEventListener listener;
    @Autowired
    ReadModelReset reset;
    @Autowired
    MeasureCalculator calculator;
    @Autowired
    Measures measures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private Polls polls;

    @BeforeEach
    void emptyReadModel() {
        polls = new Polls(listener);
        clear();
    }

    @Test
    void anEventTwiceInOnePollCountsOnce() {
        IntegrationEvent outcome = event(CITY, new OutcomeRecorded("dup", "o1", "YOUTH_CAUTION", day("2023-06-01"), null));
        Snapshot snapshot = sameBothWays(List.of(
                record(event(CITY, child("dup", CITY))),
                record(outcome),
                record(event(CITY, new OffenceRecorded("dup", "o1", day("2023-05-01"), "THEFT_AND_HANDLING", 2, true))),
                record(outcome)));

        assertThat(snapshot.rows("kpi_outcome")).hasSize(1);
        // Only the registration, an upsert, is claimed; the outcome's and the offence's rows are keyed by their events.
        assertThat(snapshot.rows("processed_event")).hasSize(1);
        assertThat(snapshot.fte(CITY)).isEqualTo(1);
    }

    @Test
    void eachAppliedEventIsTimedOnceFromItsRecordingToTheCommit() {
        Timer staleness = meters.get("kpi.read-model.staleness").timer();
        long before = staleness.count();
        IntegrationEvent outcome = event(CITY, new OutcomeRecorded("aged", "o1", "YOUTH_CAUTION", day("2023-06-01"), null));

        listener.applyPoll(List.of(record(event(CITY, child("aged", CITY))), record(outcome), record(outcome)));
        listener.applyPoll(List.of(record(outcome)));

        // Two events applied; the duplicate in the poll and the redelivery are not timed.
        assertThat(staleness.count() - before).isEqualTo(2);
        // Recorded on 2023-08-01, so each was older than that when its facts were committed.
        assertThat(staleness.max(TimeUnit.SECONDS))
                .isGreaterThanOrEqualTo(Duration.between(at("2023-08-01"), Instant.now()).toSeconds() - 1);
    }

    @Test
    void aCorrectionAndItsOutcomeInOnePollInEitherOrder() {
        IntegrationEvent outcome = event(CITY, new OutcomeRecorded("corr", "o1", "YOUTH_CAUTION", day("2023-06-01"), null));
        // Corrected to a community resolution: no longer a first entry; the second correction restores a caution.
        IntegrationEvent correction = event(CITY, new OutcomeCorrected("corr", "o1", outcome.eventId(),
                "COMMUNITY_RESOLUTION", day("2023-06-01")));
        IntegrationEvent second = event(CITY, new OutcomeCorrected("corr", "o1", correction.eventId(),
                "REFERRAL_ORDER", day("2023-07-01")));
        ConsumerRecord<String, byte[]> registration = record(event(CITY, child("corr", CITY)));

        Snapshot outcomeFirst = sameBothWays(List.of(registration, record(outcome), record(correction)));
        assertThat(outcomeFirst.rows("kpi_outcome")).singleElement().asString().contains("\"corrected\": true");
        assertThat(outcomeFirst.fte(CITY)).isZero();

        clear();
        Snapshot correctionFirst = sameBothWays(List.of(registration, record(correction), record(outcome)));
        assertThat(correctionFirst.rows("kpi_outcome")).singleElement().asString().contains("\"corrected\": true");
        assertThat(correctionFirst.fte(CITY)).isZero();

        clear();
        Snapshot chain = sameBothWays(List.of(registration, record(outcome), record(correction), record(second)));
        assertThat(chain.rows("kpi_outcome_correction")).hasSize(2)
                .allSatisfy(row -> assertThat(row).contains("\"root_event_id\": \"" + outcome.eventId() + "\""));
        assertThat(chain.fte(CITY)).isEqualTo(1);

        clear();
        // The second correction before the first: its root is the first correction, as when applied one by one.
        Snapshot chainReversed = sameBothWays(List.of(registration, record(outcome), record(second), record(correction)));
        assertThat(chainReversed.rows("kpi_outcome_correction").get(0))
                .contains("\"root_event_id\": \"" + correction.eventId() + "\"");
    }

    @Test
    void aTransferAndTheRegistrationInOnePollInEitherOrder() {
        // Without the envelope's service, as an older producer sent it: recorded for the child's registered service.
        IntegrationEvent out = event(null, new CaseTransferred("moved", "OUT", COUNTY, "TRANSFER", day("2023-05-01")));
        IntegrationEvent in = event(COUNTY, new CaseTransferred("moved", "IN", CITY, "TRANSFER", day("2023-05-01")));
        ConsumerRecord<String, byte[]> registration = record(event(CITY, child("moved", CITY)));
        ConsumerRecord<String, byte[]> outcome = record(event(CITY,
                new OutcomeRecorded("moved", "o1", "YOUTH_CAUTION", day("2023-06-01"), null)));

        Snapshot registeredFirst = sameBothWays(List.of(registration, record(out), record(in), outcome));
        assertThat(registeredFirst.rows("kpi_child")).singleElement().asString().contains("\"transferred\": true");
        assertThat(registeredFirst.rows("kpi_transfer").get(0)).contains("\"youth_justice_service\": \"" + CITY + "\"");
        assertThat(registeredFirst.fte(CITY)).isZero();
        assertThat(registeredFirst.fte(COUNTY)).isEqualTo(1);

        clear();
        Snapshot transferFirst = sameBothWays(List.of(record(out), record(in), registration, outcome));
        assertThat(transferFirst.rows("kpi_child")).singleElement().asString().contains("\"transferred\": true");
        // Not registered yet when the transfer came: recorded for the other service, as one at a time.
        assertThat(transferFirst.rows("kpi_transfer").get(0)).contains("\"youth_justice_service\": \"" + COUNTY + "\"");

        clear();
        // Registered with the county before this poll, re-registered with the city after the transfer in it.
        List<ConsumerRecord<String, byte[]>> before = List.of(record(event(COUNTY, child("moved", COUNTY))));
        apply(before);
        List<ConsumerRecord<String, byte[]>> poll = List.of(record(out), registration, outcome);
        listener.applyPoll(poll);
        Snapshot onePoll = snapshot();
        clear();
        apply(before);
        poll.forEach(r -> listener.applyPoll(List.of(r)));
        assertThat(snapshot().tables()).isEqualTo(onePoll.tables());
        assertThat(onePoll.rows("kpi_transfer").get(0)).contains("\"youth_justice_service\": \"" + COUNTY + "\"");
    }

    @Test
    void anOrdersEndBeforeItsStartInOnePoll() {
        IntegrationEvent start = event(CITY, new OrderStarted("ord", "ord1", "REFERRAL_ORDER", "COURT",
                "o1", day("2023-04-01"), day("2023-10-01")));
        IntegrationEvent end = event(CITY, new OrderEnded("ord", "ord1", null, null, day("2023-09-15"), "COMPLETED"));
        IntegrationEvent typedEnd = event(CITY, new OrderEnded("ord", "ord1", "YOUTH_REHABILITATION_ORDER", null,
                day("2023-09-20"), "REVOKED"));
        ConsumerRecord<String, byte[]> registration = record(event(CITY, child("ord", CITY)));

        Snapshot endFirst = sameBothWays(List.of(registration, record(end), record(start)));
        assertThat(endFirst.rows("kpi_order")).singleElement().asString()
                .contains("\"order_type\": \"REFERRAL_ORDER\"", "\"end_reason\": \"COMPLETED\"",
                        "\"start_date\": \"2023-04-01\"");

        clear();
        Snapshot startFirst = sameBothWays(List.of(registration, record(start), record(end), record(typedEnd)));
        assertThat(startFirst.rows("kpi_order")).singleElement().asString()
                .contains("\"order_type\": \"YOUTH_REHABILITATION_ORDER\"", "\"kind\": \"COURT\"",
                        "\"end_reason\": \"REVOKED\"");

        clear();
        // Only ends in the poll, for an order started in an earlier one.
        List<ConsumerRecord<String, byte[]>> before = List.of(registration, record(start));
        apply(before);
        List<ConsumerRecord<String, byte[]>> poll = List.of(record(end), record(typedEnd), record(end));
        listener.applyPoll(poll);
        Snapshot onePoll = snapshot();
        clear();
        apply(before);
        poll.forEach(r -> listener.applyPoll(List.of(r)));
        assertThat(snapshot().tables()).isEqualTo(onePoll.tables());
        assertThat(onePoll.rows("kpi_order")).singleElement().asString()
                .contains("\"order_type\": \"YOUTH_REHABILITATION_ORDER\"", "\"end_reason\": \"REVOKED\"");
    }

    @Test
    void aMalformedRecordInTheMiddleIsNotedAndTheRestApplied() {
        Snapshot snapshot = sameBothWays(List.of(
                record(event(CITY, child("bad", CITY))),
                polls.record("bad", "{not json".getBytes(StandardCharsets.UTF_8)),
                record(event(CITY, new StatusRecorded("bad", "ord1", "START", day("2023-06-01"), null, null, null,
                        null, null, null))),
                record(event(CITY, new StatusRecorded("bad", "ord1", "END", day("2023-07-01"), null, null, null,
                        null, null, null))),
                record(event(CITY, new OutcomeRecorded("bad", "o1", "YOUTH_CAUTION", day("2023-06-01"), null)))));

        assertThat(snapshot.rows("rejected_message")).singleElement().asString().contains("MALFORMED");
        assertThat(snapshot.rows("kpi_status")).hasSize(2);
        assertThat(snapshot.rows("kpi_status").get(0)).contains("\"point\": \"START\"");
        assertThat(snapshot.fte(CITY)).isEqualTo(1);
    }

    @Test
    void aPollMixingARedeliveryWithNewEventsAppliesTheNewOnesOnly() {
        IntegrationEvent outcome = event(CITY, new OutcomeRecorded("mix", "o1", "YOUTH_CAUTION", day("2023-06-01"), null));
        IntegrationEvent registration = event(CITY, child("mix", CITY));
        listener.applyPoll(List.of(record(registration), record(outcome)));
        double applied = consumed("applied");
        double duplicates = consumed("duplicate");

        // The outcome and the registration again, among new events: the poll's plain insert meets the outcome's row,
        // so the poll is applied again skipping stored rows; the registration's claim stops it as before.
        IntegrationEvent offence = event(CITY, new OffenceRecorded("mix", "o2", day("2023-08-01"), "THEFT_AND_HANDLING",
                2, true));
        IntegrationEvent second = event(CITY, new OutcomeRecorded("mix", "o2", "REFERRAL_ORDER", day("2023-09-01"), null));
        listener.applyPoll(List.of(record(offence), record(outcome), record(registration), record(second)));

        assertThat(count("kpi_outcome")).isEqualTo(2);
        assertThat(count("kpi_offence")).isEqualTo(1);
        assertThat(count("processed_event")).isEqualTo(1);
        assertThat(consumed("applied") - applied).isEqualTo(2);
        assertThat(consumed("duplicate") - duplicates).isEqualTo(2);
    }

    @Test
    void aDatabaseFailureRollsTheWholePollBack() {
        IntegrationEvent outcome = event(CITY, new OutcomeRecorded("fail", "o1", "YOUTH_CAUTION", day("2023-06-01"), null));
        // The database refuses the outcome's row, written after the claim, the rejection and the registration.
        jdbc.sql("""
                CREATE FUNCTION refuse_outcome() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused by the test'; END $$""").update();
        jdbc.sql("CREATE TRIGGER refuse_outcome BEFORE INSERT ON kpi_outcome FOR EACH ROW EXECUTE FUNCTION refuse_outcome()")
                .update();
        List<ConsumerRecord<String, byte[]>> poll = List.of(record(event(CITY, child("fail", CITY))),
                polls.record("fail", new byte[0]),
                record(outcome));
        try {
            assertThatThrownBy(() -> listener.applyPoll(poll)).isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("refused by the test");
        } finally {
            jdbc.sql("DROP TRIGGER refuse_outcome ON kpi_outcome").update();
            jdbc.sql("DROP FUNCTION refuse_outcome()").update();
        }

        assertThat(count("processed_event")).isZero();
        assertThat(count("rejected_message")).isZero();
        assertThat(count("kpi_child")).isZero();
        assertThat(count("kpi_outcome")).isZero();

        // Retried once the database takes it again, the poll is applied whole.
        listener.applyPoll(poll);
        assertThat(count("kpi_child")).isEqualTo(1);
        assertThat(count("kpi_outcome")).isEqualTo(1);
        assertThat(count("rejected_message")).isEqualTo(1);
    }

    // --- one poll against one poll per record ----------------------------------------------------------

    /** Applies the records as one poll, then (emptied) one poll per record; both must leave the same rows. */
    private Snapshot sameBothWays(List<ConsumerRecord<String, byte[]>> records) {
        listener.applyPoll(records);
        Snapshot onePoll = snapshot();
        clear();
        apply(records);
        Snapshot separately = snapshot();
        assertThat(onePoll.tables()).as("one poll against one poll per record").isEqualTo(separately.tables());
        assertThat(onePoll.fte(CITY)).isEqualTo(separately.fte(CITY));
        assertThat(onePoll.fte(COUNTY)).isEqualTo(separately.fte(COUNTY));
        return onePoll;
    }

    private void apply(List<ConsumerRecord<String, byte[]>> records) {
        records.forEach(r -> listener.applyPoll(List.of(r)));
    }

    private void clear() {
        reset.clear();
        jdbc.sql("TRUNCATE rejected_message").update();
    }

    private Snapshot snapshot() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        // Arrival sequences keep counting across a truncate: compared by the order they give, not their values.
        TABLES.forEach((table, order) -> rows.put(table, jdbc.sql("SELECT (to_jsonb(t) - 'seq' - 'processed_at' "
                + "- 'received_at')::text FROM " + table + " t ORDER BY " + order).query(String.class).list()));
        Map<String, Long> fte = new LinkedHashMap<>();
        for (String service : List.of(CITY, COUNTY)) {
            KpiFigure figure = calculator.compute(measures.named("first-time-entrants"),
                    new FigureQuery(service, ReportingPeriod.named("FY2023-24"), null, null));
            fte.put(service, figure.numerator());
        }
        return new Snapshot(rows, fte);
    }

    private record Snapshot(Map<String, List<String>> tables, Map<String, Long> ftes) {
        List<String> rows(String table) {
            return tables.get(table);
        }

        long fte(String service) {
            return ftes.get(service);
        }
    }

    private double consumed(String result) {
        return meters.counter("kpi.consumer.records", "result", result).count();
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    private ConsumerRecord<String, byte[]> record(IntegrationEvent event) {
        return polls.record(event);
    }
}
