package org.openyjs.kpi.readmodel;

import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.cases.ArrestRecorded;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.CaseAuditRecorded;
import org.openyjs.events.cases.CaseClosed;
import org.openyjs.events.cases.CaseReopened;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.CustodyEntered;
import org.openyjs.events.cases.HomeVisitRecorded;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OrderStarted;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.PreSentenceReportSubmitted;
import org.openyjs.events.cases.PreventionReferralRecorded;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.ReleasedFromCustody;
import org.openyjs.events.cases.RemandRecorded;
import org.openyjs.events.cases.ResettlementAccommodationReferralMade;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One poll's facts, buffered per table and written with a few JDBC batches, leaving the same read model as
 * applying the events one at a time in their order. Where a fact reads another table the order is kept by
 * construction rather than by statement order:
 * <ul>
 * <li>a child's registration and its transfers: {@code transferred} is set after both are written, for every
 * child either touched, from whether the child has a transfer at all (it only ever goes from false to true);</li>
 * <li>an outcome and its corrections: likewise {@code corrected}, after both; a correction's root is resolved
 * here in arrival order (an earlier correction in the poll, else one already stored, else the corrected event);</li>
 * <li>a transfer without the envelope's service takes the child's service as registered before it: an earlier
 * registration in the poll, else the stored one;</li>
 * <li>upserts (kpi_child, kpi_order) are folded per key in arrival order, so one row per key reaches the
 * database (a batch may not update a row twice) with the values sequential upserts would have left;</li>
 * <li>tables with an arrival sequence (seq) get their rows in arrival order.</li>
 * </ul>
 * Deduplication: a fact row is keyed by its event's id. {@link #flush()} inserts plainly, and a row whose event is
 * stored already fails it (a duplicate key) and with it the poll's transaction; the poll is then applied again with
 * {@link #flushSkippingStored()}, which skips such rows ({@code ON CONFLICT DO NOTHING}) and returns the ids written
 * now. Two steps because a redelivery is rare (a crash before the offset commit, a rewind) while the conflict check
 * costs every row a second index search: a third more per insert. The upserts cannot tell a redelivery from a new fact
 * that way, so their events ({@link #claimedFirst}) must be claimed in processed_event before they are added, and only
 * the newly claimed ones added.
 * Not thread-safe; one per poll, inside the poll's transaction.
 */
public final class ProjectionBatch {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    private final Map<String, Table> tables = new LinkedHashMap<>();
    /** Latest registration per child, in first-seen order. */
    private final Map<String, Object[]> children = new LinkedHashMap<>();
    private final Map<List<String>, OrderFold> orders = new LinkedHashMap<>();
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Correction> corrections = new ArrayList<>();
    private final List<String> outcomeIds = new ArrayList<>();
    private final Set<String> correctedRoots = new LinkedHashSet<>();
    private final Set<String> outcomeChildren = new LinkedHashSet<>();
    private final Set<String> offenceChildren = new LinkedHashSet<>();
    private final Set<String> caseChangeChildren = new LinkedHashSet<>();
    private final Set<String> orderChildren = new LinkedHashSet<>();
    private final Set<String> victimChildren = new LinkedHashSet<>();
    private final Set<String> releaseChildren = new LinkedHashSet<>();
    /** Children with a StatusRecorded answering looked after (yes or no) in this poll. */
    private final Set<String> lookedAfterChildren = new LinkedHashSet<>();
    // False while a rebuild replays: the precomputed tables are derived once at its end (PrecomputedOutcomes).
    private final boolean refreshPrecomputed;

    ProjectionBatch(JdbcTemplate jdbc, JdbcClient client, boolean refreshPrecomputed) {
        this.jdbc = jdbc;
        this.client = client;
        this.refreshPrecomputed = refreshPrecomputed;
    }

    /**
     * Whether the event's facts are an upsert (a child's registration, an order's start or end) rather than a row of
     * its own: such an event is added only once claimed (processed_event), since a redelivered older one would
     * otherwise overwrite what a later one left.
     */
    public static boolean claimedFirst(IntegrationPayload payload) {
        return payload instanceof ChildRegistered || payload instanceof OrderStarted || payload instanceof OrderEnded;
    }

    /**
     * Buffers the event's facts; nothing is written before {@link #flush()}. An upsert ({@link #claimedFirst}) must be
     * claimed already. False when the read model has no facts for the event (a contract it does not use yet: a
     * rebuild applies it once it does).
     */
    public boolean add(IntegrationEvent event, IntegrationPayload payload) {
        Timestamp recordedAt = event.recordedAt() == null ? null : Timestamp.from(event.recordedAt());
        if (payload instanceof ChildRegistered child) {
            children.put(child.childId(), new Object[]{child.childId(), child.youthJusticeService(),
                    child.dateOfBirth(), child.sex(), child.ethnicity(), child.localAuthority(), child.openedOn(),
                    recordedAt});
        } else if (payload instanceof OffenceRecorded offence) {
            offenceChildren.add(offence.childId());
            table("kpi_offence", "child_id, offence_id, offence_date:date, offence_category, gravity_score:int, "
                    + "admitted:bool").add(event, recordedAt, offence.childId(), offence.offenceId(),
                    offence.offenceDate(), offence.offenceCategory(), offence.gravityScore(), offence.admitted());
        } else if (payload instanceof OutcomeRecorded outcome) {
            table("kpi_outcome", "child_id, offence_id, outcome_code, outcome_date:date, panel_decision_id")
                    .add(event, recordedAt, outcome.childId(), outcome.offenceId(), outcome.outcomeCode(),
                            outcome.outcomeDate(), outcome.panelDecisionId());
            outcomeIds.add(event.eventId());
            outcomeChildren.add(outcome.childId());
        } else if (payload instanceof PanelDecisionRecorded decision) {
            table("kpi_panel_decision", "decision_id, panel_id, child_id, offence_id, outcome_code, "
                    + "decision_date:date").add(event, recordedAt, decision.decisionId(), decision.panelId(),
                    decision.childId(), decision.offenceId(), decision.outcomeCode(), decision.decisionDate());
        } else if (payload instanceof OutcomeCorrected correction) {
            corrections.add(new Correction(event.eventId(), correction, recordedAt));
        } else if (payload instanceof OrderStarted order) {
            orderChildren.add(order.childId());
            orders.computeIfAbsent(List.of(order.childId(), order.orderId()), k -> new OrderFold())
                    .start(order, event.eventId(), recordedAt);
        } else if (payload instanceof OrderEnded order) {
            orderChildren.add(order.childId());
            orders.computeIfAbsent(List.of(order.childId(), order.orderId()), k -> new OrderFold())
                    .end(order, event.eventId(), recordedAt);
        } else if (payload instanceof StatusRecorded status) {
            orderChildren.add(status.childId());
            if (status.widerServices() != null) {
                lookedAfterChildren.add(status.childId());
            }
            addStatus(event, status, recordedAt);
        } else if (payload instanceof VictimContactRecorded contact) {
            victimChildren.add(contact.childId());
            table("kpi_victim_contact", "child_id, offence_id, victim_id, contacted_on:date, result, "
                    + "consented_to_contact:bool, restorative_justice_offered:bool, kept_informed:bool, "
                    + "restorative_justice_participated:bool, support_referral_made:bool")
                    .add(event, recordedAt, contact.childId(), contact.offenceId(), contact.victimId(),
                            contact.contactedOn(), contact.result(), contact.consentedToContact(),
                            contact.restorativeJusticeOffered(), contact.keptInformed(),
                            contact.restorativeJusticeParticipated(), contact.supportReferralMade());
        } else if (payload instanceof ReferredToOutOfCourtPanel referral) {
            table("kpi_oocd_referral", "child_id, offence_id, referral_date:date, gravity_score:int, admitted:bool")
                    .add(event, recordedAt, referral.childId(), referral.offenceId(), referral.referralDate(),
                            referral.gravityScore(), referral.admitted());
        } else {
            return addCaseFacts(event, payload, recordedAt);
        }
        return true;
    }

    /** Custody, resettlement, transfers, closures, audits, arrests, referrals, PSRs, remands, visits, assessments. */
    private boolean addCaseFacts(IntegrationEvent event, IntegrationPayload payload, Timestamp recordedAt) {
        if (payload instanceof CustodyEntered e) {
            table("kpi_custody_entry", "child_id, order_id, establishment_type, admitted_on:date, "
                    + "expected_release_date:date").add(event, recordedAt, e.childId(), e.orderId(),
                    e.establishmentType(), e.admittedOn(), e.expectedReleaseDate());
        } else if (payload instanceof ReleasedFromCustody r) {
            releaseChildren.add(r.childId());
            table("kpi_custody_release", "child_id, order_id, released_on:date, release_type")
                    .add(event, recordedAt, r.childId(), r.orderId(), r.releasedOn(), upper(r.releaseType()));
        } else if (payload instanceof ResettlementAccommodationReferralMade r) {
            table("kpi_resettlement_referral", "child_id, order_id, referred_on:date, expected_release_date:date")
                    .add(event, recordedAt, r.childId(), r.orderId(), r.referredOn(), r.expectedReleaseDate());
        } else if (payload instanceof CaseTransferred t) {
            // The envelope names the service recording the transfer; an older producer that left it out recorded
            // it for the service the child is registered with (as registered before the transfer).
            Object[] registered = children.get(t.childId());
            String recordedFor = event.youthJusticeService() != null ? event.youthJusticeService()
                    : registered != null ? (String) registered[1] : null;
            transfers.add(new Transfer(event.eventId(), t, recordedFor, recordedAt));
        } else if (payload instanceof CaseClosed c) {
            caseChangeChildren.add(c.childId());
            table("kpi_case_change", "child_id, change, changed_on:date, closure_code")
                    .add(event, recordedAt, c.childId(), "CLOSED", c.closedOn(), c.closureCode());
        } else if (payload instanceof CaseReopened c) {
            caseChangeChildren.add(c.childId());
            table("kpi_case_change", "child_id, change, changed_on:date, closure_code")
                    .add(event, recordedAt, c.childId(), "REOPENED", c.reopenedOn(), null);
        } else if (payload instanceof CaseAuditRecorded a) {
            table("kpi_case_audit", "child_id, audit_id, subject, offence_id, audited_on:date, rating")
                    .add(event, recordedAt, a.childId(), a.auditId(), upper(a.subject()), a.offenceId(),
                            a.auditedOn(), upper(a.rating()));
        } else if (payload instanceof ArrestRecorded a) {
            table("kpi_arrest", "child_id, arrest_id, arrested_at:ts, worker_allocated_at:ts, held_overnight:bool, "
                    + "pace_transfer_requested:bool, pace_transfer_provided:bool, result")
                    .add(event, recordedAt, a.childId(), a.arrestId(), timestamp(a.arrestedAt()),
                            timestamp(a.workerAllocatedAt()), a.heldOvernight(), a.paceTransferRequested(),
                            a.paceTransferProvided(), a.result());
        } else if (payload instanceof PreventionReferralRecorded r) {
            table("kpi_prevention_referral", "child_id, referral_id, referred_on:date, source, consent")
                    .add(event, recordedAt, r.childId(), r.referralId(), r.referredOn(), r.source(), r.consent());
        } else if (payload instanceof PreSentenceReportSubmitted p) {
            table("kpi_psr", "child_id, offence_id, requested_on:date, submitted_on:date, proposed_outcome_code, "
                    + "quality_assured:bool").add(event, recordedAt, p.childId(), p.offenceId(), p.requestedOn(),
                    p.submittedOn(), p.proposedOutcomeCode(), p.qualityAssured());
        } else if (payload instanceof RemandRecorded r) {
            table("kpi_remand", "child_id, remand_id, offence_id, remand_type, start_date:date, end_date:date")
                    .add(event, recordedAt, r.childId(), r.remandId(), r.offenceId(), upper(r.remandType()),
                            r.startDate(), r.endDate());
        } else if (payload instanceof HomeVisitRecorded v) {
            table("kpi_home_visit", "child_id, offence_id, visited_at:ts")
                    .add(event, recordedAt, v.childId(), v.offenceId(), timestamp(v.visitedAt()));
        } else if (payload instanceof PanelDecisionAmended a) {
            table("kpi_panel_amendment", "amendment_id, decision_id, panel_id, child_id, offence_id, outcome_code, "
                    + "amended_on:date").add(event, recordedAt, a.amendmentId(), a.decisionId(), a.panelId(),
                    a.childId(), a.offenceId(), a.outcomeCode(), a.amendedOn());
        } else if (payload instanceof YouthConditionalCautionNotCompleted y) {
            table("kpi_ycc_not_completed", "decision_id, child_id, offence_id, conditions_end_date:date, "
                    + "recorded_on:date").add(event, recordedAt, y.decisionId(), y.childId(), y.offenceId(),
                    y.conditionsEndDate(), y.recordedOn());
        } else if (payload instanceof AssessmentRecorded a) {
            table("kpi_assessment", "child_id, assessment_id, offence_id, tool, completed_on:date, "
                    + "quality_assured_on:date").add(event, recordedAt, a.childId(), a.assessmentId(), a.offenceId(),
                    a.tool(), a.completedOn(), a.qualityAssuredOn());
        } else {
            return false;
        }
        return true;
    }

    private void addStatus(IntegrationEvent event, StatusRecorded s, Timestamp recordedAt) {
        StatusRecorded.Accommodation a = s.accommodation();
        StatusRecorded.Ete e = s.ete();
        StatusRecorded.Send send = s.send();
        StatusRecorded.Need mh = s.mentalHealth();
        StatusRecorded.Need sm = s.substanceMisuse();
        StatusRecorded.WiderServices w = s.widerServices();
        table("kpi_status", "child_id, order_id, point, assessed_on:date, "
                + "accommodation_suitable:bool, accommodation_type, "
                + "ete_school_age:bool, ete_hours_offered:int, ete_hours_attended:int, ete_status, ete_suitable:bool, "
                + "send_identified_need:bool, send_formal_plan:bool, "
                + "mh_need:bool, mh_planned_or_offered:bool, mh_attending:bool, "
                + "sm_need:bool, sm_planned_or_offered:bool, sm_attending:bool, "
                + "looked_after:bool, child_protection_plan:bool, child_in_need_plan:bool, early_help:bool")
                .add(event, recordedAt, s.childId(), s.orderId(), s.point().strip().toUpperCase(Locale.ROOT),
                        s.assessedOn(),
                        a == null ? null : a.suitable(), a == null ? null : a.type(),
                        e == null ? null : e.schoolAge(), e == null ? null : e.hoursOffered(),
                        e == null ? null : e.hoursAttended(), e == null ? null : e.status(),
                        e == null ? null : e.suitable(),
                        send == null ? null : send.identifiedNeed(), send == null ? null : send.formalPlan(),
                        mh == null ? null : mh.screenedOrIdentifiedNeed(),
                        mh == null ? null : mh.interventionPlannedOrOffered(), mh == null ? null : mh.attending(),
                        sm == null ? null : sm.screenedOrIdentifiedNeed(),
                        sm == null ? null : sm.interventionPlannedOrOffered(), sm == null ? null : sm.attending(),
                        w == null ? null : w.lookedAfter(), w == null ? null : w.childProtectionPlan(),
                        w == null ? null : w.childInNeedPlan(), w == null ? null : w.earlyHelp());
    }

    /**
     * Writes everything buffered, in the order the class comment explains; fails with a
     * {@link org.springframework.dao.DuplicateKeyException} when an event's fact row is stored already. Returns the ids
     * of the events whose fact rows were written: all of them. The upserts' events are not among them (their claim
     * says it).
     */
    public Set<String> flush() {
        return flush(false);
    }

    /** As {@link #flush()}, skipping the fact rows of events stored already: returns the ids written now. */
    public Set<String> flushSkippingStored() {
        return flush(true);
    }

    private Set<String> flush(boolean skipStored) {
        Set<String> written = new HashSet<>();
        resolveTransferServices();
        flushChildren();
        tables.values().forEach(table -> written.addAll(table.flush(client, skipStored)));
        flushOrders();
        written.addAll(flushTransfers(skipStored));
        written.addAll(flushCorrections(skipStored));
        markTransferredChildren();
        markCorrectedOutcomes();
        if (refreshPrecomputed) {
            refreshPrecomputed();
        }
        return written;
    }

    /**
     * The precomputed outcome tables (V10: effective outcomes, first entries) derived again for every child whose
     * outcomes, corrections, registration, transfers or offences this poll changed, once the facts above are written: a
     * back-dated earlier outcome or a corrected first outcome replaces the first entry however the events fell
     * into polls. One statement per poll.
     */
    private void refreshPrecomputed() {
        Set<String> touched = new LinkedHashSet<>(children.keySet());
        touched.addAll(outcomeChildren);
        touched.addAll(offenceChildren);
        corrections.forEach(c -> touched.add(c.correction.childId()));
        transfers.forEach(t -> touched.add(t.transfer.childId()));
        if (!correctedRoots.isEmpty()) {
            // A correction counts for the child of the outcome it corrects.
            touched.addAll(client.sql("SELECT child_id FROM kpi_outcome WHERE event_id = ANY (?)")
                    .param(correctedRoots.toArray(String[]::new)).query(String.class).list());
        }
        refresh("kpi_refresh_outcomes", touched);
        // The reoffending cohort state (V14) of those children and of those released from custody: from the effective
        // outcomes just refreshed.
        Set<String> reoffendingTouched = new LinkedHashSet<>(touched);
        reoffendingTouched.addAll(releaseChildren);
        refresh("kpi_refresh_reoffending", reoffendingTouched);
        // The tables with the child's registration copied in, of the children whose own facts, registration or
        // transfers changed: the closed spells (V11, V20: closures and reopenings, a back-dated change moving the
        // spells around it), the ended orders (V12: orders, END statuses), the looked-after spells (V18: answers, a
        // back-dated one moving the spells around it) and the effective victim contacts (V12).
        refresh("kpi_refresh_case_state", withRegistrationOrTransfer(caseChangeChildren));
        refresh("kpi_refresh_ended_orders", withRegistrationOrTransfer(orderChildren));
        refresh("kpi_refresh_looked_after", withRegistrationOrTransfer(lookedAfterChildren));
        refresh("kpi_refresh_victim_contacts", withRegistrationOrTransfer(victimChildren));
    }

    /** Those children and the ones this poll registered or transferred. */
    private Set<String> withRegistrationOrTransfer(Set<String> childIds) {
        Set<String> touched = new LinkedHashSet<>(childIds);
        touched.addAll(children.keySet());
        transfers.forEach(t -> touched.add(t.transfer.childId()));
        return touched;
    }

    /** One call of a V10-V18 refresh function with the children as an array; nothing when there are none. */
    private void refresh(String function, Set<String> childIds) {
        if (!childIds.isEmpty()) {
            client.sql("SELECT " + function + "(?)").param(childIds.toArray(String[]::new)).query((rs, n) -> 0).list();
        }
    }

    private void resolveTransferServices() {
        Set<String> unknown = new LinkedHashSet<>();
        transfers.stream().filter(t -> t.recordedFor == null).forEach(t -> unknown.add(t.transfer.childId()));
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, String> stored = new HashMap<>();
        client.sql("SELECT child_id, youth_justice_service FROM kpi_child WHERE child_id = ANY (?)")
                .param(unknown.toArray(String[]::new))
                .query((rs, n) -> stored.put(rs.getString(1), rs.getString(2))).list();
        for (Transfer t : transfers) {
            if (t.recordedFor == null) {
                t.recordedFor = stored.getOrDefault(t.transfer.childId(), t.transfer.otherYouthJusticeService());
            }
        }
    }

    private void flushChildren() {
        if (children.isEmpty()) {
            return;
        }
        // transferred stays as it is (false for a new row) here; markTransferredChildren sets it.
        jdbc.batchUpdate("""
                        INSERT INTO kpi_child (child_id, youth_justice_service, date_of_birth, sex, ethnicity,
                                               local_authority, opened_on, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (child_id) DO UPDATE SET
                            youth_justice_service = excluded.youth_justice_service,
                            date_of_birth = excluded.date_of_birth, sex = excluded.sex,
                            ethnicity = excluded.ethnicity, local_authority = excluded.local_authority,
                            opened_on = excluded.opened_on, recorded_at = excluded.recorded_at
                        """, new ArrayList<>(children.values()),
                new int[]{Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                        Types.DATE, Types.TIMESTAMP});
    }

    /**
     * One upsert per order, of the values the poll's starts and ends left in arrival order. A start sets the
     * start columns, type and kind; an end sets the end columns and only the type and kind it names. So the
     * fold is one of three shapes: started (the start side and type and kind replaced), ended (the end side
     * replaced, type and kind kept where the ends named none), or both (every column replaced).
     */
    private void flushOrders() {
        List<Object[]> started = new ArrayList<>();
        List<Object[]> ended = new ArrayList<>();
        List<Object[]> both = new ArrayList<>();
        orders.forEach((key, o) -> {
            if (o.started && o.ended) {
                both.add(new Object[]{key.get(1), key.get(0), o.type, o.kind, o.offenceId, o.startDate,
                        o.plannedEndDate, o.startEventId, o.startRecordedAt, o.endDate, o.endReason, o.endEventId,
                        o.endRecordedAt});
            } else if (o.started) {
                started.add(new Object[]{key.get(1), key.get(0), o.type, o.kind, o.offenceId, o.startDate,
                        o.plannedEndDate, o.startEventId, o.startRecordedAt});
            } else {
                ended.add(new Object[]{key.get(1), key.get(0), o.type, o.kind, o.endDate, o.endReason, o.endEventId,
                        o.endRecordedAt});
            }
        });
        int v = Types.VARCHAR;
        int d = Types.DATE;
        int t = Types.TIMESTAMP;
        if (!started.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO kpi_order (order_id, child_id, order_type, kind, offence_id, start_date,
                                           planned_end_date, start_event_id, start_recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (child_id, order_id) DO UPDATE SET
                        order_type = excluded.order_type, kind = excluded.kind,
                        offence_id = excluded.offence_id, start_date = excluded.start_date,
                        planned_end_date = excluded.planned_end_date,
                        start_event_id = excluded.start_event_id, start_recorded_at = excluded.start_recorded_at
                    """, started, new int[]{v, v, v, v, v, d, d, v, t});
        }
        if (!ended.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO kpi_order (order_id, child_id, order_type, kind, end_date, end_reason,
                                           end_event_id, end_recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (child_id, order_id) DO UPDATE SET
                        order_type = COALESCE(excluded.order_type, kpi_order.order_type),
                        kind = COALESCE(excluded.kind, kpi_order.kind),
                        end_date = excluded.end_date, end_reason = excluded.end_reason,
                        end_event_id = excluded.end_event_id, end_recorded_at = excluded.end_recorded_at
                    """, ended, new int[]{v, v, v, v, d, v, v, t});
        }
        if (!both.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO kpi_order (order_id, child_id, order_type, kind, offence_id, start_date,
                                           planned_end_date, start_event_id, start_recorded_at, end_date, end_reason,
                                           end_event_id, end_recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (child_id, order_id) DO UPDATE SET
                        order_type = excluded.order_type, kind = excluded.kind,
                        offence_id = excluded.offence_id, start_date = excluded.start_date,
                        planned_end_date = excluded.planned_end_date,
                        start_event_id = excluded.start_event_id, start_recorded_at = excluded.start_recorded_at,
                        end_date = excluded.end_date, end_reason = excluded.end_reason,
                        end_event_id = excluded.end_event_id, end_recorded_at = excluded.end_recorded_at
                    """, both, new int[]{v, v, v, v, v, d, d, v, t, d, v, v, t});
        }
    }

    private Set<String> flushTransfers(boolean skipStored) {
        if (transfers.isEmpty()) {
            return Set.of();
        }
        Table table = new Table("kpi_transfer",
                "child_id, youth_justice_service, direction, other_service, arrangement, transferred_on:date");
        for (Transfer t : transfers) {
            CaseTransferred e = t.transfer;
            table.rows.add(table.row(t.eventId, t.recordedAt, e.childId(), t.recordedFor, upper(e.direction()),
                    e.otherYouthJusticeService(), e.arrangement() == null ? "TRANSFER" : upper(e.arrangement()),
                    e.transferredOn()));
        }
        return table.flush(client, skipStored);
    }

    private Set<String> flushCorrections(boolean skipStored) {
        if (corrections.isEmpty()) {
            return Set.of();
        }
        Map<String, String> storedRoots = new HashMap<>();
        client.sql("SELECT event_id, root_event_id FROM kpi_outcome_correction WHERE event_id = ANY (?)")
                .param(corrections.stream().map(c -> c.correction.correctsEventId()).distinct().toArray(String[]::new))
                .query((rs, n) -> storedRoots.put(rs.getString(1), rs.getString(2))).list();
        Map<String, String> roots = new HashMap<>();
        Table table = new Table("kpi_outcome_correction",
                "child_id, offence_id, corrects_event_id, root_event_id, outcome_code, outcome_date:date");
        for (Correction c : corrections) {
            String corrects = c.correction.correctsEventId();
            String root = roots.getOrDefault(corrects, storedRoots.getOrDefault(corrects, corrects));
            roots.put(c.eventId, root);
            table.rows.add(table.row(c.eventId, c.recordedAt, c.correction.childId(), c.correction.offenceId(),
                    corrects, root, c.correction.outcomeCode(), c.correction.outcomeDate()));
        }
        Set<String> written = table.flush(client, skipStored);
        correctedRoots.addAll(roots.values());
        return written;
    }

    /**
     * A child is flagged once any transfer of it is stored, whichever of registration and transfer came first:
     * the children transferred in this poll, and those registered in it with a transfer stored before. Only
     * those few rows are named, so the update stays an index lookup however large the table.
     */
    private void markTransferredChildren() {
        Set<String> flagged = new LinkedHashSet<>();
        transfers.forEach(t -> flagged.add(t.transfer.childId()));
        if (!children.isEmpty()) {
            flagged.addAll(client.sql("SELECT DISTINCT child_id FROM kpi_transfer WHERE child_id = ANY (?)")
                    .param(children.keySet().toArray(String[]::new)).query(String.class).list());
        }
        if (!flagged.isEmpty()) {
            client.sql("UPDATE kpi_child SET transferred = true WHERE child_id = ANY (?) AND NOT transferred")
                    .param(flagged.toArray(String[]::new)).update();
        }
    }

    /**
     * An outcome is flagged once a correction rooted at it is stored, whichever came first: the roots of this
     * poll's corrections, and the outcomes of this poll with a correction stored before.
     */
    private void markCorrectedOutcomes() {
        Set<String> flagged = new LinkedHashSet<>(correctedRoots);
        if (!outcomeIds.isEmpty()) {
            flagged.addAll(client.sql("""
                            SELECT DISTINCT root_event_id FROM kpi_outcome_correction WHERE root_event_id = ANY (?)
                            """)
                    .param(outcomeIds.toArray(String[]::new)).query(String.class).list());
        }
        if (!flagged.isEmpty()) {
            client.sql("UPDATE kpi_outcome SET corrected = true WHERE event_id = ANY (?) AND NOT corrected")
                    .param(flagged.toArray(String[]::new)).update();
        }
    }

    private Table table(String name, String columns) {
        return tables.computeIfAbsent(name, n -> new Table(n, columns));
    }

    private static String upper(String code) {
        return code == null ? null : code.strip().toUpperCase(Locale.ROOT);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * Rows of one fact table keyed by event id: the event id, the given columns ("name" is text, "name:date",
     * ":int", ":bool", ":ts" the others) and recorded_at. Written with one statement: each column goes as one text
     * array, cast to its type.
     */
    private static final class Table {
        private final String sql;
        private final String skippingStored;
        private final int columns;
        private final List<Object[]> rows = new ArrayList<>();

        Table(String name, String columnSpecs) {
            String[] specs = Arrays.stream(columnSpecs.split(",")).map(String::strip).toArray(String[]::new);
            List<String> names = new ArrayList<>();
            List<String> arrays = new ArrayList<>();
            names.add("event_id");
            arrays.add("?::text[]");
            for (String spec : specs) {
                String[] parts = spec.split(":");
                names.add(parts[0]);
                arrays.add("?::" + (parts.length == 1 ? "text" : switch (parts[1]) {
                    case "date" -> "date";
                    case "int" -> "integer";
                    case "bool" -> "boolean";
                    case "ts" -> "timestamptz";
                    default -> throw new IllegalArgumentException("column type " + parts[1]);
                }) + "[]");
            }
            names.add("recorded_at");
            arrays.add("?::timestamptz[]");
            columns = names.size();
            sql = "INSERT INTO " + name + " (" + String.join(", ", names) + ") SELECT * FROM unnest("
                    + String.join(", ", arrays) + ")";
            skippingStored = sql + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id";
        }

        void add(IntegrationEvent event, Timestamp recordedAt, Object... values) {
            rows.add(row(event.eventId(), recordedAt, values));
        }

        Object[] row(String eventId, Timestamp recordedAt, Object... values) {
            if (values.length != columns - 2) {
                throw new IllegalArgumentException(sql + ": " + values.length + " values");
            }
            Object[] row = new Object[columns];
            row[0] = eventId;
            System.arraycopy(values, 0, row, 1, values.length);
            row[row.length - 1] = recordedAt;
            return row;
        }

        /**
         * Writes the rows and returns their event ids; with skipStored, only those not stored before (else a stored one
         * is a duplicate key).
         */
        Set<String> flush(JdbcClient client, boolean skipStored) {
            if (rows.isEmpty()) {
                return Set.of();
            }
            Object[] params = new Object[columns];
            for (int c = 0; c < columns; c++) {
                String[] column = new String[rows.size()];
                for (int r = 0; r < column.length; r++) {
                    column[r] = text(rows.get(r)[c]);
                }
                params[c] = column;
            }
            if (skipStored) {
                return new HashSet<>(client.sql(skippingStored).params(params).query(String.class).list());
            }
            client.sql(sql).params(params).update();
            return Arrays.stream((String[]) params[0]).collect(Collectors.toSet());
        }

        /** A value as PostgreSQL reads it back: ISO dates, instants with their offset (Z), true/false, digits. */
        private static String text(Object value) {
            if (value == null) {
                return null;
            }
            return value instanceof Timestamp at ? at.toInstant().toString() : value.toString();
        }
    }

    private static final class Transfer {
        final String eventId;
        final CaseTransferred transfer;
        final Timestamp recordedAt;
        /** Null until looked up in the stored children. */
        String recordedFor;

        Transfer(String eventId, CaseTransferred transfer, String recordedFor, Timestamp recordedAt) {
            this.eventId = eventId;
            this.transfer = transfer;
            this.recordedFor = recordedFor;
            this.recordedAt = recordedAt;
        }
    }

    private record Correction(String eventId, OutcomeCorrected correction, Timestamp recordedAt) {
    }

    /** The poll's starts and ends of one order, folded in arrival order as sequential upserts would apply them. */
    private static final class OrderFold {
        boolean started;
        boolean ended;
        String type;
        String kind;
        String offenceId;
        LocalDate startDate;
        LocalDate plannedEndDate;
        String startEventId;
        Timestamp startRecordedAt;
        LocalDate endDate;
        String endReason;
        String endEventId;
        Timestamp endRecordedAt;

        void start(OrderStarted o, String eventId, Timestamp recordedAt) {
            started = true;
            type = o.orderType();
            kind = o.kind();
            offenceId = o.offenceId();
            startDate = o.startDate();
            plannedEndDate = o.plannedEndDate();
            startEventId = eventId;
            startRecordedAt = recordedAt;
        }

        void end(OrderEnded o, String eventId, Timestamp recordedAt) {
            ended = true;
            if (o.orderType() != null) {
                type = o.orderType();
            }
            if (o.kind() != null) {
                kind = o.kind();
            }
            endDate = o.endDate();
            endReason = o.endReason();
            endEventId = eventId;
            endRecordedAt = recordedAt;
        }
    }
}
