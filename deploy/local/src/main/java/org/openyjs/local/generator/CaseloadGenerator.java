package org.openyjs.local.generator;

import org.openyjs.local.demo.WeightedChoice;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A plausible youth justice caseload for Leicester City and Leicestershire: N children over Y years
 * ending on a fixed day, the same for the same seed. Each child's history follows the rules case-service
 * applies (aged 10 to 17 on every offence date, cautions only with an admission, nothing after the case
 * is closed, nothing in the future), so an import or a REST load records every row.
 *
 * <p>The shape, roughly after the Youth Justice Board's annual statistics: mostly boys, mostly 14 to 17
 * at the first offence; each area's own ethnic mix; about one child in six looked after; two thirds of
 * first outcomes out of court, more court and custody for graver offences and for children who offend
 * again (about three in ten within the window); court orders with start and end statuses, custodial
 * orders with secure accommodation, remands for grave offences awaiting court; victims contacted for
 * offences with a victim; an order still running at 18 transferred to adult services.
 *
 * <p>Out-of-court disposals go through the weekly joint panel (city and county together, on Wednesdays): the
 * offence is referred the day it is recorded, listed on a meeting 10 to 55 days later and decided there; the
 * case records the decided outcome on the meeting day, in its rows (panel-service then closes the referral:
 * the outcome was given outside it), except for the first {@link Settings#panelDecisions()} decisions, which the
 * panel part records through panel-service's API and which reach the case from there. Only some police-issued community resolutions skip
 * the panel (seed notes: "Police issued Community Resolutions" beside the panel's). A panel without a
 * quality-assured assessment, or without quorum, decides with the chair's override reason, as panel-service
 * requires; a youth conditional caution runs twelve weeks and is mostly completed.
 *
 * <p>Child i's history depends only on the seed and i (each child draws from its own generator), so a
 * larger caseload with the same seed begins with the smaller one.
 */
public final class CaseloadGenerator {

    /** 31 March 2025: a fixed end keeps a seed's output the same whatever the day it runs. */
    public static final LocalDate DEFAULT_LAST_DAY = LocalDate.of(2025, 3, 31);

    /**
     * @param idPrefix       starts every child id (3-64 characters in all), so runs with other prefixes never collide
     * @param panelDecisions how many decided referrals (the first, child after child) the panel decides through
     *                       panel-service's API when the panel part is loaded ({@code demo/PanelLoader}): their
     *                       outcome rows are left out, as the panel's decision brings the outcome to the case, and
     *                       so are their children's CloseCase rows (a closed case takes no outcome). Every other
     *                       referred offence keeps its outcome row, which closes the referral in panel-service.
     */
    public record Settings(int children, int years, long seed, LocalDate lastDay, String idPrefix, int panelDecisions) {

        public Settings {
            if (children < 0 || years < 1 || years > 20 || panelDecisions < 0) {
                throw new IllegalArgumentException("children >= 0, years 1..20 and panelDecisions >= 0 expected");
            }
            if (!idPrefix.matches("[A-Za-z0-9_-]{1,40}")) {
                throw new IllegalArgumentException("idPrefix: 1-40 letters, digits, - or _");
            }
        }

        /** Every outcome in the case's rows: nothing left for panel-service's API to decide. */
        public Settings(int children, int years, long seed, LocalDate lastDay, String idPrefix) {
            this(children, years, seed, lastDay, idPrefix, 0);
        }

        public static Settings of(int children, int years, long seed) {
            return new Settings(children, years, seed, DEFAULT_LAST_DAY, "g" + seed);
        }
    }

    static final Set<String> OUT_OF_COURT = Set.of("NO_FURTHER_ACTION", "OUTCOME_22", "COMMUNITY_RESOLUTION",
            "YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION");
    static final Set<String> CUSTODIAL = Set.of("DETENTION_AND_TRAINING_ORDER", "SECTION_250_DETENTION");
    static final Set<String> NEEDS_ADMISSION = Set.of("YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION");
    static final Set<String> WITH_VICTIM = Set.of("VIOLENCE_AGAINST_THE_PERSON", "ROBBERY", "BURGLARY",
            "THEFT_AND_HANDLING", "CRIMINAL_DAMAGE", "VEHICLE_THEFT", "ARSON", "SEXUAL_OFFENCES", "RACIALLY_AGGRAVATED");

    static final WeightedChoice AGE = WeightedChoice.of("10 2, 11 3, 12 6, 13 10, 14 16, 15 20, 16 22, 17 21");
    static final WeightedChoice SEX = WeightedChoice.of("MALE 83, FEMALE 17");
    static final WeightedChoice FIRST_OFFENCE = WeightedChoice.of("VIOLENCE_AGAINST_THE_PERSON 30, THEFT_AND_HANDLING 14, "
            + "CRIMINAL_DAMAGE 9, DRUGS 9, PUBLIC_ORDER 7, MOTORING 7, POSSESSION_OF_WEAPON 5, ROBBERY 5, BURGLARY 3, "
            + "VEHICLE_THEFT 3, SEXUAL_OFFENCES 2, FRAUD_AND_FORGERY 1, ARSON 1, RACIALLY_AGGRAVATED 1, OTHER 3");
    /** Children who offend again: more robbery, weapons, breaches. */
    static final WeightedChoice REPEAT_OFFENCE = WeightedChoice.of("VIOLENCE_AGAINST_THE_PERSON 28, THEFT_AND_HANDLING 12, "
            + "ROBBERY 10, DRUGS 10, POSSESSION_OF_WEAPON 8, BURGLARY 6, CRIMINAL_DAMAGE 6, MOTORING 5, VEHICLE_THEFT 4, "
            + "BREACH_OF_STATUTORY_ORDER 5, PUBLIC_ORDER 4, OTHER 2");
    /** Where a category's gravity scores (1-5) usually lie: its base, before 0-1 is added at random. */
    private static final Map<String, Integer> GRAVITY_BASE = Map.ofEntries(Map.entry("VIOLENCE_AGAINST_THE_PERSON", 2),
            Map.entry("THEFT_AND_HANDLING", 1), Map.entry("CRIMINAL_DAMAGE", 1), Map.entry("DRUGS", 2),
            Map.entry("PUBLIC_ORDER", 1), Map.entry("MOTORING", 1), Map.entry("POSSESSION_OF_WEAPON", 3),
            Map.entry("ROBBERY", 4), Map.entry("BURGLARY", 3), Map.entry("VEHICLE_THEFT", 2), Map.entry("SEXUAL_OFFENCES", 4),
            Map.entry("FRAUD_AND_FORGERY", 2), Map.entry("ARSON", 3), Map.entry("RACIALLY_AGGRAVATED", 2),
            Map.entry("BREACH_OF_STATUTORY_ORDER", 2), Map.entry("OTHER", 1));
    /** The outcome by gravity score (index 1-5): out of court for most low-gravity offences, custody only at 4-5. */
    private static final WeightedChoice[] OUTCOME_BY_GRAVITY = {
            null,
            WeightedChoice.of("COMMUNITY_RESOLUTION 40, OUTCOME_22 25, YOUTH_CAUTION 17, NO_FURTHER_ACTION 8, "
                    + "YOUTH_CONDITIONAL_CAUTION 5, CONDITIONAL_DISCHARGE 3, FINE 2"),
            WeightedChoice.of("COMMUNITY_RESOLUTION 25, OUTCOME_22 22, YOUTH_CAUTION 20, YOUTH_CONDITIONAL_CAUTION 15, "
                    + "REFERRAL_ORDER 12, CONDITIONAL_DISCHARGE 4, FINE 2"),
            WeightedChoice.of("YOUTH_CONDITIONAL_CAUTION 22, YOUTH_CAUTION 15, OUTCOME_22 8, COMMUNITY_RESOLUTION 5, "
                    + "REFERRAL_ORDER 35, YOUTH_REHABILITATION_ORDER 12, CONDITIONAL_DISCHARGE 3"),
            WeightedChoice.of("YOUTH_CONDITIONAL_CAUTION 8, REFERRAL_ORDER 35, YOUTH_REHABILITATION_ORDER 38, "
                    + "DETENTION_AND_TRAINING_ORDER 15, CONDITIONAL_DISCHARGE 4"),
            WeightedChoice.of("REFERRAL_ORDER 12, YOUTH_REHABILITATION_ORDER 38, DETENTION_AND_TRAINING_ORDER 38, "
                    + "SECTION_250_DETENTION 12")};
    private static final WeightedChoice ORDER_END = WeightedChoice.of("COMPLETED 80, BREACHED 10, REVOKED 10");
    private static final WeightedChoice VICTIM_CONTACT = WeightedChoice.of("VIEWS_GIVEN 45, DECLINED 30, NOT_CONTACTABLE 25");
    private static final WeightedChoice ETE = WeightedChoice.of("FULL_TIME 55, PART_TIME 25, NEET 20");
    /** The share of community resolutions the police issue themselves, without the panel. */
    private static final int POLICE_COMMUNITY_RESOLUTION_PERCENT = 20;
    /** The day of the week the joint out-of-court panel meets. */
    static final DayOfWeek PANEL_DAY = DayOfWeek.WEDNESDAY;
    private static final List<String> RATIONALES = List.of(
            "Admitted, first involvement; proportionate, child-first response agreed by the panel",
            "Victim's views considered; assessment shows low risk and protective factors at home and school",
            "Risk of further offending addressed through voluntary intervention; family engaged",
            "Gravity and previous involvement considered; a formal disposal with support is proportionate");

    /** A youth justice service, its local authority, its share of looked-after children and its children's ethnic mix. */
    enum Area {
        CITY("c", "leicester-city", "Leicester", 18, WeightedChoice.of("WHITE_BRITISH 34, WHITE_OTHER 8, ASIAN_INDIAN 18, "
                + "ASIAN_PAKISTANI 4, ASIAN_OTHER 3, BLACK_AFRICAN 7, BLACK_CARIBBEAN 5, MIXED_WHITE_BLACK_CARIBBEAN 9, "
                + "MIXED_OTHER 4, OTHER_ARAB 2, OTHER_ANY 4, NOT_KNOWN 2")),
        COUNTY("s", "leicestershire", "Leicestershire", 12, WeightedChoice.of("WHITE_BRITISH 78, WHITE_OTHER 5, "
                + "WHITE_GYPSY_IRISH_TRAVELLER 2, ASIAN_INDIAN 5, MIXED_WHITE_BLACK_CARIBBEAN 4, MIXED_OTHER 2, "
                + "BLACK_AFRICAN 1, BLACK_CARIBBEAN 1, OTHER_ANY 1, NOT_KNOWN 1"));

        final String idLetter;
        final String service;
        final String localAuthority;
        final int lookedAfterPercent;
        final WeightedChoice ethnicity;

        Area(String idLetter, String service, String localAuthority, int lookedAfterPercent, WeightedChoice ethnicity) {
            this.idLetter = idLetter;
            this.service = service;
            this.localAuthority = localAuthority;
            this.lookedAfterPercent = lookedAfterPercent;
            this.ethnicity = ethnicity;
        }
    }

    private CaseloadGenerator() {
    }

    public static Caseload generate(Settings settings) {
        LocalDate firstDay = settings.lastDay().minusYears(settings.years()).plusDays(1);
        List<GeneratedChild> children = new ArrayList<>(settings.children());
        // Counted child after child, so a bigger caseload with the same seed still begins with the smaller one.
        int[] panelDecisionsLeft = {settings.panelDecisions()};
        for (int i = 0; i < settings.children(); i++) {
            Random random = new Random(settings.seed() * 1_000_003L + i);
            children.add(new ChildHistory(settings, firstDay, random, i, panelDecisionsLeft).generate());
        }
        return new Caseload(settings, firstDay, List.copyOf(children));
    }

    /** The panel meeting of a caseload on a day: its id, and who attended, the same for a seed and day. */
    static PanelCase.Meeting meeting(Settings settings, LocalDate day) {
        Random random = new Random(settings.seed() * 1_000_033L + day.toEpochDay());
        List<Map<String, Object>> attendees = new ArrayList<>();
        attendees.add(data("agency", "YOUTH_JUSTICE_SERVICE", "role", "OOCD_PANEL_TEAM_MANAGER"));
        if (random.nextInt(100) < 94) {
            attendees.add(data("agency", "POLICE", "role", "OOCD_DECISION_MAKER"));
        }
        if (random.nextInt(100) < 85) {
            attendees.add(data("agency", "YOUTH_JUSTICE_SERVICE", "role", "VICTIM_CONTACT_OFFICER"));
        }
        if (random.nextInt(100) < 60) {
            attendees.add(data("agency", "HEALTH", "role", "NURSE"));
        }
        if (random.nextInt(100) < 45) {
            attendees.add(data("agency", "CHILDRENS_SOCIAL_CARE", "role", "SOCIAL_WORKER"));
        }
        if (random.nextInt(100) < 35) {
            attendees.add(data("agency", "EDUCATION", "role", "INCLUSION_OFFICER"));
        }
        return new PanelCase.Meeting(settings.idPrefix() + "-oocd-" + day, day, List.copyOf(attendees));
    }

    /** panel-service's default quorum (panel.quorum): three attendees, police and the youth justice service among them. */
    static boolean quorate(PanelCase.Meeting meeting) {
        return meeting.attendees().size() >= 3
                && meeting.attendees().stream().anyMatch(a -> a.get("agency").equals("POLICE"))
                && meeting.attendees().stream().anyMatch(a -> a.get("agency").equals("YOUTH_JUSTICE_SERVICE"));
    }

    /** One child's history, decided fact by fact, then put in date order. */
    private static final class ChildHistory {

        private final Settings settings;
        private final LocalDate firstDay;
        private final LocalDate lastDay;
        private final Random random;
        private final Area area;
        private final String childId;
        private final List<Row> rows = new ArrayList<>();
        private final List<PanelCase> panelCases = new ArrayList<>();
        private LocalDate dateOfBirth;
        private boolean lookedAfter;
        private int offences;
        private int orders;
        private int assessments;
        private int remands;
        private LocalDate busyUntil; // the last day anything happens on the case so far
        private boolean transferred;
        private final int[] panelDecisionsLeft;
        private boolean awaitsPanelService; // an outcome of this child's comes through panel-service's API

        ChildHistory(Settings settings, LocalDate firstDay, Random random, int index, int[] panelDecisionsLeft) {
            this.settings = settings;
            this.panelDecisionsLeft = panelDecisionsLeft;
            this.firstDay = firstDay;
            this.lastDay = settings.lastDay();
            this.random = random;
            this.area = random.nextInt(100) < 52 ? Area.CITY : Area.COUNTY;
            this.childId = settings.idPrefix() + "-" + area.idLetter + String.format("%06d", index);
        }

        GeneratedChild generate() {
            // The first offence leaves room for its outcome before the window closes.
            LocalDate first = day(firstDay, lastDay.minusDays(120));
            int age = Integer.parseInt(AGE.pick(random));
            dateOfBirth = first.minusYears(age).minusDays(random.nextInt(365));
            String sex = SEX.pick(random);
            String ethnicity = area.ethnicity.pick(random);
            lookedAfter = random.nextInt(100) < area.lookedAfterPercent;
            add("RegisterChild", first, data("youthJusticeService", area.service, "dateOfBirth", dateOfBirth.toString(),
                    "sex", sex, "ethnicity", ethnicity, "localAuthority", area.localAuthority,
                    "openedOn", first.toString()));
            busyUntil = first;

            // Looked-after children offend again more often; each further offence makes another likelier.
            int againPercent = lookedAfter ? 40 : 28;
            LocalDate next = first;
            boolean repeat = false;
            while (next != null && !transferred) {
                LocalDate resolved = offence(next, repeat);
                repeat = true;
                next = null;
                if (random.nextInt(100) < againPercent) {
                    LocalDate candidate = resolved.plusDays(20 + random.nextInt(280));
                    if (!candidate.isAfter(lastDay.minusDays(60)) && age(candidate) <= 17) {
                        next = candidate;
                        againPercent = Math.min(70, againPercent + 12);
                    }
                }
            }
            LocalDate closing = busyUntil.plusDays(30 + random.nextInt(60));
            boolean closes = !closing.isAfter(lastDay) && (transferred || random.nextInt(100) < 85);
            // A case closed before the panel part is loaded would refuse the panel's decision: left open.
            if (closes && !awaitsPanelService) {
                add("CloseCase", closing, data("on", closing.toString(),
                        "reasonCode", transferred ? "AGED_OUT" : "ORDER_COMPLETED",
                        "reason", transferred ? "transferred to adult probation at 18" : "interventions completed"));
            }
            // Stable: facts of the same day keep the order they were decided in (an offence before its outcome).
            rows.sort(Comparator.comparing(Row::date));
            List<Row> numbered = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                numbered.add(new Row(childId + "-" + (i + 1), r.type(), r.date(), r.data()));
            }
            return new GeneratedChild(childId, area.service, area.localAuthority, dateOfBirth, sex, ethnicity,
                    lookedAfter, List.copyOf(numbered), List.copyOf(panelCases));
        }

        /** An offence on the given day and all that follows from it; returns the day it was resolved. */
        private LocalDate offence(LocalDate date, boolean repeat) {
            String offenceId = "o" + (++offences);
            String category = (repeat ? REPEAT_OFFENCE : FIRST_OFFENCE).pick(random);
            int gravity = Math.min(5, GRAVITY_BASE.get(category) + random.nextInt(2));
            // A previous record pushes the disposal towards court.
            int disposalGravity = Math.min(5, gravity + (repeat && random.nextBoolean() ? 1 : 0));
            String code = OUTCOME_BY_GRAVITY[disposalGravity].pick(random);
            if (CUSTODIAL.contains(code) && age(date) < 12) {
                code = "YOUTH_REHABILITATION_ORDER"; // custody for a child under 12 is not an option
            }
            boolean court = !OUT_OF_COURT.contains(code);
            boolean panel = !court && !(code.equals("COMMUNITY_RESOLUTION")
                    && random.nextInt(100) < POLICE_COMMUNITY_RESOLUTION_PERCENT);
            // The panel gives a community resolution only on an admission (panel.decisions.admission-required).
            boolean admitted = NEEDS_ADMISSION.contains(code) || random.nextInt(100) < (court ? 60 : 85)
                    || (panel && code.equals("COMMUNITY_RESOLUTION"));
            LocalDate outcomeDate = date.plusDays(court ? 28 + random.nextInt(92) : 10 + random.nextInt(40));
            if (panel) {
                outcomeDate = outcomeDate.with(TemporalAdjusters.nextOrSame(PANEL_DAY)); // decided the day the panel meets
            }
            boolean decided = !outcomeDate.isAfter(lastDay);

            Map<String, Object> offence = data("offenceId", offenceId, "offenceDate", date.toString(),
                    "offenceCategory", category, "gravityScore", gravity, "admitted", admitted);
            // Most sources record the outcome with the offence; some add it when it comes.
            // A referred offence has no outcome until the panel decides (case-service refuses a referral after one).
            boolean together = decided && random.nextInt(100) < 70 && !panel;
            if (together) {
                offence.put("outcome", data("code", code, "date", outcomeDate.toString()));
            }
            // In the offence's place: what follows it (victims, remands, assessments) needs it on the case first.
            add("RecordOffence", date, offence);
            touch(date);
            if (panel) {
                add("ReferToOutOfCourtPanel", date, data("offenceId", offenceId, "referralDate", date.toString()));
            }

            if (WITH_VICTIM.contains(category) && random.nextInt(100) < 75) {
                LocalDate contacted = date.plusDays(5 + random.nextInt(25));
                if (!contacted.isAfter(lastDay)) {
                    String result = VICTIM_CONTACT.pick(random);
                    boolean reached = !result.equals("NOT_CONTACTABLE");
                    add("RecordVictimContact", contacted, data("offenceId", offenceId,
                            "victimId", "v" + offenceId, "contactedOn", contacted.toString(), "result", result,
                            "consentedToContact", result.equals("VIEWS_GIVEN") && random.nextInt(100) < 85,
                            "restorativeJusticeOffered", reached && random.nextInt(100) < 60));
                    touch(contacted);
                }
            }
            if (court && gravity >= 4 && random.nextInt(100) < 30) {
                remand(offenceId, date, decided ? outcomeDate : lastDay);
            }
            if (!decided) {
                if (panel) { // referred, still awaiting its meeting when the window closes
                    panelCases.add(new PanelCase(childId, offenceId, date, null, null, null, null, false));
                }
                touch(lastDay);
                return lastDay; // still awaiting its outcome when the window closes
            }
            boolean assessed = assessment(offenceId, date, outcomeDate, court ? "ASSETPLUS" : "PREVENTION_AND_DIVERSION",
                    court || !code.equals("NO_FURTHER_ACTION"));
            boolean throughPanelService = panel && panelDecisionsLeft[0] > 0;
            if (throughPanelService) {
                panelDecisionsLeft[0]--;
                awaitsPanelService = true;
            }
            if (panel) {
                panelDecision(offenceId, code, date, outcomeDate, assessed, !throughPanelService);
            }
            if (!together && !throughPanelService) {
                add("RecordOutcome", outcomeDate, data("offenceId", offenceId, "code", code, "date", outcomeDate.toString()));
            }
            touch(outcomeDate);
            return order(code, offenceId, outcomeDate);
        }

        private void remand(String offenceId, LocalDate offenceDate, LocalDate until) {
            String remandId = "r" + (++remands);
            LocalDate start = offenceDate.plusDays(1 + random.nextInt(3));
            if (start.isAfter(until)) {
                return;
            }
            String type = random.nextInt(100) < 45 ? "YOUTH_DETENTION_ACCOMMODATION" : "LOCAL_AUTHORITY_ACCOMMODATION";
            rows.add(new Row(null, "StartRemand", start, data("childId", childId, "remandId", remandId,
                    "offenceId", offenceId, "remandType", type, "startDate", start.toString())));
            LocalDate end = start.plusDays(14 + random.nextInt(60));
            if (end.isAfter(until)) {
                end = until;
            }
            rows.add(new Row(null, "EndRemand", end, data("childId", childId, "remandId", remandId,
                    "endDate", end.toString())));
            touch(end);
        }

        /**
         * The panel's decision on a referred offence at the meeting of the outcome's day; {@code outcomeImported}
         * when the outcome is in the case's rows rather than left to panel-service's API.
         */
        private void panelDecision(String offenceId, String code, LocalDate referred, LocalDate meetingDay, boolean assessed,
                                   boolean outcomeImported) {
            PanelCase.Meeting meeting = meeting(settings, meetingDay);
            Map<String, Object> decision = data("childId", childId, "offenceId", offenceId, "outcomeCode", code,
                    "rationale", RATIONALES.get(random.nextInt(RATIONALES.size())));
            if (!code.equals("NO_FURTHER_ACTION")) {
                decision.put("interventionAgreed", code.equals("COMMUNITY_RESOLUTION")
                        ? "Early Intervention Team referral" : "Out-of-court intervention with the youth justice service");
            }
            if (!assessed) {
                decision.put("assessmentOverrideReason", "assessment not completed in time; decided on the police "
                        + "summary and the case worker's report");
            }
            if (!quorate(meeting)) {
                decision.put("quorumOverrideReason", "police decision maker unavailable; decision agreed by telephone");
            }
            Boolean completed = null;
            if (code.equals("YOUTH_CONDITIONAL_CAUTION")) {
                LocalDate end = meetingDay.plusWeeks(12);
                decision.put("conditions", List.of("attend the agreed intervention sessions", "write a letter of apology"));
                decision.put("conditionsEndDate", end.toString());
                if (!end.isAfter(lastDay)) {
                    completed = random.nextInt(100) < 85;
                }
            }
            panelCases.add(new PanelCase(childId, offenceId, referred, meeting.panelId(), meetingDay, decision, completed,
                    outcomeImported));
        }

        /** Records an assessment of the offence (usually); true if one was recorded. */
        private boolean assessment(String offenceId, LocalDate offenceDate, LocalDate outcomeDate, String tool, boolean wanted) {
            if (!wanted || random.nextInt(100) >= 80) {
                return false;
            }
            LocalDate completed = outcomeDate.minusDays(3 + random.nextInt(5));
            if (completed.isBefore(offenceDate)) {
                completed = offenceDate;
            }
            LocalDate assured = completed.plusDays(random.nextInt(4));
            String assessmentId = "a" + (++assessments);
            if (random.nextInt(100) < 80) {
                add("RecordAssessment", completed, data("assessmentId", assessmentId, "offenceId", offenceId, "tool", tool,
                        "completedOn", completed.toString(), "qualityAssuredOn", assured.toString()));
            } else { // quality-assured later, as its own row
                add("RecordAssessment", completed, data("assessmentId", assessmentId, "offenceId", offenceId, "tool", tool,
                        "completedOn", completed.toString()));
                add("QualityAssureAssessment", assured, data("assessmentId", assessmentId, "qualityAssuredOn", assured.toString()));
            }
            return true;
        }

        /** The intervention or order an outcome leads to, with its statuses; returns the day it ends (or the outcome's). */
        private LocalDate order(String code, String offenceId, LocalDate start) {
            String type;
            int months;
            switch (code) {
                case "YOUTH_CONDITIONAL_CAUTION", "OUTCOME_22" -> { type = "OUT_OF_COURT_INTERVENTION"; months = 3 + random.nextInt(2); }
                case "REFERRAL_ORDER" -> { type = "REFERRAL_ORDER"; months = 3 + random.nextInt(10); }
                case "YOUTH_REHABILITATION_ORDER" -> { type = "YOUTH_REHABILITATION_ORDER"; months = 6 + random.nextInt(19); }
                case "DETENTION_AND_TRAINING_ORDER" -> { type = "DETENTION_AND_TRAINING_ORDER"; months = 4 + random.nextInt(21); }
                case "SECTION_250_DETENTION" -> { type = "SECTION_250_DETENTION"; months = 12 + random.nextInt(25); }
                default -> { return start; }
            }
            // Unique across children, as a source system's order numbers are (kpi-service keys orders by id alone).
            String orderId = childId + "-ord" + (++orders);
            LocalDate planned = start.plusMonths(months);
            add("StartOrder", start, data("orderId", orderId, "orderType", type, "offenceId", offenceId,
                    "startDate", start.toString(), "plannedEndDate", planned.toString()));
            boolean custody = type.equals("DETENTION_AND_TRAINING_ORDER") || type.equals("SECTION_250_DETENTION");
            LocalDate startStatus = start.plusDays(random.nextInt(10));
            if (!startStatus.isAfter(lastDay)) {
                status(orderId, "START", startStatus, custody);
            }
            LocalDate eighteen = dateOfBirth.plusYears(18);
            String reason = ORDER_END.pick(random);
            LocalDate end = reason.equals("COMPLETED") ? planned : start.plusDays(30 + random.nextInt(
                    (int) Math.max(1, ChronoUnit.DAYS.between(start, planned) - 30)));
            if (!eighteen.isAfter(end) && eighteen.isAfter(start) && !custody) {
                end = eighteen; // a community order still running at 18 moves to adult probation
                reason = "TRANSFERRED";
            }
            if (end.isAfter(lastDay)) {
                touch(lastDay);
                return lastDay; // still running when the window closes
            }
            if (!end.isBefore(startStatus)) {
                status(orderId, "END", end, custody);
            }
            add("EndOrder", end, data("orderId", orderId, "endDate", end.toString(), "endReason", reason));
            transferred |= reason.equals("TRANSFERRED");
            touch(end);
            return end;
        }

        private void status(String orderId, String point, LocalDate on, boolean custody) {
            int age = age(on);
            boolean suitable = custody || random.nextInt(100) < (lookedAfter ? 80 : 92);
            String accommodation = custody && point.equals("START") ? "SECURE"
                    : lookedAfter ? "CARE_PLACEMENT" : suitable ? "FAMILY_HOME" : "SUPPORTED";
            String ete = ETE.pick(random);
            int offered = ete.equals("NEET") ? 0 : ete.equals("PART_TIME") ? 10 + random.nextInt(10) : 25;
            int attended = offered == 0 ? 0 : offered - random.nextInt(offered / 2 + 1);
            boolean sendNeed = random.nextInt(100) < 30;
            add("RecordStatus", on, data("orderId", orderId, "point", point, "assessedOn", on.toString(),
                    "accommodation", data("suitable", suitable, "type", accommodation),
                    "ete", data("schoolAge", age < 16, "hoursOffered", offered, "hoursAttended", attended, "status", ete,
                            "suitable", !ete.equals("NEET")),
                    "send", data("identifiedNeed", sendNeed, "formalPlan", sendNeed && random.nextInt(100) < 60),
                    "mentalHealth", need(35), "substanceMisuse", need(30),
                    "widerServices", data("lookedAfter", lookedAfter, "childProtectionPlan", random.nextInt(100) < 8,
                            "childInNeedPlan", random.nextInt(100) < 15, "earlyHelp", random.nextInt(100) < 10)));
        }

        private Map<String, Object> need(int percent) {
            boolean need = random.nextInt(100) < percent;
            boolean planned = need && random.nextInt(100) < 80;
            return data("screenedOrIdentifiedNeed", need, "interventionPlannedOrOffered", planned,
                    "attending", planned && random.nextInt(100) < 70);
        }

        private void add(String type, LocalDate date, Map<String, Object> data) {
            Map<String, Object> withChild = new LinkedHashMap<>();
            withChild.put("childId", childId);
            withChild.putAll(data);
            rows.add(new Row(null, type, date, withChild));
        }

        private void touch(LocalDate date) {
            if (date.isAfter(busyUntil)) {
                busyUntil = date;
            }
        }

        private int age(LocalDate on) {
            return Period.between(dateOfBirth, on).getYears();
        }

        private LocalDate day(LocalDate from, LocalDate to) {
            return from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
        }
    }

    /** An ordered map from key, value pairs. */
    static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
