package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A quality-assurance audit of part of a child's case. The QA measures count ratings of GOOD or
 * OUTSTANDING (target 80%); PSR quality counts audits whose subject is PRE_SENTENCE_REPORT.
 *
 * @param subject CASE, ASSESSMENT, PLAN, PRE_SENTENCE_REPORT or NATIONAL_STANDARDS_SAMPLE
 * @param rating  OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT or INADEQUATE
 * @param offenceId the offence the audited work was for, or null
 */
public record CaseAuditRecorded(
        String childId,
        String auditId,
        String subject,
        String offenceId,
        LocalDate auditedOn,
        String rating) implements IntegrationPayload {
}
