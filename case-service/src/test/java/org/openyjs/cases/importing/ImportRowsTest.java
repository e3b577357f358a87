package org.openyjs.cases.importing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lifecycle's importable rows become the same commands as their REST calls. */
class ImportRowsTest {

    private final ImportRows rows = new ImportRows(JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(),
            Validation.buildDefaultValidatorFactory().getValidator());

    private Object command(String type, String data) {
        return rows.parse(1, "{\"rowId\":\"r1\",\"type\":\"" + type + "\",\"data\":{" + data + "}}", "paris").command();
    }

    @Test
    void an_arrest_a_custody_admission_and_a_transfer_become_their_commands() {
        assertThat(command("RecordArrest", """
                "childId":"c-1","arrestId":"a1","arrestedAt":"2021-03-02T21:15:00Z","heldOvernight":true"""))
                .isEqualTo(new CaseCommands.RecordArrest("c-1", "a1", Instant.parse("2021-03-02T21:15:00Z"), true, null));
        assertThat(command("AdmitToCustody", """
                "childId":"c-1","orderId":"dto1","establishmentType":"YOI","admittedOn":"2021-04-01",\
                "expectedReleaseDate":"2021-10-01\""""))
                .isEqualTo(new CaseCommands.AdmitToCustody("c-1", "dto1", "YOI", LocalDate.of(2021, 4, 1),
                        LocalDate.of(2021, 10, 1), null));
        assertThat(command("TransferCase", """
                "childId":"c-1","direction":"OUT","otherYouthJusticeService":"leicestershire","arrangement":"TRANSFER",\
                "transferredOn":"2021-05-01\""""))
                .isEqualTo(new CaseCommands.TransferCase("c-1", "OUT", "leicestershire", "TRANSFER",
                        LocalDate.of(2021, 5, 1), null));
    }

    @Test
    void a_closure_without_a_code_is_not_recorded_as_one_and_victim_answers_pass_through() {
        assertThat(command("CloseCase", """
                "childId":"c-1","on":"2021-09-30","reason":"caution completed\""""))
                .isEqualTo(new CaseCommands.CloseCase("c-1", LocalDate.of(2021, 9, 30), "NOT_RECORDED",
                        "caution completed", null));
        assertThat(command("RecordVictimContact", """
                "childId":"c-1","offenceId":"o1","victimId":"v1","contactedOn":"2021-06-01","result":"DECLINED",\
                "consentedToContact":false,"restorativeJusticeOffered":true,"keptInformed":true"""))
                .isEqualTo(new CaseCommands.RecordVictimContact("c-1", "o1", "v1", LocalDate.of(2021, 6, 1), "DECLINED",
                        false, true, true, null, null, null));
    }

    @Test
    void the_later_types_read_the_rest_body_with_the_path_ids_in_data() {
        assertThat(command("RecordReferralOrderPanel", """
                "childId":"c-1","orderId":"ro1","panelType":"INITIAL","heldOn":"2021-05-20\""""))
                .isEqualTo(new CaseCommands.RecordReferralOrderPanel("c-1", "ro1", "INITIAL", LocalDate.of(2021, 5, 20),
                        null));
        assertThat(command("AllocateWorker", """
                "childId":"c-1","arrestId":"a1","worker":"wendy","allocatedAt":"2021-03-02T22:00:00Z\""""))
                .isEqualTo(new CaseCommands.AllocateWorker("c-1", "wendy", Instant.parse("2021-03-02T22:00:00Z"), "a1",
                        null));
        assertThat(command("AllocateWorker", """
                "childId":"c-1","worker":"wendy","allocatedAt":"2021-03-02T22:00:00Z\""""))
                .isEqualTo(new CaseCommands.AllocateWorker("c-1", "wendy", Instant.parse("2021-03-02T22:00:00Z"), null,
                        null));
        assertThat(command("StartRemand", """
                "childId":"c-1","remandId":"rm1","offenceId":"o1","remandType":"LOCAL_AUTHORITY_ACCOMMODATION",\
                "startDate":"2021-03-03\""""))
                .isEqualTo(new CaseCommands.StartRemand("c-1", "rm1", "o1", "LOCAL_AUTHORITY_ACCOMMODATION",
                        LocalDate.of(2021, 3, 3), null));
        assertThat(command("CorrectOutcome", """
                "childId":"c-1","offenceId":"o1","code":"REFERRAL_ORDER","date":"2021-05-03","reason":"keyed wrong\""""))
                .isEqualTo(new CaseCommands.CorrectOutcome("c-1", "o1", "REFERRAL_ORDER", LocalDate.of(2021, 5, 3),
                        "keyed wrong", null));
        assertThat(command("RecordPostClosureCheck", """
                "childId":"c-1","checkedOn":"2022-06-10","furtherInvolvement":false"""))
                .isEqualTo(new CaseCommands.RecordPostClosureCheck("c-1", LocalDate.of(2022, 6, 10), false, null));
    }

