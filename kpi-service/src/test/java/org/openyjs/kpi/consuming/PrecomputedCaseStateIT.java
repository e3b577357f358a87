package org.openyjs.kpi.consuming;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.cases.CaseClosed;
import org.openyjs.events.cases.CaseReopened;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OrderStarted;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.readmodel.CaseFacts;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.OrderFacts;
import org.openyjs.kpi.readmodel.OrderFacts.EndedOrder;
import org.openyjs.kpi.readmodel.PrecomputedOutcomes;
import org.openyjs.kpi.readmodel.VictimFacts;
import org.openyjs.kpi.readmodel.VictimFacts.VictimContact;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openyjs.kpi.consuming.Polls.child;
import static org.openyjs.kpi.consuming.Polls.day;
import static org.openyjs.kpi.consuming.Polls.event;

/**
 * The precomputed case state from event sequences: closed spells (V11 kpi_case_closed, what a caseload figure counts
 * now), ended orders and victim contacts (V12 kpi_ended_order, kpi_effective_victim_contact: YJB KPIs 1-7 and 10). Each must give what the facts give however
 * the events fall into polls (the as-of path, which still reads the facts, is the oracle), be emptied by a reset and
 * be the same when derived once for every child (a rebuild's end) as when refreshed per poll.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.kafka.listener.auto-startup=false")
class PrecomputedCaseStateIT {

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    private static final Instant AFTER_EVERYTHING = Instant.parse("2100-01-01T00:00:00Z");
    private static final List<String> SERVICES = List.of(CITY, COUNTY, "partnership");
    private static final List<LocalDate> DAYS = List.of(day("2023-07-31"), day("2023-08-01"), day("2023-09-30"),
            day("2023-10-01"), day("2023-10-02"), day("2023-12-31"), day("2024-01-15"), day("2024-03-31"));
    private static final List<String> KINDS = List.of("COMMUNITY", "CUSTODY", "OUT_OF_COURT");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi_precomputed_cases");
    }

    @Autowired
    IntegrationEventListener listener;
    @Autowired
    ReadModelReset reset;
    @Autowired
    CaseFacts cases;
    @Autowired
    OrderFacts orders;
    @Autowired
    VictimFacts victims;
    @Autowired
    PrecomputedOutcomes precomputed;
    @Autowired
    MeasureCalculator calculator;
    @Autowired
    Measures measures;
    @Autowired
    JdbcClient jdbc;

    private Polls polls;

    @BeforeEach
    void emptyReadModel() {
        polls = new Polls(listener);
        reset.clear();
    }

    @Test
    void aBackDatedClosureAndASameDayReopeningCountAsTheFactsSay() {
        poll(event(CITY, child("a", CITY)), event(CITY, child("b", CITY)), event(COUNTY, child("c", COUNTY)));
        poll(event(CITY, new CaseClosed("a", day("2023-12-01"), "COMPLETED")));
        assertThat(openCount(CITY, day("2023-10-01"))).isEqualTo(2);
        assertThat(openCount(CITY, day("2023-12-31"))).isEqualTo(1);

        // Back-dated: a closure and reopening before the closure already stored; the spell from 1 December stays.
        poll(event(CITY, new CaseClosed("a", day("2023-09-30"), "COMPLETED")),
                event(CITY, new CaseReopened("a", day("2023-10-02"))));
        assertThat(openCount(CITY, day("2023-09-30"))).isEqualTo(1);
        assertThat(openCount(CITY, day("2023-10-01"))).isEqualTo(1);
        assertThat(openCount(CITY, day("2023-10-02"))).isEqualTo(2);
        assertThat(openCount(CITY, day("2023-12-31"))).isEqualTo(1);

        // Closed and reopened the same day: open that day (the later change by arrival wins), in one poll or two.
        poll(event(CITY, new CaseClosed("b", day("2024-01-15"), "COMPLETED")));
        assertThat(openCount(CITY, day("2024-01-15"))).isZero();
        IntegrationEvent reopened = event(CITY, new CaseReopened("b", day("2024-01-15")));
        poll(reopened, reopened);
        assertThat(openCount(CITY, day("2024-01-15"))).isEqualTo(1);
        assertThat(count("kpi_case_closed")).as("one spell per closure, an empty one included").isEqualTo(3);

        // Nothing registered by the end of the day before the registrations were recorded.
        assertThat(openCount(CITY, day("2023-07-31"))).isZero();
        assertSameAsFacts();
    }

    @Test
    void aTransferredChildsCaseCountsForTheServiceResponsibleOnTheDay() {
        poll(event(CITY, child("a", CITY)), event(CITY, new CaseClosed("a", day("2023-09-30"), "COMPLETED")));
        poll(event(CITY, new CaseReopened("a", day("2023-11-01"))),
                event(CITY, new CaseTransferred("a", "OUT", COUNTY, "TRANSFER", day("2023-12-01"))),
                event(COUNTY, new CaseTransferred("a", "IN", CITY, "TRANSFER", day("2023-12-01"))));
        assertThat(openCount(CITY, day("2023-11-15"))).isEqualTo(1);
        assertThat(openCount(COUNTY, day("2023-11-15"))).isZero();
        assertThat(openCount(COUNTY, day("2023-12-31"))).isEqualTo(1);
        assertThat(openCount(CITY, day("2023-12-31"))).isZero();
        assertSameAsFacts();
    }

    @Test
    void aClosureCountsOnceItsChildIsRegisteredAndFromTheDayItsCaseOpened() {
        // Closed before the registration arrived: no spell until the child is registered.
        poll(event(CITY, new CaseClosed("a", day("2023-12-01"), "COMPLETED")));
        assertThat(count("kpi_case_closed")).isZero();
        // a opened on 1 October; b's closure is dated before its case opened (15 January) and stays in force.
        poll(event(CITY, opened("a", "2023-10-01")), event(CITY, opened("b", "2024-01-15")),
                event(CITY, new CaseClosed("b", day("2023-09-30"), "COMPLETED")));
        assertThat(count("kpi_case_closed")).isEqualTo(2);
        assertThat(openCount(CITY, day("2023-09-30"))).as("neither case opened yet").isZero();
        assertThat(openCount(CITY, day("2023-10-01"))).as("a opened, not yet closed").isEqualTo(1);
        assertThat(openCount(CITY, day("2023-12-31"))).as("a closed, b not opened").isZero();
        assertThat(openCount(CITY, day("2024-01-15"))).as("b opened but closed since September").isZero();
        // Reopened on its opening day: b counts from then.
        poll(event(CITY, new CaseReopened("b", day("2024-01-15"))));
        assertThat(openCount(CITY, day("2024-01-15"))).isEqualTo(1);
        assertThat(openCount(COUNTY, day("2024-01-15"))).isZero();
        assertSameAsFacts();
    }

    @Test
    void theCaseloadFigureCountsWhatItsDrillDownLists() {
        poll(event(CITY, child("a", CITY)), event(CITY, child("b", CITY)), event(CITY, child("c", CITY)),
                event(CITY, new CaseClosed("c", day("2024-02-01"), "COMPLETED")));
        FigureQuery query = new FigureQuery(CITY, ReportingPeriod.named("FY2023-24"), null, null);
        var listed = calculator.evaluate(measures.named("caseload"), query);
        assertThat(listed.counted()).extracting(Counted::childId).containsExactly("a", "b");
        assertThat(calculator.compute(measures.named("caseload"), query).numerator()).isEqualTo(2);
        assertThat(calculator.compute(measures.named("caseload"), query).numerator()).isEqualTo(listed.numerator());
    }

    @Test
    void anEndedOrderCarriesItsLatestEndStatusWhicheverArrivesFirst() {
        // The END status before the order's end, in another poll; then re-recorded: the later one counts.
        poll(event(CITY, child("a", CITY)), event(CITY, start("a", "ord1", "COMMUNITY")),
                event(CITY, status("a", "ord1", true, false)));
        assertThat(endedNow(CITY)).isEmpty();
        poll(event(CITY, end("a", "ord1", "COMMUNITY", "2023-10-01")));
        assertThat(endedNow(CITY)).singleElement().satisfies(o -> assertThat(o.status().accommodationSuitable()).isTrue());
        poll(event(CITY, status("a", "ord1", false, true)));
        assertThat(endedNow(CITY)).singleElement().satisfies(o -> {
            assertThat(o.status().accommodationSuitable()).isFalse();
            assertThat(o.status().eteSuitable()).isTrue();
        });
        // An order ended without an END status; an order of a child registered after it ended.
        poll(event(COUNTY, child("b", COUNTY)), event(COUNTY, end("b", "ord1", "CUSTODY", "2023-11-01")),
                event(COUNTY, end("c", "ord1", "OUT_OF_COURT", "2023-12-01")));
        assertThat(endedNow(COUNTY)).singleElement().satisfies(o -> assertThat(o.status()).isNull());
        poll(event(COUNTY, child("c", COUNTY)));
        assertThat(endedNow(COUNTY)).extracting(o -> o.unit().childId()).containsExactly("b", "c");
        // Transferred before the order ended: the order counts for the service responsible on its end date.
        poll(event(CITY, new CaseTransferred("a", "OUT", COUNTY, "TRANSFER", day("2023-09-01"))),
                event(COUNTY, new CaseTransferred("a", "IN", CITY, "TRANSFER", day("2023-09-01"))));
        assertThat(endedNow(CITY)).isEmpty();
        assertThat(endedNow(COUNTY)).extracting(o -> o.unit().childId()).containsExactly("a", "b", "c");
        assertThat(count("kpi_ended_order")).isEqualTo(3);
        assertSameAsFacts();
    }

    @Test
    void aVictimsLastContactInThePeriodCountsForTheServiceResponsibleThatDay() {
        poll(event(CITY, child("a", CITY)), event(CITY, contact("a", "v1", "2023-06-01", "NO_RESPONSE", false)));
        poll(event(CITY, contact("a", "v1", "2023-09-01", "VIEWS_GIVEN", true)),
                event(CITY, contact("a", "v2", "2023-10-01", "VIEWS_GIVEN", false)));
        assertThat(contactedNow(CITY)).extracting(v -> v.unit().outcomeCode(), VictimContact::consentedToContact)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("VIEWS_GIVEN", true),
                        org.assertj.core.groups.Tuple.tuple("VIEWS_GIVEN", false));
        // A contact recorded before the child's registration counts once the child is registered.
        poll(event(COUNTY, contact("b", "v1", "2023-11-01", "DECLINED", false)));
        assertThat(contactedNow(COUNTY)).isEmpty();
        poll(event(COUNTY, child("b", COUNTY)));
        assertThat(contactedNow(COUNTY)).extracting(v -> v.unit().childId()).containsExactly("b");
        // Transferred before the second victim's contact: that one counts for the county.
        poll(event(CITY, new CaseTransferred("a", "OUT", COUNTY, "TRANSFER", day("2023-09-15"))),
                event(COUNTY, new CaseTransferred("a", "IN", CITY, "TRANSFER", day("2023-09-15"))));
        assertThat(contactedNow(CITY)).extracting(v -> v.unit().outcomeDate()).containsExactly(day("2023-09-01"));
        assertThat(contactedNow(COUNTY)).extracting(v -> v.unit().childId()).containsExactly("a", "b");
        assertThat(count("kpi_effective_victim_contact")).isEqualTo(4);
        assertSameAsFacts();
    }

    @Test
    void aResetEmptiesTheTablesAndDerivingThemOnceGivesTheRowsPollsLeft() {
        poll(event(CITY, child("a", CITY)), event(COUNTY, child("b", COUNTY)),
                event(CITY, start("a", "ord1", "COMMUNITY")), event(CITY, new CaseClosed("a", day("2023-11-01"), "X")));
        poll(event(CITY, end("a", "ord1", "COMMUNITY", "2023-10-01")), event(CITY, status("a", "ord1", true, true)),
                event(COUNTY, new CaseClosed("b", day("2023-09-01"), "X")),
                event(COUNTY, new CaseReopened("b", day("2023-10-01"))));
        poll(event(CITY, new CaseReopened("a", day("2023-12-01"))), event(CITY, new CaseClosed("a", day("2024-02-01"), "X")),
                event(COUNTY, end("b", "ord2", "CUSTODY", "2024-01-10")),
                event(CITY, new CaseTransferred("a", "OUT", COUNTY, "TRANSFER", day("2023-09-15"))),
                event(CITY, contact("a", "v1", "2023-10-01", "VIEWS_GIVEN", true)),
                event(COUNTY, contact("b", "v1", "2023-10-01", "VIEWS_GIVEN", true)));
        List<String> closed = rows("kpi_case_closed", "event_id");
        List<String> ends = rows("kpi_ended_order", "child_id, order_id");
        List<String> contacts = rows("kpi_effective_victim_contact", "event_id");
        assertThat(closed).hasSize(3);
        assertThat(ends).hasSize(2);
        assertThat(contacts).hasSize(2);

        reset.clear();
        assertThat(count("kpi_case_closed")).isZero();
        assertThat(count("kpi_ended_order")).isZero();
        assertThat(count("kpi_effective_victim_contact")).isZero();

        // As a rebuild replays: polls leave the tables alone, one derivation at the end.
        precomputed.defer();
        try {
            polls.replay();
            assertThat(count("kpi_case_closed")).isZero();
            assertThat(count("kpi_ended_order")).isZero();
            assertThat(count("kpi_effective_victim_contact")).isZero();
            // Meanwhile figures as they stand now read the facts replayed so far.
            assertSameAsFacts();
        } finally {
            precomputed.refreshAll();
        }
        assertThat(rows("kpi_case_closed", "event_id")).isEqualTo(closed);
        assertThat(rows("kpi_ended_order", "child_id, order_id")).isEqualTo(ends);
        assertThat(rows("kpi_effective_victim_contact", "event_id")).isEqualTo(contacts);

        // And a replay refreshed per poll gives them too.
        reset.clear();
        polls.replay();
        assertThat(rows("kpi_case_closed", "event_id")).isEqualTo(closed);
        assertThat(rows("kpi_ended_order", "child_id, order_id")).isEqualTo(ends);
        assertThat(rows("kpi_effective_victim_contact", "event_id")).isEqualTo(contacts);
        assertSameAsFacts();
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Now (precomputed) and as of a cut after everything (the facts) agree, the count with the list. */
    private void assertSameAsFacts() {
        for (String service : SERVICES) {
            for (LocalDate day : DAYS) {
                List<Counted> listed = cases.openCases(service, day, AFTER_EVERYTHING);
                assertThat(cases.openCases(service, day, null)).as("open cases %s %s", service, day).isEqualTo(listed);
                assertThat(cases.openCaseCount(service, day, null)).as("open case count %s %s", service, day)
                        .isEqualTo(listed.size());
                assertThat(cases.openCaseCount(service, day, AFTER_EVERYTHING)).isEqualTo(listed.size());
            }
            for (String period : List.of("FY2022-23", "FY2023-24")) {
                ReportingPeriod p = ReportingPeriod.named(period);
                assertThat(orders.ended(service, KINDS, List.of(), p.from(), p.to(), null))
                        .as("ended orders %s %s", service, period)
                        .isEqualTo(orders.ended(service, KINDS, List.of(), p.from(), p.to(), AFTER_EVERYTHING));
                assertThat(orders.ended(service, List.of("COMMUNITY"), List.of("REFERRAL_ORDER"), p.from(), p.to(), null))
                        .isEqualTo(orders.ended(service, List.of("COMMUNITY"), List.of("REFERRAL_ORDER"), p.from(),
                                p.to(), AFTER_EVERYTHING));
                assertThat(victims.contacted(service, p.from(), p.to(), null)).as("victims %s %s", service, period)
                        .isEqualTo(victims.contacted(service, p.from(), p.to(), AFTER_EVERYTHING));
            }
        }
    }

    private long openCount(String service, LocalDate day) {
        return cases.openCaseCount(service, day, null);
    }

    private List<EndedOrder> endedNow(String service) {
        ReportingPeriod p = ReportingPeriod.named("FY2023-24");
        return orders.ended(service, KINDS, List.of(), p.from(), p.to(), null);
    }

    private List<VictimContact> contactedNow(String service) {
        ReportingPeriod p = ReportingPeriod.named("FY2023-24");
        return victims.contacted(service, p.from(), p.to(), null);
    }

    private List<String> rows(String table, String order) {
        // The arrival sequence copied with a contact is a new number after a reset; its order is what counts.
        return jdbc.sql("SELECT (to_jsonb(t) - 'seq')::text FROM " + table + " t ORDER BY " + order)
                .query(String.class).list();
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    private void poll(IntegrationEvent... events) {
        polls.poll(events);
    }

    /** A registration (contract v2) with the day the case opened. */
    private static ChildRegistered opened(String child, String openedOn) {
        return new ChildRegistered(child, CITY, day("2008-03-10"), "MALE", "WHITE_BRITISH", CITY, day(openedOn));
    }

    private static OrderStarted start(String child, String order, String kind) {
        return new OrderStarted(child, order, "REFERRAL_ORDER", kind, "o1", day("2023-04-01"), day("2023-10-01"));
    }

    private static OrderEnded end(String child, String order, String kind, String day) {
        return new OrderEnded(child, order, "REFERRAL_ORDER", kind, day(day), "COMPLETED");
    }

    private static StatusRecorded status(String child, String order, boolean accommodationSuitable,
                                         boolean eteSuitable) {
        return new StatusRecorded(child, order, "END", day("2023-10-01"),
                new StatusRecorded.Accommodation(accommodationSuitable, "FAMILY_HOME"),
                new StatusRecorded.Ete(true, 25, 20, "SCHOOL", eteSuitable), new StatusRecorded.Send(true, false),
                new StatusRecorded.Need(true, true, false), new StatusRecorded.Need(false, false, false),
                new StatusRecorded.WiderServices(false, false, false, false));
    }

    private static VictimContactRecorded contact(String child, String victim, String day, String result,
                                                 boolean consented) {
        return new VictimContactRecorded(child, "o1", victim, day(day), result, consented, false, true, null, false);
    }
}
