package org.openyjs.cases.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.openyjs.cases.api.CaseCommands;
import org.openyjs.events.cases.StatusRecorded.Accommodation;
import org.openyjs.events.cases.StatusRecorded.Ete;
import org.openyjs.events.cases.StatusRecorded.Need;
import org.openyjs.events.cases.StatusRecorded.Send;
import org.openyjs.events.cases.StatusRecorded.WiderServices;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns one line of an import file into the command the REST API would send, or says why it cannot:
 * the same fields and the same shape checks as the REST bodies (docs/import-format.md), with the ids
 * that are path parameters in the REST API (childId, offenceId, orderId, assessmentId) inside {@code data}.
 * Domain rules are left to the aggregate, exactly as for a REST call.
 */
final class ImportRows {

    static final int MAX_ROW_ID = 255;
    private static final String CHILD_ID = "^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$";
    private static final String CHILD_ID_MESSAGE = "must be 3 to 64 letters, digits, '-' or '_'";
    private static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    private static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    /** A line that could be read: its command, and the child whose rows must stay in order. */
    record ParsedRow(int lineNumber, String rowId, String type, String childId, Object command) {
    }

    /** A line that cannot become a command; {@code field} is null when the line itself is unreadable. */
    static final class RowRejected extends RuntimeException {
        private final String rowId;
        private final String field;

        RowRejected(String rowId, String field, String message) {
            super(message, null, false, false);
            this.rowId = rowId;
            this.field = field;
        }

        String rowId() {
            return rowId;
        }

        String field() {
            return field;
        }
    }

    private interface Row {
        String childId();

        Object toCommand(String source, String rowId);
    }