    @Test
    void feedback_without_an_id_gets_the_same_one_on_every_run() {
        String data = """
                "childId":"c-1","respondent":"CHILD","rating":4,"givenOn":"2021-06-02\"""";
        CaseCommands.RecordFeedback first = (CaseCommands.RecordFeedback) command("RecordFeedback", data);
        assertThat(((CaseCommands.RecordFeedback) command("RecordFeedback", data)).feedbackId())
                .isEqualTo(first.feedbackId()).isNotBlank();
        assertThat(first.rating()).isEqualTo(4);
    }

    @Test
    void an_id_the_rest_path_has_is_required_and_checked() {
        assertThatThrownBy(() -> command("StartRemand", """
                "childId":"c-1","offenceId":"o1","remandType":"LOCAL_AUTHORITY_ACCOMMODATION","startDate":"2021-03-03\""""))
                .isInstanceOfSatisfying(ImportRows.RowRejected.class, e -> assertThat(e.field()).isEqualTo("remandId"));
        assertThatThrownBy(() -> command("RecordBreach", """
                "childId":"c-1","orderId":"no spaces","breachedOn":"2021-08-01\""""))
                .isInstanceOfSatisfying(ImportRows.RowRejected.class, e -> {
                    assertThat(e.field()).isEqualTo("orderId");
                    assertThat(e.getMessage()).isEqualTo("orderId must be 1 to 64 letters, digits, '-' or '_'");
                });
    }

    @Test
    void personal_details_stay_out_of_the_command_text_and_out_of_every_reason() {
        Object clear = command("RecordPersonalDetails", """
                "childId":"c-1","givenName":"Tom","familyName":"Quillfeather","phone":"0116 000 0000\"""");
        assertThat(clear).isInstanceOf(ImportRows.PersonalDetailsInClear.class);
        assertThat(clear.toString()).doesNotContain("Quillfeather", "Tom", "0116");
        Object victim = command("RecordVictimDetails", """
                "childId":"c-1","victimId":"v1","name":"Marchbanks","contactDetails":{"phone":"0116 111"}""");
        assertThat(victim.toString()).contains("v1").doesNotContain("Marchbanks", "0116");

        assertThatThrownBy(() -> command("RecordPersonalDetails", """
                "childId":"c-1","givenName":"Tom","familyName":"Quillfeather","email":"quill@@example\""""))
                .isInstanceOfSatisfying(ImportRows.RowRejected.class, e -> {
                    assertThat(e.field()).isEqualTo("email");
                    assertThat(e.getMessage()).doesNotContain("quill", "Quillfeather");
                });
        assertThatThrownBy(() -> command("RecordVictimDetails", """
                "childId":"c-1","name":"Marchbanks","contactDetails":"Marchbanks Lodge\""""))
                .isInstanceOfSatisfying(ImportRows.RowRejected.class, e -> {
                    assertThat(e.field()).isEqualTo("contactDetails");
                    assertThat(e.getMessage()).doesNotContain("Marchbanks");
                });
        // Unreadable JSON: Jackson would quote the token it could not read.
        assertThatThrownBy(() -> rows.parse(1, """
                {"rowId":"r1","type":"RecordPersonalDetails","data":{"childId":"c-1","familyName":Quillfeather}}""",
                "paris"))
                .isInstanceOfSatisfying(ImportRows.RowRejected.class, e -> {
                    assertThat(e.getMessage()).startsWith("the line is not valid JSON").contains("column")
                            .doesNotContain("Quillfeather");
                });
    }

    @Test
    void a_missing_field_is_rejected_naming_it() {
        assertThatThrownBy(() -> command("RecordPreventionReferral", """
                "childId":"c-1","referralId":"p1","referredOn":"2021-01-01","consent":"GIVEN\""""))
                .isInstanceOfSatisfying(ImportRows.RowRejected.class, e -> assertThat(e.field()).isEqualTo("source"));
    }
}
