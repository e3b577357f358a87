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
import org.openyjs.cases.arrest.ArrestController.AllocationRequest;
import org.openyjs.cases.arrest.ArrestController.PaceTransferRequest;
import org.openyjs.cases.arrest.ArrestController.ResultRequest;
import org.openyjs.cases.childcase.CaseIds;
import org.openyjs.cases.childcase.CaseRequests.CorrectionRequest;
import org.openyjs.cases.court.CourtController.HomeVisitRequest;
import org.openyjs.cases.court.CourtController.RemandEndRequest;
import org.openyjs.cases.court.CourtController.RemandRequest;
import org.openyjs.cases.court.CourtController.ReportRequest;
import org.openyjs.cases.court.CourtController.ReportSubmission;
import org.openyjs.cases.custody.CustodyController.DateRequest;
import org.openyjs.cases.custody.CustodyController.TemporaryReleaseRequest;
import org.openyjs.cases.orders.OrderController.BreachRequest;
import org.openyjs.cases.orders.OrderController.ContactRequest;
import org.openyjs.cases.orders.OrderController.PanelRequest;
import org.openyjs.cases.orders.OrderController.PlanRequest;
import org.openyjs.cases.orders.OrderController.ReviewRequest;
import org.openyjs.cases.personaldata.PersonalDataController.PersonalDetails;
import org.openyjs.cases.personaldata.PersonalDataSealer;
import org.openyjs.cases.personaldata.SealedOnDispatch;
import org.openyjs.cases.prevention.PreventionController.CheckRequest;
import org.openyjs.cases.prevention.PreventionController.ConsentRequest;
import org.openyjs.cases.quality.QualityController.FeedbackRequest;
import org.openyjs.cases.transfer.TransferController.DecisionRequest;
import org.openyjs.cases.victims.VictimController.VictimRequest;
import org.openyjs.events.cases.StatusRecorded.Accommodation;
import org.openyjs.events.cases.StatusRecorded.Ete;
import org.openyjs.events.cases.StatusRecorded.Need;
import org.openyjs.events.cases.StatusRecorded.Send;
import org.openyjs.events.cases.StatusRecorded.WiderServices;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns one line of an import file into the command the REST API would send, or says why it cannot:
 * the same fields and the same shape checks as the REST bodies (docs/import-format.md), with the ids
 * that are path parameters in the REST API (childId, offenceId, orderId, assessmentId, ...) inside {@code data}.
 * Domain rules are left to the aggregate, exactly as for a REST call. The later types ({@link #REST_BODIES})
 * read their data straight into the controller's request record and let it build the command.
 */
final class ImportRows {

    static final int MAX_ROW_ID = 255;
    private static final String CHILD_ID = CaseIds.CHILD_ID;
    private static final String CHILD_ID_MESSAGE = CaseIds.CHILD_ID_MESSAGE;
    private static final String ID = CaseIds.ID;
    private static final String ID_MESSAGE = CaseIds.ID_MESSAGE;

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
            return new CaseCommands.RecordVictimContact(childId, offenceId, derivedId(victimId, source, rowId),
                    contactedOn, result, consentedToContact, restorativeJusticeOffered, keptInformed,
                    restorativeJusticeParticipated, supportReferralMade, null);
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

    /** The ids a REST path carries, given in {@code data}; which of them a type needs is in its {@link RestBody}. */
    record PathIds(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String orderId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String arrestId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String remandId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String referralId) {
    }

    @FunctionalInterface
    private interface BodyCommand<B> {
        Object of(PathIds ids, B body, String source, String rowId);
    }

    /**
     * A type whose data is a REST request body, read and validated as the controller does, plus the ids of
     * its REST path. {@code required}: the ids the path has, or the REST API would generate (later rows
     * refer to them). {@code personal}: the data is personal, so no value of it is quoted in a reason.
     */
    private record RestBody<B>(Class<B> body, List<String> required, boolean personal, BodyCommand<B> command) {
    }

    private static <B> RestBody<B> body(Class<B> body, List<String> required, BodyCommand<B> command) {
        return new RestBody<>(body, required, false, command);
    }

    /** A row's personal details, in clear only until they are dispatched (sealed then), and never printed. */
    record PersonalDetailsInClear(String childId, PersonalDetails details) implements SealedOnDispatch {
        @Override
        public Object seal(PersonalDataSealer sealer) {
            return details.command(sealer, childId, null);
        }

        @Override
        public String toString() {
            return "RecordPersonalDetails[childId=" + childId + ", details withheld]";
        }
    }

    /** A row's victim details, as {@link PersonalDetailsInClear}. */
    record VictimDetailsInClear(String childId, String victimId, VictimRequest victim) implements SealedOnDispatch {
        @Override
        public Object seal(PersonalDataSealer sealer) {
            return victim.command(sealer, childId, victimId, null);
        }

        @Override
        public String toString() {
            return "RecordVictimDetails[childId=" + childId + ", victimId=" + victimId + ", details withheld]";
        }
    }

    /** Without an id of its own, the same row always gets the same one: a re-run cannot invent a second. */
    private static String derivedId(String given, String source, String rowId) {
        return given != null ? given
                : UUID.nameUUIDFromBytes((source + "\n" + rowId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Every other fact a practitioner records on a case, by the name of its command: the REST bodies as they are. */
    static final Map<String, RestBody<?>> REST_BODIES = Map.ofEntries(
            Map.entry("RecordPersonalDetails", new RestBody<>(PersonalDetails.class, List.of(), true,
                    (ids, details, source, rowId) -> new PersonalDetailsInClear(ids.childId(), details))),
            Map.entry("RecordVictimDetails", new RestBody<>(VictimRequest.class, List.of(), true,
                    (ids, victim, source, rowId) -> new VictimDetailsInClear(ids.childId(),
                            derivedId(victim.victimId(), source, rowId), victim))),
            Map.entry("RecordFeedback", body(FeedbackRequest.class, List.of(),
                    (ids, feedback, source, rowId) -> feedback.command(ids.childId(),
                            derivedId(feedback.feedbackId(), source, rowId), null))),
            Map.entry("CorrectOutcome", body(CorrectionRequest.class, List.of("offenceId"),
                    (ids, correction, source, rowId) -> correction.command(ids.childId(), ids.offenceId(), null))),
            Map.entry("RecordReferralOrderPanel", body(PanelRequest.class, List.of("orderId"),
                    (ids, panel, source, rowId) -> panel.command(ids.childId(), ids.orderId(), null))),
            Map.entry("RecordInterventionPlan", body(PlanRequest.class, List.of("orderId"),
                    (ids, plan, source, rowId) -> plan.command(ids.childId(), ids.orderId(), null))),
            Map.entry("RecordChildReviewMeeting", body(ReviewRequest.class, List.of("orderId"),
                    (ids, review, source, rowId) -> review.command(ids.childId(), ids.orderId(), null))),
            Map.entry("RecordOrderContact", body(ContactRequest.class, List.of("orderId"),
                    (ids, contact, source, rowId) -> contact.command(ids.childId(), ids.orderId(), null))),
            Map.entry("RecordBreach", body(BreachRequest.class, List.of("orderId"),
                    (ids, breach, source, rowId) -> breach.command(ids.childId(), ids.orderId(), null))),
            Map.entry("AllocateYouthAdvocate", body(DateRequest.class, List.of("orderId"),
                    (ids, date, source, rowId) -> date.youthAdvocate(ids.childId(), ids.orderId(), null))),
            Map.entry("MakeAccommodationReferral", body(DateRequest.class, List.of("orderId"),
                    (ids, date, source, rowId) -> date.accommodationReferral(ids.childId(), ids.orderId(), null))),
            Map.entry("RecordTemporaryRelease", body(TemporaryReleaseRequest.class, List.of("orderId"),
                    (ids, release, source, rowId) -> release.command(ids.childId(), ids.orderId(), null))),
            Map.entry("RequestPreSentenceReport", body(ReportRequest.class, List.of("offenceId"),
                    (ids, report, source, rowId) -> report.command(ids.childId(), ids.offenceId(), null))),
            Map.entry("SubmitPreSentenceReport", body(ReportSubmission.class, List.of("offenceId"),
                    (ids, report, source, rowId) -> report.command(ids.childId(), ids.offenceId(), null))),
            Map.entry("StartRemand", body(RemandRequest.class, List.of("remandId"),
                    (ids, remand, source, rowId) -> remand.command(ids.childId(), ids.remandId(), null))),
            Map.entry("EndRemand", body(RemandEndRequest.class, List.of("remandId"),
                    (ids, end, source, rowId) -> end.command(ids.childId(), ids.remandId(), null))),
            Map.entry("RecordHomeVisit", body(HomeVisitRequest.class, List.of("offenceId"),
                    (ids, visit, source, rowId) -> visit.command(ids.childId(), ids.offenceId(), null))),
            Map.entry("AllocateWorker", body(AllocationRequest.class, List.of(),
                    (ids, allocation, source, rowId) -> allocation.command(ids.childId(), ids.arrestId(), null))),
            Map.entry("RecordPaceTransfer", body(PaceTransferRequest.class, List.of("arrestId"),
                    (ids, transfer, source, rowId) -> transfer.command(ids.childId(), ids.arrestId(), null))),
            Map.entry("RecordArrestResult", body(ResultRequest.class, List.of("arrestId"),
                    (ids, result, source, rowId) -> result.command(ids.childId(), ids.arrestId(), null))),
            Map.entry("RecordPreventionConsent", body(ConsentRequest.class, List.of("referralId"),
                    (ids, consent, source, rowId) -> consent.command(ids.childId(), ids.referralId(), null))),
            Map.entry("RecordPostClosureCheck", body(CheckRequest.class, List.of(),
                    (ids, check, source, rowId) -> check.command(ids.childId(), null))),
            Map.entry("RecordTransitionDecision", body(DecisionRequest.class, List.of(),
                    (ids, decision, source, rowId) -> decision.command(ids.childId(), null))));

    private static final List<String> TYPE_NAMES = java.util.stream.Stream.concat(TYPES.keySet().stream(),
            REST_BODIES.keySet().stream()).sorted().toList();

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
            throw new RowRejected(null, null, "the line is not valid JSON" + withoutQuotes(e));
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
            throw new RowRejected(rowId, "type", "is required: one of " + String.join(", ", TYPE_NAMES));
        }
        Class<? extends Row> rowType = TYPES.get(type);
        RestBody<?> restBody = REST_BODIES.get(type);
        if (rowType == null && restBody == null) {
            throw new RowRejected(rowId, "type", "unknown type '" + type + "'; one of " + String.join(", ", TYPE_NAMES));
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new RowRejected(rowId, "data", "is required: an object with the fields of the " + type + " request");
        }
        if (restBody != null) {
            return parseRestBody(lineNumber, rowId, type, data, restBody, source);
        }
        Row row = read(rowId, data, rowType, false);
        List<Problem> problems = new ArrayList<>();
        validator.validate(row).forEach(v -> problems.add(new Problem(v.getPropertyPath().toString(), v.getMessage())));
        rejectIfAny(rowId, problems);
        return new ParsedRow(lineNumber, rowId, type, row.childId(), row.toCommand(source, rowId));
    }

    private <B> ParsedRow parseRestBody(int lineNumber, String rowId, String type, JsonNode data, RestBody<B> spec,
                                        String source) {
        PathIds ids = read(rowId, data, PathIds.class, spec.personal());
        B body = read(rowId, data, spec.body(), spec.personal());
        List<Problem> problems = new ArrayList<>();
        for (String id : spec.required()) {
            if (!data.hasNonNull(id)) {
                problems.add(new Problem(id, "must not be null"));
            }
        }
        for (ConstraintViolation<?> v : validator.validate(ids)) {
            problems.add(new Problem(v.getPropertyPath().toString(), v.getMessage()));
        }
        for (ConstraintViolation<?> v : validator.validate(body)) {
            problems.add(new Problem(v.getPropertyPath().toString(), v.getMessage()));
        }
        rejectIfAny(rowId, problems);
        return new ParsedRow(lineNumber, rowId, type, ids.childId(), spec.command().of(ids, body, source, rowId));
    }

    /** A field at fault and why (validation messages name no value, so they are safe for personal data). */
    private record Problem(String field, String message) {
    }

    private static void rejectIfAny(String rowId, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        List<Problem> sorted = problems.stream().distinct()
                .sorted(Comparator.comparing(Problem::field).thenComparing(Problem::message)).toList();
        throw new RowRejected(rowId, sorted.get(0).field(), sorted.stream()
                .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
    }

    private <T> T read(String rowId, JsonNode data, Class<T> type, boolean personal) {
        try {
            return json.treeToValue(data, type);
        } catch (JsonMappingException e) {
            throw new RowRejected(rowId, path(e), e instanceof InvalidFormatException invalid && !personal
                    ? "cannot read '" + invalid.getValue() + "' as " + invalid.getTargetType().getSimpleName()
                    : e instanceof InvalidFormatException invalid
                    ? "cannot be read as " + invalid.getTargetType().getSimpleName()
                    : "has the wrong type or shape");
        } catch (JsonProcessingException e) {
            throw new RowRejected(rowId, null, "cannot read data" + withoutQuotes(e));
        }
    }

    /**
     * Jackson quotes the text it could not read, which may be personal data (a name in a personal-details
     * row): the reason keeps where and what kind of error, up to the first quote.
     */
    private static String withoutQuotes(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int quote = message.indexOf('\'');
        String kind = (quote < 0 ? message : message.substring(0, quote)).replaceAll("[\\s(:]+$", "");
        String at = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
        return at + (kind.isEmpty() ? "" : ": " + kind);
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
