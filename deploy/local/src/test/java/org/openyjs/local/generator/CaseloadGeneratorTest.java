package org.openyjs.local.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The generated caseload: the same for a seed, every row acceptable to case-service's rules, and its
 * distributions within tolerances of the shape it claims (YJB annual statistics, roughly).
 */
class CaseloadGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IMPORT_TYPES = Set.of("RegisterChild", "RecordOffence", "RecordOutcome",
            "ReferToOutOfCourtPanel", "RecordAssessment", "QualityAssureAssessment", "RecordVictimContact", "StartOrder",
            "EndOrder", "RecordStatus", "CloseCase", "ReopenCase", "StartRemand", "EndRemand");
    private static final Set<String> FORMAL = Set.of("YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION", "REFERRAL_ORDER",
            "YOUTH_REHABILITATION_ORDER", "DETENTION_AND_TRAINING_ORDER", "SECTION_250_DETENTION", "CONDITIONAL_DISCHARGE",
            "ABSOLUTE_DISCHARGE", "FINE");

    private final Caseload caseload = CaseloadGenerator.generate(CaseloadGenerator.Settings.of(4000, 3, 42));

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnother() throws Exception {
        assertThat(jsonLines(CaseloadGenerator.generate(CaseloadGenerator.Settings.of(300, 3, 42))))
                .isEqualTo(jsonLines(CaseloadGenerator.generate(CaseloadGenerator.Settings.of(300, 3, 42))));
        assertThat(jsonLines(CaseloadGenerator.generate(CaseloadGenerator.Settings.of(300, 3, 43))))
                .isNotEqualTo(jsonLines(CaseloadGenerator.generate(CaseloadGenerator.Settings.of(300, 3, 42))));
        // Child i depends on the seed and i only: a bigger caseload starts with the smaller one.
        assertThat(caseload.children().subList(0, 300))
                .isEqualTo(CaseloadGenerator.generate(CaseloadGenerator.Settings.of(300, 3, 42)).children());
    }

    @Test
    void thePanelsPartIsTheSameForASeedAndItsMeetingsTheSameWhicheverChildrenDecidedThere() {
        Caseload small = CaseloadGenerator.generate(CaseloadGenerator.Settings.of(300, 3, 42));
        Caseload again = CaseloadGenerator.generate(CaseloadGenerator.Settings.of(300, 3, 42));
        assertThat(small.panelCases().toList()).isNotEmpty().isEqualTo(again.panelCases().toList());
        assertThat(small.panelMeetings()).isNotEmpty().isEqualTo(again.panelMeetings());
        assertThat(CaseloadGenerator.generate(CaseloadGenerator.Settings.of(300, 3, 43)).panelCases().toList())
                .isNotEqualTo(small.panelCases().toList());
        // A meeting of the smaller caseload is the same meeting, with the same attendance, in the bigger one.
        assertThat(caseload.panelMeetings()).containsAll(small.panelMeetings());
    }

    @Test
    void outOfCourtDisposalsAreDecidedByTheWeeklyPanelAsPanelServiceRequires() {
        Map<String, PanelCase.Meeting> meetings = new HashMap<>();
        for (PanelCase.Meeting meeting : caseload.panelMeetings()) {
            assertThat(meetings.put(meeting.panelId(), meeting)).as("one meeting a day " + meeting.panelId()).isNull();
            assertThat(meeting.meetingDate().getDayOfWeek()).isEqualTo(CaseloadGenerator.PANEL_DAY);
            assertThat(meeting.panelId()).matches("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
        }
        long outOfCourtOutcomes = 0;
        long decidedByPanel = 0;
        for (GeneratedChild child : caseload.children()) {
            Map<String, PanelCase> referred = new HashMap<>();
            child.panelCases().forEach(c -> referred.put(c.offenceId(), c));
            Map<String, Row> offences = new HashMap<>();
            Set<String> referralsSeen = new HashSet<>();
            Set<String> assessed = new HashSet<>();
            for (Row row : child.rows()) {
                String offenceId = (String) row.data().get("offenceId");
                switch (row.type()) {
                    case "RecordOffence" -> offences.put(offenceId, row);
                    case "ReferToOutOfCourtPanel" -> {
                        assertThat(referred).as(row.rowId() + " a referral the panel knows of").containsKey(offenceId);
                        assertThat(offences.get(offenceId).data()).as("referred before any outcome").doesNotContainKey("outcome");
                        assertThat(row.data().get("referralDate")).isEqualTo(referred.get(offenceId).referralDate().toString());
                        referralsSeen.add(offenceId);
                    }
                    case "RecordAssessment" -> assessed.add(offenceId);
                    default -> {
                    }
                }
                String code = outcomeCode(row);
                if (code != null && CaseloadGenerator.OUT_OF_COURT.contains(code)) {
                    outOfCourtOutcomes++;
                }
                if (code != null && referred.containsKey(offenceId)) {
                    PanelCase panelCase = referred.get(offenceId);
                    assertThat(referralsSeen).as(row.rowId() + " outcome after the referral").contains(offenceId);
                    // Decided at the meeting, its outcome in the rows: the panel part leaves it alone.
                    assertThat(panelCase.decision()).isNotNull();
                    assertThat(panelCase.outcomeImported()).isTrue();
                    assertThat(panelCase.decided()).isFalse();
                    assertThat(panelCase.decision()).containsEntry("outcomeCode", code)
                            .containsEntry("childId", child.childId()).containsKey("rationale");
                    assertThat(row.date()).as("decided the day the panel met").isEqualTo(panelCase.meetingDate());
                    PanelCase.Meeting meeting = meetings.get(panelCase.panelId());
                    assertThat(meeting.meetingDate()).isEqualTo(panelCase.meetingDate());
                    if (Set.of("YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION", "COMMUNITY_RESOLUTION").contains(code)) {
                        assertThat(offences.get(offenceId).data().get("admitted")).as(row.rowId() + " admitted").isEqualTo(true);
                    }
                    assertThat(panelCase.decision().containsKey("assessmentOverrideReason"))
                            .as(row.rowId() + " an override exactly when no assessment").isEqualTo(!assessed.contains(offenceId));
                    assertThat(panelCase.decision().containsKey("quorumOverrideReason"))
                            .isEqualTo(!CaseloadGenerator.quorate(meeting));
                    assertThat(panelCase.decision().containsKey("conditionsEndDate"))
                            .isEqualTo(code.equals("YOUTH_CONDITIONAL_CAUTION"));
                    decidedByPanel++;
                }
            }
            assertThat(referralsSeen).isEqualTo(referred.keySet());
        }
        // Every out-of-court disposal but the police's own community resolutions goes through the panel.
        assertThat(decidedByPanel / (double) outOfCourtOutcomes).isBetween(0.85, 0.97);
        // Most meetings are quorate; a few decide with the chair's override.
        assertThat(caseload.panelMeetings().stream().filter(CaseloadGenerator::quorate).count()
                / (double) caseload.panelMeetings().size()).isBetween(0.85, 0.99);
        List<PanelCase> conditional = caseload.panelCases().filter(c -> c.conditionsCompleted() != null).toList();
        assertThat(conditional.stream().filter(PanelCase::conditionsCompleted).count() / (double) conditional.size())
                .isCloseTo(0.85, within(0.06));
        // About three years of weekly meetings.
        assertThat(caseload.panelMeetings()).hasSizeBetween(140, 160);
    }

    @Test
    void everyLineIsAnImportRowOfAKnownTypeWithUniqueRowIds() throws Exception {
        String file = jsonLines(caseload);
        Set<String> rowIds = new HashSet<>();
        for (String line : file.split("\n")) {
            JsonNode row = JSON.readTree(line);
            assertThat(row.fieldNames()).toIterable().containsExactly("rowId", "type", "data");
            assertThat(IMPORT_TYPES).contains(row.get("type").asText());
            assertThat(rowIds.add(row.get("rowId").asText())).as("unique " + row.get("rowId")).isTrue();
            assertThat(row.get("data").get("childId").asText()).matches("[A-Za-z0-9_-]{3,64}");
        }
        assertThat(rowIds).hasSize((int) caseload.rows().count());
        assertThat(caseload.rows().map(Row::type)).as("remands go in the file too").contains("StartRemand", "EndRemand");
    }

    @Test
    void everyRowFollowsTheCaseRules() {
        followsTheCaseRules(caseload);
    }

    @Test
    void theFirstDecisionsLeftToPanelServiceHaveNoOutcomeRowAndTheirCasesStayOpen() throws Exception {
        int left = 50;
        Caseload withPanel = CaseloadGenerator.generate(new CaseloadGenerator.Settings(4000, 3, 42,
                CaseloadGenerator.DEFAULT_LAST_DAY, "g42", left));
        // The first decided referrals, child after child, and no others.
        List<PanelCase> atMeetings = caseload.panelCases().filter(c -> c.decision() != null).toList();
        List<PanelCase> throughApi = withPanel.panelCases().filter(PanelCase::decided).toList();
        assertThat(throughApi).hasSize(left).allMatch(c -> !c.outcomeImported());
        assertThat(throughApi).extracting(PanelCase::childId, PanelCase::offenceId, PanelCase::decision)
                .containsExactlyElementsOf(atMeetings.subList(0, left).stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.childId(), c.offenceId(), c.decision())).toList());
        assertThat(withPanel.panelCases().filter(c -> c.decision() != null).skip(left)).allMatch(PanelCase::outcomeImported);
        assertThat(withPanel.panelMeetings()).isEqualTo(caseload.panelMeetings());

        Set<String> viaApi = new HashSet<>();
        throughApi.forEach(c -> viaApi.add(c.childId() + "/" + c.offenceId()));
        Set<String> awaitingChildren = new HashSet<>(throughApi.stream().map(PanelCase::childId).toList());
        for (int i = 0; i < caseload.children().size(); i++) {
            GeneratedChild before = caseload.children().get(i);
            GeneratedChild after = withPanel.children().get(i);
            if (!awaitingChildren.contains(before.childId())) {
                assertThat(after).as("a child without a decision left to the API is as before").isEqualTo(before);
                continue;
            }
            // The same history but the outcome rows of the API's decisions and the case's closing.
            List<String> expected = before.rows().stream()
                    .filter(r -> !(r.type().equals("RecordOutcome")
                            && viaApi.contains(r.childId() + "/" + r.data().get("offenceId"))))
                    .filter(r -> !r.type().equals("CloseCase"))
                    .map(r -> r.type() + " " + r.date() + " " + r.data()).toList();
            assertThat(after.rows()).extracting(r -> r.type() + " " + r.date() + " " + r.data())
                    .as(before.childId()).containsExactlyElementsOf(expected);
            assertThat(after.rows()).noneMatch(r -> r.type().equals("CloseCase"));
        }
        assertThat(withPanel.rows().filter(r -> r.type().equals("RecordOutcome"))
                .filter(r -> viaApi.contains(r.childId() + "/" + r.data().get("offenceId")))).isEmpty();
        followsTheCaseRules(withPanel);

        // Repeatable for a seed, and a bigger caseload begins with the smaller one, API decisions and all.
        Caseload small = CaseloadGenerator.generate(new CaseloadGenerator.Settings(300, 3, 42,
                CaseloadGenerator.DEFAULT_LAST_DAY, "g42", left));
        assertThat(jsonLines(small)).isEqualTo(jsonLines(CaseloadGenerator.generate(new CaseloadGenerator.Settings(300, 3,
                42, CaseloadGenerator.DEFAULT_LAST_DAY, "g42", left))));
        assertThat(small.panelCases().toList()).isEqualTo(CaseloadGenerator.generate(new CaseloadGenerator.Settings(300,
                3, 42, CaseloadGenerator.DEFAULT_LAST_DAY, "g42", left)).panelCases().toList());
        assertThat(withPanel.children().subList(0, 300)).isEqualTo(small.children());
    }

    private static void followsTheCaseRules(Caseload caseload) {
        LocalDate first = LocalDate.of(2022, 4, 1);
        LocalDate last = LocalDate.of(2025, 3, 31);
        assertThat(caseload.firstDay()).isEqualTo(first);
        for (GeneratedChild child : caseload.children()) {
            List<Row> rows = child.rows();
            assertThat(rows.get(0).type()).isEqualTo("RegisterChild");
            Set<String> offences = new HashSet<>();
            Set<String> decided = new HashSet<>();
            Set<String> orders = new HashSet<>();
            boolean closed = false;
            LocalDate previous = first;
            for (Row row : rows) {
                String what = row.rowId() + " " + row.type();
                assertThat(closed).as(what + " after the case was closed").isFalse();
                assertThat(row.date()).as(what).isBetween(previous, last);
                previous = row.date();
                Map<String, Object> d = row.data();
                switch (row.type()) {
                    case "RecordOffence" -> {
                        LocalDate on = date(d, "offenceDate");
                        assertThat(Period.between(child.dateOfBirth(), on).getYears()).as(what).isBetween(10, 17);
                        assertThat((Integer) d.get("gravityScore")).isBetween(1, 5);
                        assertThat(offences.add((String) d.get("offenceId"))).isTrue();
                        if (d.get("outcome") instanceof Map<?, ?> outcome) {
                            checkOutcome(what, outcome.get("code").toString(), LocalDate.parse(outcome.get("date").toString()),
                                    on, last, (Boolean) d.get("admitted"));
                            decided.add((String) d.get("offenceId"));
                        }
                    }
                    case "RecordOutcome" -> {
                        assertThat(offences).as(what).contains((String) d.get("offenceId"));
                        assertThat(decided.add((String) d.get("offenceId"))).as(what + " a second outcome").isTrue();
                    }
                    case "StartOrder" -> orders.add((String) d.get("orderId"));
                    case "EndOrder", "RecordStatus" -> assertThat(orders).as(what).contains((String) d.get("orderId"));
                    case "RecordVictimContact", "StartRemand" ->
                            assertThat(offences).as(what).contains((String) d.get("offenceId"));
                    case "CloseCase" -> closed = true;
                    default -> {
                    }
                }
            }
        }
    }

    @Test
    void childrenAreMostlyBoysOfFourteenToSeventeenWithEachAreasEthnicMix() {
        List<GeneratedChild> children = caseload.children();
        assertThat(share(children, c -> c.sex().equals("FEMALE"))).isCloseTo(0.17, within(0.03));
        assertThat(share(children, c -> c.youthJusticeService().equals("leicester-city"))).isCloseTo(0.52, within(0.03));
        assertThat(share(children, c -> ageAtFirstOffence(c) >= 14)).isCloseTo(0.79, within(0.04));
        assertThat(share(children, c -> ageAtFirstOffence(c) <= 11)).isCloseTo(0.05, within(0.02));
        List<GeneratedChild> city = children.stream().filter(c -> c.youthJusticeService().equals("leicester-city")).toList();
        List<GeneratedChild> county = children.stream().filter(c -> c.youthJusticeService().equals("leicestershire")).toList();
        assertThat(share(city, c -> c.ethnicity().equals("WHITE_BRITISH"))).isCloseTo(0.34, within(0.04));
        assertThat(share(county, c -> c.ethnicity().equals("WHITE_BRITISH"))).isCloseTo(0.78, within(0.04));
        assertThat(share(city, c -> c.ethnicity().startsWith("ASIAN"))).isCloseTo(0.25, within(0.04));
        assertThat(share(city, GeneratedChild::lookedAfter)).isCloseTo(0.18, within(0.03));
        assertThat(share(county, GeneratedChild::lookedAfter)).isCloseTo(0.12, within(0.03));
        assertThat(city).allMatch(c -> c.localAuthority().equals("Leicester"));
        assertThat(county).allMatch(c -> c.localAuthority().equals("Leicestershire"));
    }

    @Test
    void outcomesAreMostlyOutOfCourtWithCourtAndCustodyForGraverOffences() {
        List<String[]> firstOutcomes = new ArrayList<>(); // code, gravity
        Map<Integer, int[]> custodyByGravity = new HashMap<>(); // gravity -> {custodial, all}
        for (GeneratedChild child : caseload.children()) {
            Map<String, Integer> gravity = new HashMap<>();
            boolean firstSeen = false;
            for (Row row : child.rows()) {
                if (row.type().equals("RecordOffence")) {
                    gravity.put((String) row.data().get("offenceId"), (Integer) row.data().get("gravityScore"));
                }
                String code = outcomeCode(row);
                if (code != null) {
                    int g = gravity.get((String) row.data().get("offenceId"));
                    if (!firstSeen) {
                        firstOutcomes.add(new String[]{code, String.valueOf(g)});
                        firstSeen = true;
                    }
                    int[] counts = custodyByGravity.computeIfAbsent(g, k -> new int[2]);
                    counts[0] += CaseloadGenerator.CUSTODIAL.contains(code) ? 1 : 0;
                    counts[1]++;
                }
            }
        }
        double outOfCourt = firstOutcomes.stream().filter(o -> CaseloadGenerator.OUT_OF_COURT.contains(o[0])).count()
                / (double) firstOutcomes.size();
        assertThat(outOfCourt).isBetween(0.55, 0.80);
        long allOutcomes = custodyByGravity.values().stream().mapToLong(c -> c[1]).sum();
        long custodial = custodyByGravity.values().stream().mapToLong(c -> c[0]).sum();
        assertThat(custodial / (double) allOutcomes).isBetween(0.02, 0.08);
        assertThat(custodyByGravity.get(1)[0] + custodyByGravity.get(2)[0]).as("custody below gravity 3").isZero();
        // Gravity 3 reaches custody only with a previous record (a repeat offence is judged one step graver).
        double custodyAt3 = custodyByGravity.get(3)[0] / (double) custodyByGravity.get(3)[1];
        double custodyAt5 = custodyByGravity.get(5)[0] / (double) custodyByGravity.get(5)[1];
        assertThat(custodyAt3).isLessThan(0.05);
        assertThat(custodyAt5).isGreaterThan(0.3);
    }

    @Test
    void someReoffendOrAreRemandedVictimsAreContactedAndOrdersRunTheirCourse() {
        List<GeneratedChild> children = caseload.children();
        double reoffended = share(children, c -> count(c, "RecordOffence") > 1);
        assertThat(reoffended).isBetween(0.12, 0.35);
        assertThat(share(children.stream().filter(GeneratedChild::lookedAfter).toList(), c -> count(c, "RecordOffence") > 1))
                .as("looked-after children reoffend more").isGreaterThan(reoffended);
        long offences = caseload.rows().filter(r -> r.type().equals("RecordOffence")).count();
        long victimOffences = caseload.rows().filter(r -> r.type().equals("RecordOffence"))
                .filter(r -> CaseloadGenerator.WITH_VICTIM.contains((String) r.data().get("offenceCategory"))).count();
        long contacts = caseload.rows().filter(r -> r.type().equals("RecordVictimContact")).count();
        assertThat(contacts / (double) victimOffences).isCloseTo(0.75, within(0.06));
        assertThat(victimOffences / (double) offences).isBetween(0.5, 0.8);
        assertThat(caseload.rows().filter(r -> r.type().equals("StartRemand")).count() / (double) offences).isBetween(0.01, 0.08);
        List<Row> ends = caseload.rows().filter(r -> r.type().equals("EndOrder")).toList();
        assertThat(ends.stream().filter(r -> r.data().get("endReason").equals("COMPLETED")).count() / (double) ends.size())
                .isBetween(0.6, 0.9);
        assertThat(ends).anyMatch(r -> r.data().get("endReason").equals("TRANSFERRED"));
        assertThat(caseload.rows().filter(r -> r.type().equals("CloseCase"))
                .filter(r -> r.data().get("reason").toString().contains("adult"))).isNotEmpty();
        assertThat(caseload.rows().filter(r -> r.type().equals("RecordStatus")).map(r -> (String) r.data().get("point")))
                .contains("START", "END");
        Set<Object> orderTypes = new HashSet<>(caseload.rows().filter(r -> r.type().equals("StartOrder"))
                .map(r -> r.data().get("orderType")).toList());
        assertThat(orderTypes).contains("OUT_OF_COURT_INTERVENTION", "REFERRAL_ORDER", "YOUTH_REHABILITATION_ORDER",
                "DETENTION_AND_TRAINING_ORDER", "SECTION_250_DETENTION");
    }

    @Test
    void restCallsCarryTheIdsInThePath() {
        Row outcome = caseload.rows().filter(r -> r.type().equals("RecordOutcome")).findFirst().orElseThrow();
        RowRequests.Request request = RowRequests.of(outcome);
        assertThat(request.path()).isEqualTo("/api/cases/" + outcome.childId() + "/offences/" + outcome.data().get("offenceId")
                + "/outcome");
        assertThat(request.body()).containsOnlyKeys("code", "date");
        Row registration = caseload.children().get(0).rows().get(0);
        assertThat(RowRequests.of(registration).path()).isEqualTo("/api/cases");
        assertThat(RowRequests.of(registration).body()).containsKey("childId");
    }

    private static void checkOutcome(String what, String code, LocalDate date, LocalDate offenceDate, LocalDate last,
                                     boolean admitted) {
        assertThat(date).as(what).isBetween(offenceDate, last);
        if (CaseloadGenerator.NEEDS_ADMISSION.contains(code)) {
            assertThat(admitted).as(what + " cautioned without an admission").isTrue();
        }
        assertThat(FORMAL.contains(code) || CaseloadGenerator.OUT_OF_COURT.contains(code)).as(what + " " + code).isTrue();
    }

    private static String outcomeCode(Row row) {
        if (row.type().equals("RecordOutcome")) {
            return (String) row.data().get("code");
        }
        if (row.type().equals("RecordOffence") && row.data().get("outcome") instanceof Map<?, ?> outcome) {
            return outcome.get("code").toString();
        }
        return null;
    }

    private static int ageAtFirstOffence(GeneratedChild child) {
        Row first = child.rows().stream().filter(r -> r.type().equals("RecordOffence")).findFirst().orElseThrow();
        return Period.between(child.dateOfBirth(), date(first.data(), "offenceDate")).getYears();
    }

    private static long count(GeneratedChild child, String type) {
        return child.rows().stream().filter(r -> r.type().equals(type)).count();
    }

    private static double share(List<GeneratedChild> children, Predicate<GeneratedChild> which) {
        return children.stream().filter(which).count() / (double) children.size();
    }

    private static LocalDate date(Map<String, Object> data, String field) {
        return LocalDate.parse((String) data.get(field));
    }

    private static String jsonLines(Caseload caseload) throws Exception {
        StringWriter out = new StringWriter();
        JsonLines.write(caseload, out);
        return out.toString();
    }
}
