package org.openyjs.cases.publishing;

import org.openyjs.cases.api.CaseEvents;
import org.openyjs.events.IntegrationPayload;
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
import org.openyjs.support.publishing.IntegrationEventMapper;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which case facts leave case-service, and as which contract. A fact not listed here (names,
 * addresses, contact details as they arrive) never reaches Kafka.
 */
@Component
public class CaseIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationPayload> toIntegrationPayload(Object event) {
        if (event instanceof CaseEvents.ChildRegistered e) {
            return Optional.of(new ChildRegistered(e.childId(), e.youthJusticeService(), e.dateOfBirth(), e.sex(),
                    e.ethnicity(), e.localAuthority(), e.openedOn()));
        }
        if (event instanceof CaseEvents.OffenceRecorded e) {
            return Optional.of(new OffenceRecorded(e.childId(), e.offenceId(), e.offenceDate(), e.offenceCategory(),
                    e.gravityScore(), e.admitted()));
        }
        if (event instanceof CaseEvents.OutcomeRecorded e) {
            return Optional.of(new OutcomeRecorded(e.childId(), e.offenceId(), e.outcomeCode(), e.outcomeDate(),
                    e.panelDecisionId()));
        }
        if (event instanceof CaseEvents.OutcomeCorrected e) {
            // The free-text reason stays here: it may name people.
            return Optional.of(new OutcomeCorrected(e.childId(), e.offenceId(), e.correctsEventId(), e.outcomeCode(),
                    e.outcomeDate()));
        }
        if (event instanceof CaseEvents.ReferredToOutOfCourtPanel e) {
            return Optional.of(new ReferredToOutOfCourtPanel(e.childId(), e.offenceId(), e.referralDate(),
                    e.gravityScore(), e.admitted()));
        }
        if (event instanceof CaseEvents.AssessmentRecorded e) {
            return Optional.of(new AssessmentRecorded(e.childId(), e.assessmentId(), e.offenceId(), e.tool(),
                    e.completedOn(), e.qualityAssuredOn()));
        }
        if (event instanceof CaseEvents.AssessmentQualityAssured e) {
            // The contract is the assessment as it now stands; consumers keep the latest per assessment id.
            return Optional.of(new AssessmentRecorded(e.childId(), e.assessmentId(), e.offenceId(), e.tool(),
                    e.completedOn(), e.qualityAssuredOn()));
        }
        if (event instanceof CaseEvents.VictimContactRecorded e) {
            return Optional.of(new VictimContactRecorded(e.childId(), e.offenceId(), e.victimId(), e.contactedOn(),
                    e.result(), e.consentedToContact(), e.restorativeJusticeOffered(), e.keptInformed(),
                    e.restorativeJusticeParticipated(), e.supportReferralMade()));
        }
        if (event instanceof CaseEvents.PreSentenceReportSubmitted e) {
            return Optional.of(new PreSentenceReportSubmitted(e.childId(), e.offenceId(), e.requestedOn(),
                    e.submittedOn(), e.proposedOutcomeCode(), e.qualityAssured()));
        }
        if (event instanceof CaseEvents.RemandStarted e) {
            return Optional.of(new RemandRecorded(e.childId(), e.remandId(), e.offenceId(), e.remandType(),
                    e.startDate(), null));
        }
        if (event instanceof CaseEvents.RemandEnded e) {
            return Optional.of(new RemandRecorded(e.childId(), e.remandId(), e.offenceId(), e.remandType(),
                    e.startDate(), e.endDate()));
        }
        if (event instanceof CaseEvents.HomeVisitRecorded e) {
            return Optional.of(new HomeVisitRecorded(e.childId(), e.offenceId(), e.visitedAt()));
        }
        if (event instanceof CaseEvents.OrderStarted e) {
            return Optional.of(new OrderStarted(e.childId(), e.orderId(), e.orderType(), e.kind(), e.offenceId(),
                    e.startDate(), e.plannedEndDate()));
        }
        if (event instanceof CaseEvents.OrderEnded e) {
            return Optional.of(new OrderEnded(e.childId(), e.orderId(), e.orderType(), e.kind(), e.endDate(),
                    e.endReason()));
        }
        if (event instanceof CaseEvents.StatusRecorded e) {
            return Optional.of(new StatusRecorded(e.childId(), e.orderId(), e.point(), e.assessedOn(),
                    e.accommodation(), e.ete(), e.send(), e.mentalHealth(), e.substanceMisuse(), e.widerServices()));
        }
        if (event instanceof CaseEvents.PreventionReferralRecorded e) {
            return Optional.of(new PreventionReferralRecorded(e.childId(), e.referralId(), e.referredOn(), e.source(),
                    e.consent()));
        }
        if (event instanceof CaseEvents.PreventionConsentRecorded e) {
            // The referral as it now stands: consumers keep the latest per referral id.
            return Optional.of(new PreventionReferralRecorded(e.childId(), e.referralId(), e.referredOn(), e.source(),
                    e.consent()));
        }
        if (event instanceof CaseEvents.ArrestRecorded e) {
            return Optional.of(arrest(e.childId(), e.arrest()));
        }
        if (event instanceof CaseEvents.WorkerAllocated e && e.arrest() != null) {
            // The worker's name stays here; the arrest as it now stands says when one was allocated.
            return Optional.of(arrest(e.childId(), e.arrest()));
        }
        if (event instanceof CaseEvents.PaceTransferRecorded e) {
            return Optional.of(arrest(e.childId(), e.arrest()));
        }
        if (event instanceof CaseEvents.ArrestResultRecorded e) {
            return Optional.of(arrest(e.childId(), e.arrest()));
        }
        if (event instanceof CaseEvents.CustodyEntered e) {
            return Optional.of(new CustodyEntered(e.childId(), e.orderId(), e.establishmentType(), e.admittedOn(),
                    e.expectedReleaseDate()));
        }
        if (event instanceof CaseEvents.AccommodationReferralMade e) {
            return Optional.of(new ResettlementAccommodationReferralMade(e.childId(), e.orderId(), e.referredOn(),
                    e.expectedReleaseDate()));
        }
        if (event instanceof CaseEvents.ReleasedFromCustody e) {
            return Optional.of(new ReleasedFromCustody(e.childId(), e.orderId(), e.releasedOn(), e.releaseType()));
        }
        if (event instanceof CaseEvents.CaseTransferred e) {
            return Optional.of(new CaseTransferred(e.childId(), e.direction(), e.otherYouthJusticeService(),
                    e.arrangement(), e.transferredOn()));
        }
        if (event instanceof CaseEvents.CaseAuditRecorded e) {
            return Optional.of(new CaseAuditRecorded(e.childId(), e.auditId(), e.subject(), e.offenceId(),
                    e.auditedOn(), e.rating()));
        }
        if (event instanceof CaseEvents.CaseClosed e) {
            // The free-text reason stays here; cases closed before codes were recorded go out as NOT_RECORDED.
            return Optional.of(new CaseClosed(e.childId(), e.closedOn(),
                    e.reasonCode() != null ? e.reasonCode() : "NOT_RECORDED"));
        }
        if (event instanceof CaseEvents.CaseReopened e) {
            return Optional.of(new CaseReopened(e.childId(), e.reopenedOn()));
        }
        return Optional.empty();
    }

    private static ArrestRecorded arrest(String childId, CaseEvents.Arrest a) {
        return new ArrestRecorded(childId, a.arrestId(), a.arrestedAt(), a.workerAllocatedAt(), a.heldOvernight(),
                a.paceTransferRequested(), a.paceTransferProvided(), a.result());
    }
}
