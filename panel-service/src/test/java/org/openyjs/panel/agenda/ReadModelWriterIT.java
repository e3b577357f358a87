package org.openyjs.panel.agenda;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.api.PanelCommands.Attendee;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.panel.api.ReferralEvents.AssessmentNoted;
import org.openyjs.panel.api.ReferralEvents.CarriedOver;
import org.openyjs.panel.api.ReferralEvents.ConditionsCompleted;
import org.openyjs.panel.api.ReferralEvents.ConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralEvents.ConditionsNotCompleted;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionOverdue;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.PlacedOnAgenda;
import org.openyjs.panel.api.ReferralEvents.QuorumOverridden;
import org.openyjs.panel.api.ReferralEvents.ReferralClosedByOutcomeElsewhere;
import org.openyjs.panel.api.ReferralEvents.ReferralReceived;
import org.openyjs.panel.api.ReferralEvents.ReferralWithdrawn;
import org.openyjs.panel.api.ReferralEvents.ScrutinyFindingRecorded;
import org.openyjs.panel.api.ReferralEvents.SelectedForScrutiny;
import org.openyjs.panel.api.ReferralEvents.VictimContactNoted;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection's writes batched over a unit of work ({@link ReadModelWriter}), on real PostgreSQL: the same
 * interleaved history of many referrals and two meetings, handled one event per unit of work (as the service
 * handles events live) and as processor batches (as a rebuild replays them), leaves the same rows; a statement
 * failing part-way through a batch leaves nothing of that batch, and the batch handled again leaves the same rows.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@DirtiesContext
class ReadModelWriterIT {

