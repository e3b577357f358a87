package org.openyjs.cases.publishing;

import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseEvents;
import org.openyjs.events.EventTypes;
import org.openyjs.events.cases.ArrestRecorded;
import org.openyjs.events.cases.CaseAuditRecorded;
import org.openyjs.events.cases.CaseClosed;
import org.openyjs.events.cases.CaseReopened;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.CustodyEntered;
import org.openyjs.events.cases.PreventionReferralRecorded;
import org.openyjs.events.cases.ReleasedFromCustody;
import org.openyjs.events.cases.ResettlementAccommodationReferralMade;
import org.openyjs.events.cases.VictimContactRecorded;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which case facts leave case-service as which contract, and what stays behind. */
class CaseIntegrationEventsTest {

    private static final LocalDate ON = LocalDate.of(2024, 5, 1);
    private static final Instant AT = Instant.parse("2024-05-01T20:00:00Z");
    private final CaseIntegrationEvents mapper = new CaseIntegrationEvents();

    @Test
    void registration_goes_out_as_version_2_with_the_day_the_case_opened() {
        assertThat(mapper.toIntegrationPayload(new CaseEvents.ChildRegistered("c1", "leicester-city",
                LocalDate.of(2008, 5, 1), "MALE", "WHITE_BRITISH", "Leicester", ON)))
                .contains(new ChildRegistered("c1", "leicester-city", LocalDate.of(2008, 5, 1), "MALE",
                        "WHITE_BRITISH", "Leicester", ON));
        assertThat(EventTypes.byPayload(ChildRegistered.class).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void victim_contact_goes_out_as_version_2_with_its_new_answers() {
        assertThat(mapper.toIntegrationPayload(new CaseEvents.VictimContactRecorded("c1", "o1", "v1", ON, "VIEWS_GIVEN",
                true, true, true, false, null)))
                .contains(new VictimContactRecorded("c1", "o1", "v1", ON, "VIEWS_GIVEN", true, true, true, false, null));
        assertThat(EventTypes.byPayload(VictimContactRecorded.class).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void prevention_referral_and_consent_go_out_as_the_referral_as_it_stands() {
        assertThat(mapper.toIntegrationPayload(new CaseEvents.PreventionReferralRecorded("c1", "r1", ON, "PPN",
                "PENDING"))).contains(new PreventionReferralRecorded("c1", "r1", ON, "PPN", "PENDING"));
        assertThat(mapper.toIntegrationPayload(new CaseEvents.PreventionConsentRecorded("c1", "r1", ON, "PPN",
                "GIVEN", ON.plusDays(2)))).contains(new PreventionReferralRecorded("c1", "r1", ON, "PPN", "GIVEN"));
    }

    @Test
    void every_arrest_event_goes_out_as_the_arrest_as_it_stands_without_the_workers_name() {
        CaseEvents.Arrest arrest = new CaseEvents.Arrest("a1", AT, AT.plusSeconds(600), true, true, true, "BAILED");
        ArrestRecorded expected = new ArrestRecorded("c1", "a1", AT, AT.plusSeconds(600), true, true, true, "BAILED");
        assertThat(mapper.toIntegrationPayload(new CaseEvents.ArrestRecorded("c1", arrest))).contains(expected);
        assertThat(mapper.toIntegrationPayload(new CaseEvents.WorkerAllocated("c1", "wendy", AT, arrest)))
                .contains(expected);
        assertThat(mapper.toIntegrationPayload(new CaseEvents.PaceTransferRecorded("c1", arrest))).contains(expected);
        assertThat(mapper.toIntegrationPayload(new CaseEvents.ArrestResultRecorded("c1", arrest))).contains(expected);
        assertThat(mapper.toIntegrationPayload(new CaseEvents.WorkerAllocated("c1", "wendy", AT, null))).isEmpty();
    }

    @Test
    void custody_resettlement_and_release_go_out() {
        assertThat(mapper.toIntegrationPayload(new CaseEvents.CustodyEntered("c1", "dto1", "STC", ON, ON.plusMonths(6))))
                .contains(new CustodyEntered("c1", "dto1", "STC", ON, ON.plusMonths(6)));
        assertThat(mapper.toIntegrationPayload(new CaseEvents.AccommodationReferralMade("c1", "dto1", ON.plusMonths(2),
                ON.plusMonths(6))))
                .contains(new ResettlementAccommodationReferralMade("c1", "dto1", ON.plusMonths(2), ON.plusMonths(6)));
        assertThat(mapper.toIntegrationPayload(new CaseEvents.ReleasedFromCustody("c1", "dto1", ON.plusMonths(6),
                "LICENCE"))).contains(new ReleasedFromCustody("c1", "dto1", ON.plusMonths(6), "LICENCE"));
    }

    @Test
    void transfers_audits_closure_and_reopening_go_out_without_free_text() {
        assertThat(mapper.toIntegrationPayload(new CaseEvents.CaseTransferred("c1", "OUT", "leicestershire",
                "CARETAKING", ON))).contains(new CaseTransferred("c1", "OUT", "leicestershire", "CARETAKING", ON));
        assertThat(mapper.toIntegrationPayload(new CaseEvents.CaseAuditRecorded("c1", "qa1", "PLAN", null, ON,
                "REQUIRES_IMPROVEMENT")))
                .contains(new CaseAuditRecorded("c1", "qa1", "PLAN", null, ON, "REQUIRES_IMPROVEMENT"));
        assertThat(mapper.toIntegrationPayload(new CaseEvents.CaseClosed("c1", ON, "AGED_OUT", "Turned 18, see Jo")))
                .contains(new CaseClosed("c1", ON, "AGED_OUT"));
        assertThat(mapper.toIntegrationPayload(new CaseEvents.CaseReopened("c1", ON, "New offence by Jo")))
                .contains(new CaseReopened("c1", ON));
    }

    @Test
    void feedback_victim_details_restrictions_and_order_meetings_stay_in_case_service() {
        List<Object> internal = List.of(
                new CaseEvents.FeedbackRecorded("c1", "f1", "CHILD", 4, "Jo was kind", ON),
                new CaseEvents.VictimDetailsRecorded("c1", "v1", "o1", "c2VhbGVk"),
                new CaseEvents.CaseRestricted("c1", List.of("wendy"), "ada"),
                new CaseEvents.ReferralOrderPanelHeld("c1", "ro1", "INITIAL", ON),
                new CaseEvents.BreachRecorded("c1", "ro1", ON),
                new CaseEvents.ChargedByPanelDecision("c1", "o1", "d1", ON));
        assertThat(internal).allSatisfy(event -> assertThat(mapper.toIntegrationPayload(event)).isEmpty());
    }
}
