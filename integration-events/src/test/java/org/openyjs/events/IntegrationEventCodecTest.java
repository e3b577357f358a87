package org.openyjs.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openyjs.events.cases.ArrestRecorded;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.CaseAuditRecorded;
import org.openyjs.events.cases.CaseClosed;
import org.openyjs.events.cases.CaseReopened;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.CustodyEntered;
import org.openyjs.events.cases.PreventionReferralRecorded;
import org.openyjs.events.cases.ReleasedFromCustody;
import org.openyjs.events.cases.ResettlementAccommodationReferralMade;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.HomeVisitRecorded;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OrderStarted;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.PreSentenceReportSubmitted;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.RemandRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationEventCodecTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    static List<IntegrationPayload> oneOfEachContract() {
        return List.of(
                new ChildRegistered("c1", "leicester-city", LocalDate.of(2008, 5, 1), "MALE", "WHITE_BRITISH", "Leicester",
                        LocalDate.of(2023, 5, 3)),
                new OffenceRecorded("c1", "o1", LocalDate.of(2023, 5, 2), "THEFT_AND_HANDLING", 2, true),
                new OutcomeRecorded("c1", "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null),
                new OutcomeCorrected("c1", "o1", "e1", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 6, 1)),
                new ReferredToOutOfCourtPanel("c1", "o1", LocalDate.of(2023, 12, 12), 2, true),
                new AssessmentRecorded("c1", "a1", "o1", "PREVENTION_AND_DIVERSION", LocalDate.of(2023, 12, 20),
                        LocalDate.of(2023, 12, 22)),
                new VictimContactRecorded("c1", "o1", "v1", LocalDate.of(2023, 12, 19), "VIEWS_GIVEN", true, true,
                        true, false, true),
                new PreSentenceReportSubmitted("c1", "o1", LocalDate.of(2023, 12, 1), LocalDate.of(2023, 12, 20),
                        "REFERRAL_ORDER", true),
                new RemandRecorded("c1", "r1", "o1", "YOUTH_DETENTION_ACCOMMODATION", LocalDate.of(2023, 11, 1), null),
                new HomeVisitRecorded("c1", "o1", Instant.parse("2024-01-06T10:00:00Z")),
                new OrderStarted("c1", "ro1", "REFERRAL_ORDER", "COMMUNITY", "o1", LocalDate.of(2024, 1, 5),
                        LocalDate.of(2024, 7, 5)),
                new OrderEnded("c1", "ro1", "REFERRAL_ORDER", "COMMUNITY", LocalDate.of(2024, 7, 5), "COMPLETED"),
                new StatusRecorded("c1", "ro1", "END", LocalDate.of(2024, 7, 5),
                        new StatusRecorded.Accommodation(true, "FAMILY_HOME"),
                        new StatusRecorded.Ete(true, 25, 25, "FULL_TIME", true),
                        new StatusRecorded.Send(true, true),
                        new StatusRecorded.Need(true, true, false),
                        new StatusRecorded.Need(false, false, false),
                        new StatusRecorded.WiderServices(false, false, true, false)),
                new PreventionReferralRecorded("c1", "pr1", LocalDate.of(2023, 3, 1), "SCHOOL", "GIVEN"),
                new ArrestRecorded("c1", "ar1", Instant.parse("2023-05-02T22:10:00Z"),
                        Instant.parse("2023-05-02T23:00:00Z"), true, true, false, "BAILED"),
                new CustodyEntered("c1", "dto1", "YOI", LocalDate.of(2024, 2, 1), LocalDate.of(2024, 8, 1)),
                new ResettlementAccommodationReferralMade("c1", "dto1", LocalDate.of(2024, 4, 15),
                        LocalDate.of(2024, 8, 1)),
                new ReleasedFromCustody("c1", "dto1", LocalDate.of(2024, 8, 1), "LICENCE"),
                new CaseTransferred("c1", "OUT", "leicestershire", "TRANSFER", LocalDate.of(2024, 9, 1)),
                new CaseAuditRecorded("c1", "qa1", "PRE_SENTENCE_REPORT", "o1", LocalDate.of(2024, 1, 3), "GOOD"),
                new CaseClosed("c1", LocalDate.of(2024, 9, 30), "ORDER_COMPLETED"),
                new CaseReopened("c1", LocalDate.of(2024, 10, 2)),
                new PanelDecisionRecorded("d1", "p1", "c1", "o1", "OUTCOME_22", LocalDate.of(2024, 1, 10)),
                new PanelDecisionAmended("a1", "d1", "p1", "c1", "o1", "OUTCOME_20", LocalDate.of(2024, 1, 17)),
                new YouthConditionalCautionNotCompleted("d1", "c1", "o1", LocalDate.of(2024, 4, 10),
                        LocalDate.of(2024, 4, 12)));
    }

    @Test
    void every_contract_has_an_example_here() {
        assertThat(oneOfEachContract()).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream().map(EventTypes.EventType::payloadClass).toList());
    }

    @ParameterizedTest
    @MethodSource("oneOfEachContract")
    void a_payload_survives_the_wire_unchanged(IntegrationPayload payload) {
        IntegrationEvent sent = codec.wrap("e1", "leicester-city", Instant.parse("2024-01-10T10:00:00Z"), "pat", payload);
        IntegrationEvent received = codec.read(codec.write(sent));
        assertThat(received).isEqualTo(sent);
        assertThat(codec.payload(received)).contains(payload);
        assertThat(received.childId()).isEqualTo("c1");
    }

    @ParameterizedTest
    @MethodSource("oneOfEachContract")
    void no_contract_has_a_field_for_personal_details(IntegrationPayload payload) {
        assertThat(Arrays.stream(payload.getClass().getRecordComponents()).map(RecordComponent::getName))
                .noneMatch(PersonalDataFields::isPersonal);
    }

    @Test
    void dates_are_written_as_iso_dates() {
        IntegrationEvent event = codec.wrap("e1", "leicester-city", Instant.parse("2024-01-10T10:00:00Z"), "pat",
                new OutcomeRecorded("c1", "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null));
        String json = new String(codec.write(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"outcomeDate\":\"2023-06-01\"").contains("\"recordedAt\":\"2024-01-10T10:00:00Z\"");
    }

    @Test
    void a_contract_version_this_reader_does_not_know_is_not_guessed_at() {
        IntegrationEvent newer = new IntegrationEvent("e1", "OutcomeRecorded", 99, "leicester-city", "c1",
                Instant.now(), "pat", JsonNodeFactory.instance.objectNode());
        assertThat(codec.payload(newer)).isEmpty();
    }

    @Test
    void a_version_1_victim_contact_is_read_as_version_2_with_the_new_answers_not_recorded() {
        var v1 = JsonNodeFactory.instance.objectNode()
                .put("childId", "c1").put("offenceId", "o1").put("victimId", "v1")
                .put("contactedOn", "2023-12-19").put("result", "DECLINED")
                .put("consentedToContact", false).put("restorativeJusticeOffered", true);
        IntegrationEvent old = new IntegrationEvent("e1", "VictimContactRecorded", 1, "leicester-city", "c1",
                Instant.parse("2023-12-19T10:00:00Z"), "pat", v1);

        assertThat(codec.payload(codec.read(codec.write(old)))).contains(new VictimContactRecorded("c1", "o1", "v1",
                LocalDate.of(2023, 12, 19), "DECLINED", false, true, null, null, null));
        assertThat(old.payload().has("keptInformed")).as("the stored message itself is untouched").isFalse();
    }

    @Test
    void a_version_1_registration_is_read_as_version_2_with_no_opening_day() {
        var v1 = JsonNodeFactory.instance.objectNode()
                .put("childId", "c1").put("youthJusticeService", "leicester-city").put("dateOfBirth", "2008-05-01")
                .put("sex", "MALE").put("ethnicity", "WHITE_BRITISH").put("localAuthority", "Leicester");
        IntegrationEvent old = new IntegrationEvent("e1", "ChildRegistered", 1, "leicester-city", "c1",
                Instant.parse("2023-12-19T10:00:00Z"), "pat", v1);

        assertThat(codec.payload(codec.read(codec.write(old)))).contains(new ChildRegistered("c1", "leicester-city",
                LocalDate.of(2008, 5, 1), "MALE", "WHITE_BRITISH", "Leicester", null));
    }

    @Test
    void a_version_with_no_upcaster_path_is_not_guessed_at() {
        IntegrationEvent older = new IntegrationEvent("e1", "OutcomeRecorded", 0, "leicester-city", "c1",
                Instant.now(), "pat", JsonNodeFactory.instance.objectNode());
        assertThat(codec.payload(older)).isEmpty();
    }

    @Test
    void a_malformed_message_is_an_invalid_integration_event() {
        assertThatThrownBy(() -> codec.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrationEventCodec.InvalidIntegrationEvent.class);
    }

    @Test
    void only_registered_contracts_can_be_wrapped() {
        IntegrationPayload stranger = () -> "c1";
        assertThatThrownBy(() -> codec.wrap("e1", "leicester-city", Instant.now(), "pat", stranger))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