    private static final List<String> TABLES = List.of("meeting_view", "referral_view", "assessment_view",
            "victim_view", "agenda_entry", "decision_view", "amendment_view", "scrutiny_sample", "quorum_override");
    private static final String CITY = "test-city";
    private static final LocalDate P1 = LocalDate.of(2025, 4, 23);
    private static final LocalDate P2 = LocalDate.of(2025, 4, 30);
    private static final Instant AT = Instant.parse("2025-04-01T09:00:00Z");
    private static final int REFERRALS = 36;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "panel_writer");
    }

    @Autowired
    PanelReadModelProjection projection;
    @Autowired
    TransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    AnnotationEventHandlerAdapter handlers;

    @BeforeEach
    void empty() {
        handlers = new AnnotationEventHandlerAdapter(projection);
        handlers.prepareReset();
    }

    @Test
    void batches_leave_the_rows_that_handling_one_event_at_a_time_leaves() {
        List<EventMessage<?>> history = history();
        for (EventMessage<?> event : history) {
            assertThat(handle(List.of(event)).isExceptional()).isFalse();
        }
        Map<String, String> live = tables();
        assertThat(count("decision_view")).isEqualTo(REFERRALS / 6 * 3);
        assertThat(count("amendment_view")).isEqualTo(REFERRALS / 6 * 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM referral_view WHERE assessment_status = 'QUALITY_ASSURED'",
                Integer.class)).isEqualTo(REFERRALS / 6);

        for (int batchSize : List.of(history.size(), 100, 7)) {
            handlers.prepareReset();
            assertThat(count("referral_view")).isZero();
            for (List<EventMessage<?>> batch : batches(history, batchSize)) {
                assertThat(handle(batch).isExceptional()).isFalse();
            }
            assertThat(tables()).as("batches of " + batchSize).isEqualTo(live);
        }
    }

    @Test
    void a_statement_failing_mid_batch_leaves_nothing_of_the_batch_and_the_retry_the_same_rows() {
        List<EventMessage<?>> history = history();
        for (EventMessage<?> event : history) {
            handle(List.of(event));
        }
        Map<String, String> live = tables();
        handlers.prepareReset();

        // One referral's decision cannot be written: its whole batch, decided status and agenda entry included, fails.
        jdbc.execute("""
                CREATE FUNCTION refuse_decision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'decision % refused for the test', NEW.decision_id; END $$""");
        jdbc.execute("CREATE TRIGGER refuse_decision BEFORE INSERT ON decision_view FOR EACH ROW "
                + "WHEN (NEW.decision_id = 'd-r6') EXECUTE FUNCTION refuse_decision()");
        try {
            ResultMessage<?> failed = handle(history);
            assertThat(failed.isExceptional()).isTrue();
            assertThat(failed.exceptionResult()).hasStackTraceContaining("decision d-r6 refused for the test");
            for (String table : TABLES) {
                assertThat(count(table)).as(table).isZero();
            }
        } finally {
            jdbc.execute("DROP TRIGGER refuse_decision ON decision_view");
            jdbc.execute("DROP FUNCTION refuse_decision()");
        }

        assertThat(handle(history).isExceptional()).isFalse();
        assertThat(tables()).isEqualTo(live);
    }

    /** The events in one unit of work with a transaction, as a processor hands a batch to the projection. */
    private ResultMessage<?> handle(List<EventMessage<?>> batch) {
        UnitOfWork<EventMessage<?>> unitOfWork = batch.size() == 1 ? new DefaultUnitOfWork<>(batch.get(0))
                : new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        return unitOfWork.executeWithResult(() -> handlers.handle(unitOfWork.getMessage()),
                RollbackConfigurationType.ANY_THROWABLE);
    }

    private static List<List<EventMessage<?>>> batches(List<EventMessage<?>> history, int size) {
        List<List<EventMessage<?>>> batches = new ArrayList<>();
        for (int from = 0; from < history.size(); from += size) {
            batches.add(history.subList(from, Math.min(history.size(), from + size)));
        }
        return batches;
    }

    /**
     * Two meetings and {@link #REFERRALS} referrals in six kinds of history, interleaved one event of each in
     * turn, so that a batch holds several statements of one referral among those of many others, including
     * statements that depend on earlier ones (an update after the insert, a status from the assessments so far,
     * an amendment count).
     */
    private static List<EventMessage<?>> history() {
        List<List<EventMessage<?>>> streams = new ArrayList<>();
        streams.add(stream("p1", new MeetingScheduled("p1", P1),
                new AttendanceRecorded("p1", List.of(new Attendee("POLICE", "SERGEANT")), false, List.of("3 attendees")),
                new AttendanceRecorded("p1", List.of(new Attendee("POLICE", "SERGEANT"),
                        new Attendee("YOUTH_JUSTICE_SERVICE", "CHAIR"), new Attendee("YOUTH_JUSTICE_SERVICE", "RJ")),
                        true, List.of())));
        streams.add(stream("p2", new MeetingScheduled("p2", P2)));
        for (int i = 0; i < REFERRALS; i++) {
            String r = "r" + i;
            String d = "d-" + r;
            ReferralReceived received = new ReferralReceived(r, "c-" + r, "o1", CITY, LocalDate.of(2025, 4, 1), 2, true,
                    LocalDate.of(2025, 4, 24));
            streams.add(switch (i % 6) {
                case 0 -> stream(r, received,
                        new AssessmentNoted(r, "a1", "ASSET_PLUS", LocalDate.of(2025, 4, 2), null),
                        new AssessmentNoted(r, "a2", "ASSET_PLUS", LocalDate.of(2025, 4, 3), LocalDate.of(2025, 4, 4)),
                        new AssessmentNoted(r, "a1", "ASSET_PLUS", LocalDate.of(2025, 4, 2), null),
                        new VictimContactNoted(r, "v1", LocalDate.of(2025, 4, 5), "VIEWS_GIVEN", true, true),
                        new PlacedOnAgenda(r, "p1", P1),
                        decided(r, d, "p1", "YOUTH_CONDITIONAL_CAUTION", null, LocalDate.of(2025, 7, 1)),
                        new SelectedForScrutiny(r, d, "YOUTH_CONDITIONAL_CAUTION", List.of("OUTCOME")),
                        new ScrutinyFindingRecorded(r, d, "APPROPRIATE", null, LocalDate.of(2025, 6, 1)),
                        new ConditionsCompleted(r, d, LocalDate.of(2025, 6, 30)));
                case 1 -> stream(r, received, new PlacedOnAgenda(r, "p1", P1),
                        new CarriedOver(r, "p1", "p2", P2, "victim's views awaited"),
                        new DecisionOverdue(r, CITY, LocalDate.of(2025, 4, 24)),
                        new QuorumOverridden(r, d, "p2", P2, List.of("someone from POLICE"), "in writing"),
                        decided(r, d, "p2", "OUTCOME_22", "QA absent", null),
                        new DecisionAmended(r, "am1-" + r, d, "p2", "c-" + r, "o1", CITY, "OUTCOME_21",
                                LocalDate.of(2025, 5, 2), 3, "r", null, null, null, List.of(), null, "admits"),
                        new DecisionAmended(r, "am2-" + r, d, "p2", "c-" + r, "o1", CITY,
                                "YOUTH_CONDITIONAL_CAUTION", LocalDate.of(2025, 5, 3), 3, "r", null, null, null,
                                List.of("Attend"), LocalDate.of(2025, 8, 1), "conditions agreed"));
                case 2 -> stream(r, received, new DecisionOverdue(r, CITY, LocalDate.of(2025, 4, 24)),
                        new ReferralWithdrawn(r, null, "no longer suitable", LocalDate.of(2025, 4, 28)));
                case 3 -> stream(r, received, new PlacedOnAgenda(r, "p2", P2),
                        new ReferralClosedByOutcomeElsewhere(r, "c-" + r, "o1", CITY, "p2", "COMMUNITY_RESOLUTION",
                                LocalDate.of(2025, 4, 14)));
                case 4 -> stream(r, received, new PlacedOnAgenda(r, "p1", P1),
                        decided(r, d, "p1", "YOUTH_CONDITIONAL_CAUTION", null, LocalDate.of(2025, 5, 1)),
                        new ConditionsEndDatePassed(r, d, CITY, LocalDate.of(2025, 5, 1)),
                        new ConditionsNotCompleted(r, d, "c-" + r, "o1", CITY, LocalDate.of(2025, 5, 1),
                                LocalDate.of(2025, 5, 2), "did not attend"));
                default -> stream(r, received,
                        new VictimContactNoted(r, "v1", LocalDate.of(2025, 4, 5), "NOT_CONTACTABLE", false, false),
                        new VictimContactNoted(r, "v1", LocalDate.of(2025, 4, 8), "DECLINED", true, false),
                        new AssessmentNoted(r, "a1", "PREVENTION_AND_DIVERSION", LocalDate.of(2025, 4, 2), null),
                        new PlacedOnAgenda(r, "p2", P2),
                        new ReferralWithdrawn(r, "p2", "moved away", LocalDate.of(2025, 4, 29)));
            });
        }
        List<EventMessage<?>> history = new ArrayList<>();
        for (int step = 0; history.size() < streams.stream().mapToInt(List::size).sum(); step++) {
            for (List<EventMessage<?>> stream : streams) {
                if (step < stream.size()) {
                    history.add(stream.get(step));
                }
            }
        }
        return history;
    }

    private static List<EventMessage<?>> stream(String aggregate, Object... payloads) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.length; sequence++) {
            events.add(new GenericDomainEventMessage<>("Test", aggregate, sequence, payloads[sequence], Map.of(),
                    aggregate + "-" + sequence, AT.plusSeconds(sequence)));
        }
        return events;
    }

    private static DecisionRecorded decided(String referral, String decision, String panel, String outcome,
                                            String assessmentOverride, LocalDate conditionsEnd) {
        return new DecisionRecorded(referral, decision, panel, "c-" + referral, "o1", CITY, outcome,
                panel.equals("p1") ? P1 : P2, 2, "r", null, null, assessmentOverride,
                conditionsEnd == null ? List.of() : List.of("Attend 4 sessions"), conditionsEnd, 10, true);
    }

    private Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2").toString());
        }
        return tables;
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
