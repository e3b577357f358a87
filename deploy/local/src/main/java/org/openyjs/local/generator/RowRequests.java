package org.openyjs.local.generator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The REST call (through the gateway) equivalent to a row, as docs/import-format.md pairs them: the ids
 * that are path parameters in the REST API move from the data into the path.
 */
public final class RowRequests {

    /** POST path (gateway, with /api) and JSON body. */
    public record Request(String path, Map<String, Object> body) {
    }

    private RowRequests() {
    }

    public static Request of(Row row) {
        Map<String, Object> body = new LinkedHashMap<>(row.data());
        String child = "/api/cases/" + body.remove("childId");
        return switch (row.type()) {
            case "RegisterChild" -> new Request("/api/cases", row.data());
            case "RecordOffence" -> new Request(child + "/offences", body);
            case "RecordOutcome" -> new Request(child + "/offences/" + body.remove("offenceId") + "/outcome", body);
            case "ReferToOutOfCourtPanel" -> new Request(child + "/offences/" + body.remove("offenceId") + "/panel-referral", body);
            case "RecordAssessment" -> new Request(child + "/assessments", body);
            case "QualityAssureAssessment" -> new Request(child + "/assessments/" + body.remove("assessmentId")
                    + "/quality-assurance", body);
            case "RecordVictimContact" -> new Request(child + "/offences/" + body.remove("offenceId") + "/victim-contacts", body);
            case "StartOrder" -> new Request(child + "/orders", body);
            case "EndOrder" -> new Request(child + "/orders/" + body.remove("orderId") + "/end", body);
            case "RecordStatus" -> new Request(child + "/orders/" + body.remove("orderId") + "/status", body);
            case "CloseCase" -> new Request(child + "/closure", body);
            case "ReopenCase" -> new Request(child + "/reopening", body);
            case "StartRemand" -> new Request(child + "/remands", body);
            case "EndRemand" -> new Request(child + "/remands/" + body.remove("remandId") + "/end", body);
            default -> throw new IllegalArgumentException("No REST call for row type " + row.type());
        };
    }

    /** The case events a row records when accepted, by name, as the case's timeline shows them. */
    public static java.util.List<String> events(Row row) {
        return switch (row.type()) {
            case "RegisterChild" -> java.util.List.of("ChildRegistered");
            case "RecordOffence" -> row.data().containsKey("outcome")
                    ? java.util.List.of("OffenceRecorded", "OutcomeRecorded") : java.util.List.of("OffenceRecorded");
            case "RecordOutcome" -> java.util.List.of("OutcomeRecorded");
            case "ReferToOutOfCourtPanel" -> java.util.List.of("ReferredToOutOfCourtPanel");
            case "RecordAssessment" -> java.util.List.of("AssessmentRecorded");
            case "QualityAssureAssessment" -> java.util.List.of("AssessmentQualityAssured");
            case "RecordVictimContact" -> java.util.List.of("VictimContactRecorded");
            case "StartOrder" -> java.util.List.of("OrderStarted");
            case "EndOrder" -> java.util.List.of("OrderEnded");
            case "RecordStatus" -> java.util.List.of("StatusRecorded");
            case "CloseCase" -> java.util.List.of("CaseClosed");
            case "ReopenCase" -> java.util.List.of("CaseReopened");
            case "StartRemand" -> java.util.List.of("RemandStarted");
            case "EndRemand" -> java.util.List.of("RemandEnded");
            default -> throw new IllegalArgumentException("Unknown row type " + row.type());
        };
    }
}
