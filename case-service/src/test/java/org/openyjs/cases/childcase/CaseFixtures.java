package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OrderStarted;
import org.openyjs.cases.reference.OutcomeType;
import org.openyjs.cases.reference.ReferenceData;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

/** What the lifecycle tests share: a child born 2008-05-01, "today" 2024-06-30, and the reference data. */
final class CaseFixtures {

    static final String CHILD = "child-1";
    static final String CITY = "leicester-city";
    static final LocalDate BORN = LocalDate.of(2008, 5, 1);
    static final LocalDate TODAY = LocalDate.of(2024, 6, 30);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-30T12:00:00Z"), ZoneId.of("Europe/London"));
    private static final LocalDate LONG_AGO = LocalDate.of(2000, 1, 1);

    private CaseFixtures() {
    }

    static AggregateTestFixture<ChildCase> fixture() {
        AggregateTestFixture<ChildCase> fixture = new AggregateTestFixture<>(ChildCase.class);
        fixture.registerInjectableResource(new ReferenceData(List.of(
                new OutcomeType("YOUTH_CAUTION", "Youth caution", "OUT_OF_COURT", true, false, LONG_AGO, null),
                new OutcomeType("YOUTH_CONDITIONAL_CAUTION", "Youth conditional caution", "OUT_OF_COURT", true, false,
                        LONG_AGO, null),
                new OutcomeType("COMMUNITY_RESOLUTION", "Community resolution", "OUT_OF_COURT", false, false,
                        LONG_AGO, null),
                new OutcomeType("OUTCOME_22", "Outcome 22", "OUT_OF_COURT", false, false, LONG_AGO, null)),
                Set.of(CITY, "leicestershire"), null, null, List.of(
                orderType("REFERRAL_ORDER", "COMMUNITY"),
                orderType("YOUTH_REHABILITATION_ORDER", "COMMUNITY"),
                orderType("DETENTION_AND_TRAINING_ORDER", "CUSTODY"),
                orderType("PREVENTION_INTERVENTION", "PREVENTION"))));
        fixture.registerInjectableResource(CLOCK);
        return fixture;
    }

    private static ReferenceData.OrderType orderType(String code, String kind) {
        return new ReferenceData.OrderType(new ReferenceData.Code(code, code, LONG_AGO, null), kind);
    }

    static ChildRegistered registered() {
        return new ChildRegistered(CHILD, CITY, BORN, "MALE", "WHITE_BRITISH", "Leicester", null);
    }

    static OffenceRecorded offence(String offenceId, LocalDate on) {
        return new OffenceRecorded(CHILD, offenceId, on, "ROBBERY", 4, true);
    }

    static OrderStarted order(String orderId, String type, String kind, LocalDate start, LocalDate plannedEnd) {
        return new OrderStarted(CHILD, orderId, type, kind, null, start, plannedEnd);
    }

    /** A refusal naming this field, with this status. */
    static Matcher<Object> refusedOn(String field, HttpStatus status) {
        Matcher<DomainRefusal> onField = new FeatureMatcher<>(equalTo(field), "refusal naming field", "field") {
            @Override
            protected String featureValueOf(DomainRefusal actual) {
                return actual.field();
            }
        };
        Matcher<DomainRefusal> withStatus = new FeatureMatcher<>(equalTo(status), "with status", "status") {
            @Override
            protected HttpStatus featureValueOf(DomainRefusal actual) {
                return actual.status();
            }
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Matcher<Object> matcher = (Matcher) allOf(instanceOf(DomainRefusal.class), onField, withStatus);
        return matcher;
    }
}
