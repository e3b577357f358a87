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
    void a_missing_field_is_rejected_naming_it() {
        assertThatThrownBy(() -> command("RecordPreventionReferral", """
                "childId":"c-1","referralId":"p1","referredOn":"2021-01-01","consent":"GIVEN\""""))
                .isInstanceOfSatisfying(ImportRows.RowRejected.class, e -> assertThat(e.field()).isEqualTo("source"));
    }
}