    record RegisterChildRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotBlank String youthJusticeService,
            @NotNull LocalDate dateOfBirth,
            @NotBlank @Pattern(regexp = "MALE|FEMALE|OTHER|NOT_KNOWN", message = "must be MALE, FEMALE, OTHER or NOT_KNOWN")
            String sex,
            @NotBlank @Pattern(regexp = "[A-Z_]{2,64}", message = "must be an ethnicity code such as WHITE_BRITISH")
            String ethnicity,
            @NotBlank String localAuthority) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.RegisterChild(childId, youthJusticeService, dateOfBirth, sex, ethnicity,
                    localAuthority);
        }
    }

    record OutcomeData(@NotBlank String code, @NotNull LocalDate date) {
    }

    record RecordOffenceRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @NotNull LocalDate offenceDate,
            @NotBlank String offenceCategory,
            @Min(1) @Max(5) Integer gravityScore,
            @NotNull Boolean admitted,
            @Valid OutcomeData outcome) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.RecordOffence(childId, offenceId, offenceDate, offenceCategory, gravityScore,
                    admitted, outcome == null ? null : new CaseCommands.OutcomeGiven(outcome.code(), outcome.date()));
        }
    }

    record RecordOutcomeRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @NotBlank String code,
            @NotNull LocalDate date) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.RecordOutcome(childId, offenceId, code, date, null);
        }
    }

    record ReferToOutOfCourtPanelRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @NotNull LocalDate referralDate) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.ReferToOutOfCourtPanel(childId, offenceId, referralDate);
        }
    }

    record RecordAssessmentRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String assessmentId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @NotBlank String tool,
            @NotNull LocalDate completedOn,
            LocalDate qualityAssuredOn) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.RecordAssessment(childId, assessmentId, offenceId, tool, completedOn,
                    qualityAssuredOn);
        }
    }

    record QualityAssureAssessmentRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String assessmentId,
            @NotNull LocalDate qualityAssuredOn) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.QualityAssureAssessment(childId, assessmentId, qualityAssuredOn);
        }
    }

    record RecordVictimContactRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String victimId,
            @NotNull LocalDate contactedOn,
            @NotBlank String result,
            @NotNull Boolean consentedToContact,
            @NotNull Boolean restorativeJusticeOffered,
            Boolean keptInformed,
            Boolean restorativeJusticeParticipated,
            Boolean supportReferralMade) implements Row {
        public Object toCommand(String source, String rowId) {
            // Without a victim id the same row always gets the same one, so a re-run cannot invent a second victim.
            String victim = victimId != null ? victimId
                    : UUID.nameUUIDFromBytes((source + "\n" + rowId).getBytes(StandardCharsets.UTF_8)).toString();
            return new CaseCommands.RecordVictimContact(childId, offenceId, victim, contactedOn, result,
                    consentedToContact, restorativeJusticeOffered, keptInformed, restorativeJusticeParticipated,
                    supportReferralMade, null);
        }
    }

    record StartOrderRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String orderId,
            @NotBlank String orderType,
            @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @NotNull LocalDate startDate,
            LocalDate plannedEndDate) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.StartOrder(childId, orderId, orderType, offenceId, startDate, plannedEndDate, null);
        }
    }

    record EndOrderRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String orderId,
            @NotNull LocalDate endDate,
            @NotBlank String endReason) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.EndOrder(childId, orderId, endDate, endReason, null);
        }
    }

    record RecordStatusRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String orderId,
            @NotBlank String point,
            @NotNull LocalDate assessedOn,
            @NotNull Accommodation accommodation,
            @NotNull Ete ete,
            @NotNull Send send,
            @NotNull Need mentalHealth,
            @NotNull Need substanceMisuse,
            @NotNull WiderServices widerServices) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.RecordStatus(childId, orderId, point, assessedOn, accommodation, ete, send,
                    mentalHealth, substanceMisuse, widerServices, null);
        }
    }

    /** Historical records often carry free text only: without a reasonCode the closure is NOT_RECORDED. */
    record CloseCaseRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull LocalDate on,
            @Pattern(regexp = "[A-Z_]{2,64}", message = "must be a closure code such as ORDER_COMPLETED") String reasonCode,
            @NotBlank @Size(max = 1000) String reason) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.CloseCase(childId, on, reasonCode != null ? reasonCode : "NOT_RECORDED", reason,
                    null);
        }
    }

    record ReopenCaseRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull LocalDate on,
            @NotBlank @Size(max = 1000) String reason) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.ReopenCase(childId, on, reason, null);
        }
    }

    record RecordPreventionReferralRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String referralId,
            @NotNull LocalDate referredOn,
            @NotBlank String source,
            @NotBlank String consent) implements Row {
        public Object toCommand(String importSource, String rowId) {
            return new CaseCommands.RecordPreventionReferral(childId, referralId, referredOn, source, consent, null);
        }
    }

    record RecordArrestRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String arrestId,
            @NotNull java.time.Instant arrestedAt,
            @NotNull Boolean heldOvernight) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.RecordArrest(childId, arrestId, arrestedAt, heldOvernight, null);
        }
    }

    record AdmitToCustodyRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String orderId,
            @NotBlank String establishmentType,
            @NotNull LocalDate admittedOn,
            @NotNull LocalDate expectedReleaseDate) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.AdmitToCustody(childId, orderId, establishmentType, admittedOn,
                    expectedReleaseDate, null);
        }
    }

    record ReleaseFromCustodyRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String orderId,
            @NotNull LocalDate releasedOn,
            @NotBlank String releaseType) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.ReleaseFromCustody(childId, orderId, releasedOn, releaseType, null);
        }
    }

    record TransferCaseRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotBlank String direction,
            @NotBlank String otherYouthJusticeService,
            @NotBlank String arrangement,
            @NotNull LocalDate transferredOn) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.TransferCase(childId, direction, otherYouthJusticeService, arrangement,
                    transferredOn, null);
        }
    }

    record RecordCaseAuditRow(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String auditId,
            @NotBlank String subject,
            @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @NotNull LocalDate auditedOn,
            @NotBlank String rating) implements Row {
        public Object toCommand(String source, String rowId) {
            return new CaseCommands.RecordCaseAudit(childId, auditId, subject, offenceId, auditedOn, rating, null);
        }
    }

    /** Every type an import file may use, by the name of the command it becomes. */
    static final Map<String, Class<? extends Row>> TYPES = Map.ofEntries(
            Map.entry("RegisterChild", RegisterChildRow.class),
            Map.entry("RecordOffence", RecordOffenceRow.class),
            Map.entry("RecordOutcome", RecordOutcomeRow.class),
            Map.entry("ReferToOutOfCourtPanel", ReferToOutOfCourtPanelRow.class),
            Map.entry("RecordAssessment", RecordAssessmentRow.class),
            Map.entry("QualityAssureAssessment", QualityAssureAssessmentRow.class),
            Map.entry("RecordVictimContact", RecordVictimContactRow.class),
            Map.entry("StartOrder", StartOrderRow.class),
            Map.entry("EndOrder", EndOrderRow.class),
            Map.entry("RecordStatus", RecordStatusRow.class),
            Map.entry("CloseCase", CloseCaseRow.class),
            Map.entry("ReopenCase", ReopenCaseRow.class),
            Map.entry("RecordPreventionReferral", RecordPreventionReferralRow.class),
            Map.entry("RecordArrest", RecordArrestRow.class),
            Map.entry("AdmitToCustody", AdmitToCustodyRow.class),
            Map.entry("ReleaseFromCustody", ReleaseFromCustodyRow.class),
            Map.entry("TransferCase", TransferCaseRow.class),
            Map.entry("RecordCaseAudit", RecordCaseAuditRow.class));

    private static final Set<String> ENVELOPE = Set.of("rowId", "type", "data");

    private final ObjectMapper json;
    private final Validator validator;

    ImportRows(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The command for one line, or {@link RowRejected} naming the field at fault. */
    ParsedRow parse(int lineNumber, String line, String source) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new RowRejected(null, null, "the line is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RowRejected(null, null, "the line is not a JSON object");
        }
        JsonNode rowIdNode = node.get("rowId");
        String rowId = rowIdNode != null && rowIdNode.isValueNode() && !rowIdNode.isNull() ? rowIdNode.asText() : null;
        if (rowId == null || rowId.isBlank()) {
            throw new RowRejected(null, "rowId", "is required: the row's id, unique in the source");
        }
        if (rowId.length() > MAX_ROW_ID) {
            throw new RowRejected(null, "rowId", "must be at most " + MAX_ROW_ID + " characters");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!ENVELOPE.contains(name)) {
                throw new RowRejected(rowId, name, "is not part of a row; a row has rowId, type and data");
            }
        });
        String type = node.path("type").asText(null);
        if (type == null || type.isBlank()) {
            throw new RowRejected(rowId, "type", "is required: one of " + String.join(", ", TYPES.keySet().stream().sorted().toList()));
        }
        Class<? extends Row> rowType = TYPES.get(type);
        if (rowType == null) {
            throw new RowRejected(rowId, "type", "unknown type '" + type + "'; one of "
                    + String.join(", ", TYPES.keySet().stream().sorted().toList()));
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new RowRejected(rowId, "data", "is required: an object with the fields of the " + type + " request");
        }
        Row row;
        try {
            row = json.treeToValue(data, rowType);
        } catch (JsonMappingException e) {
            throw new RowRejected(rowId, path(e), e instanceof InvalidFormatException invalid
                    ? "cannot read '" + invalid.getValue() + "' as " + invalid.getTargetType().getSimpleName()
                    : "has the wrong type or shape");
        } catch (JsonProcessingException e) {
            throw new RowRejected(rowId, null, "cannot read data: " + e.getOriginalMessage());
        }
        Set<ConstraintViolation<Row>> violations = validator.validate(row);
        if (!violations.isEmpty()) {
            ConstraintViolation<Row> first = violations.stream()
                    .min(Comparator.comparing((ConstraintViolation<Row> v) -> v.getPropertyPath().toString())).orElseThrow();
            String field = first.getPropertyPath().toString();
            String message = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; "));
            throw new RowRejected(rowId, field, message);
        }
        return new ParsedRow(lineNumber, rowId, type, row.childId(), row.toCommand(source, rowId));
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "data";
        }
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
