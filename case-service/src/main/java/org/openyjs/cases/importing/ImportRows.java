package org.openyjs.cases.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.openyjs.cases.api.CaseCommands;
import org.openyjs.cases.arrest.ArrestController.AllocationRequest;
import org.openyjs.cases.arrest.ArrestController.ArrestRequest;
import org.openyjs.cases.arrest.ArrestController.PaceTransferRequest;
import org.openyjs.cases.arrest.ArrestController.ResultRequest;
import org.openyjs.cases.childcase.CaseIds;
import org.openyjs.cases.childcase.CaseRequests.ClosureRequest;
import org.openyjs.cases.childcase.CaseRequests.CorrectionRequest;
import org.openyjs.cases.childcase.CaseRequests.OutcomeRequest;
import org.openyjs.cases.childcase.CaseRequests.RecordOffenceRequest;
import org.openyjs.cases.childcase.CaseRequests.RegisterChildRequest;
import org.openyjs.cases.court.CourtController.HomeVisitRequest;
import org.openyjs.cases.court.CourtController.RemandEndRequest;
import org.openyjs.cases.court.CourtController.RemandRequest;
import org.openyjs.cases.court.CourtController.ReportRequest;
import org.openyjs.cases.court.CourtController.ReportSubmission;
import org.openyjs.cases.custody.CustodyController.AdmissionRequest;
import org.openyjs.cases.custody.CustodyController.DateRequest;
import org.openyjs.cases.custody.CustodyController.ReleaseRequest;
import org.openyjs.cases.custody.CustodyController.TemporaryReleaseRequest;
import org.openyjs.cases.orders.OrderController.BreachRequest;
import org.openyjs.cases.orders.OrderController.ContactRequest;
import org.openyjs.cases.orders.OrderController.EndRequest;
import org.openyjs.cases.orders.OrderController.PanelRequest;
import org.openyjs.cases.orders.OrderController.PlanRequest;
import org.openyjs.cases.orders.OrderController.ReviewRequest;
import org.openyjs.cases.orders.OrderController.StartRequest;
import org.openyjs.cases.orders.OrderController.StatusRequest;
import org.openyjs.cases.outofcourt.OutOfCourtController;
import org.openyjs.cases.outofcourt.OutOfCourtController.AssessmentRequest;
import org.openyjs.cases.outofcourt.OutOfCourtController.QualityAssuranceRequest;
import org.openyjs.cases.outofcourt.OutOfCourtController.VictimContactRequest;
import org.openyjs.cases.personaldata.PersonalDataController.PersonalDetails;
import org.openyjs.cases.personaldata.PersonalDataSealer;
import org.openyjs.cases.personaldata.SealedOnDispatch;
import org.openyjs.cases.prevention.PreventionController;
import org.openyjs.cases.prevention.PreventionController.CheckRequest;
import org.openyjs.cases.prevention.PreventionController.ConsentRequest;
import org.openyjs.cases.quality.QualityController.AuditRequest;
import org.openyjs.cases.quality.QualityController.FeedbackRequest;
import org.openyjs.cases.transfer.TransferController.DecisionRequest;
import org.openyjs.cases.transfer.TransferController.TransferRequest;
import org.openyjs.cases.victims.VictimController.VictimRequest;

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
 * Domain rules are left to the aggregate, exactly as for a REST call. Each type reads its data straight into
 * the controller's request record (CloseCase excepted, see {@link CloseCaseData}) and lets it build the command.
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

    /**
     * Closing, the one type whose data is not its REST body: historical records often carry free text only,
     * so {@code reasonCode} is optional here, NOT_RECORDED when absent.
     */
    record CloseCaseData(
            @NotNull LocalDate on,
            @Pattern(regexp = "[A-Z_]{2,64}", message = "must be a closure code such as ORDER_COMPLETED") String reasonCode,
            @NotBlank @Size(max = 1000) String reason) {
        CaseCommands.CloseCase command(String childId) {
            return new CaseCommands.CloseCase(childId, on, reasonCode != null ? reasonCode : "NOT_RECORDED", reason,
                    null);
        }
    }

    /** The ids a REST path carries, given in {@code data}; which of them a type needs is in its {@link RestBody}. */
    record PathIds(
            @NotNull @Pattern(regexp = CHILD_ID, message = CHILD_ID_MESSAGE) String childId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
            @Pattern(regexp = ID, message = ID_MESSAGE) String assessmentId,
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

    /** Every type an import file may use, by the name of the command it becomes. */
    static final Map<String, RestBody<?>> TYPES = Map.ofEntries(
            Map.entry("RegisterChild", body(RegisterChildRequest.class, List.of(),
                    (ids, child, source, rowId) -> child.command(ids.childId()))),
            Map.entry("RecordOffence", body(RecordOffenceRequest.class, List.of("offenceId"),
                    (ids, offence, source, rowId) -> offence.command(ids.childId(), ids.offenceId(), null))),
            Map.entry("RecordOutcome", body(OutcomeRequest.class, List.of("offenceId"),
                    (ids, outcome, source, rowId) -> outcome.command(ids.childId(), ids.offenceId(), null))),
            Map.entry("ReferToOutOfCourtPanel", body(OutOfCourtController.ReferralRequest.class, List.of("offenceId"),
                    (ids, referral, source, rowId) -> referral.command(ids.childId(), ids.offenceId(), null))),
            Map.entry("RecordAssessment", body(AssessmentRequest.class, List.of("assessmentId"),
                    (ids, assessment, source, rowId) -> assessment.command(ids.childId(), ids.assessmentId(), null))),
            Map.entry("QualityAssureAssessment", body(QualityAssuranceRequest.class, List.of("assessmentId"),
                    (ids, assurance, source, rowId) -> assurance.command(ids.childId(), ids.assessmentId(), null))),
            Map.entry("RecordVictimContact", body(VictimContactRequest.class, List.of("offenceId"),
                    (ids, contact, source, rowId) -> contact.command(ids.childId(), ids.offenceId(),
                            derivedId(contact.victimId(), source, rowId), null))),
            Map.entry("StartOrder", body(StartRequest.class, List.of("orderId"),
                    (ids, order, source, rowId) -> order.command(ids.childId(), ids.orderId(), null))),
            Map.entry("EndOrder", body(EndRequest.class, List.of("orderId"),
                    (ids, end, source, rowId) -> end.command(ids.childId(), ids.orderId(), null))),
            Map.entry("RecordStatus", body(StatusRequest.class, List.of("orderId"),
                    (ids, status, source, rowId) -> status.command(ids.childId(), ids.orderId(), null))),
            Map.entry("CloseCase", body(CloseCaseData.class, List.of(),
                    (ids, closure, source, rowId) -> closure.command(ids.childId()))),
            Map.entry("ReopenCase", body(ClosureRequest.class, List.of(),
                    (ids, reopening, source, rowId) -> reopening.reopen(ids.childId(), null))),
            Map.entry("RecordPreventionReferral", body(PreventionController.ReferralRequest.class, List.of("referralId"),
                    (ids, referral, source, rowId) -> referral.command(ids.childId(), ids.referralId(), null))),
            Map.entry("RecordArrest", body(ArrestRequest.class, List.of("arrestId"),
                    (ids, arrest, source, rowId) -> arrest.command(ids.childId(), ids.arrestId(), null))),
            Map.entry("AdmitToCustody", body(AdmissionRequest.class, List.of("orderId"),
                    (ids, admission, source, rowId) -> admission.command(ids.childId(), ids.orderId(), null))),
            Map.entry("ReleaseFromCustody", body(ReleaseRequest.class, List.of("orderId"),
                    (ids, release, source, rowId) -> release.command(ids.childId(), ids.orderId(), null))),
            Map.entry("TransferCase", body(TransferRequest.class, List.of(),
                    (ids, transfer, source, rowId) -> transfer.command(ids.childId(), null))),
            Map.entry("RecordCaseAudit", body(AuditRequest.class, List.of("auditId"),
                    (ids, audit, source, rowId) -> audit.command(ids.childId(), audit.auditId(), null))),
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

    private static final List<String> TYPE_NAMES = TYPES.keySet().stream().sorted().toList();

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
        RestBody<?> spec = TYPES.get(type);
        if (spec == null) {
            throw new RowRejected(rowId, "type", "unknown type '" + type + "'; one of " + String.join(", ", TYPE_NAMES));
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new RowRejected(rowId, "data", "is required: an object with the fields of the " + type + " request");
        }
        return parse(lineNumber, rowId, type, data, spec, source);
    }

    private <B> ParsedRow parse(int lineNumber, String rowId, String type, JsonNode data, RestBody<B> spec,
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
