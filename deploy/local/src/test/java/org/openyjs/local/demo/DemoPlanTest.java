package org.openyjs.local.demo;

import org.junit.jupiter.api.Test;
import org.openyjs.local.demo.DemoPlan.Child;
import org.openyjs.local.demo.DemoPlan.Decision;
import org.openyjs.local.demo.DemoPlan.Offence;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo data must be accepted by the services' rules, and be the same every time. */
class DemoPlanTest {

    private static final Set<String> NEEDS_ADMISSION = Set.of("YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION");

    private final DemoPlan plan = DemoPlan.generate();

    @Test
    void isTheSameEveryTime() {
        assertThat(DemoPlan.generate()).isEqualTo(plan);
    }

    @Test
    void hasAboutSixtyChildrenOfBothServices() {
        assertThat(plan.children()).hasSize(60);
        assertThat(plan.children()).extracting(Child::childId).doesNotHaveDuplicates();
        assertThat(plan.children()).extracting(Child::youthJusticeService).containsOnly("leicester-city", "leicestershire");
        assertThat(plan.children()).allMatch(c -> c.localAuthority().equals(
                c.youthJusticeService().equals("leicester-city") ? "Leicester" : "Leicestershire"));
        assertThat(plan.children().get(0).childId()).isEqualTo("demo-city-001");
    }

    @Test
    void everyOffenceIsByAChildOfTenToSeventeenWithinThePeriod() {
        for (Child child : plan.children()) {
            for (Offence offence : child.offences()) {
                assertThat(Period.between(child.dateOfBirth(), offence.offenceDate()).getYears())
                        .as(child.childId() + " " + offence.offenceId()).isBetween(10, 17);
                assertThat(offence.offenceDate()).isBetween(DemoPlanGenerator.FIRST_DAY, DemoPlanGenerator.LAST_DAY);
                assertThat(offence.gravityScore()).isBetween(1, 5);
                if (offence.outcome() != null) {
                    assertThat(offence.outcome().date()).isBetween(offence.offenceDate(), DemoPlanGenerator.LAST_DAY);
                    if (NEEDS_ADMISSION.contains(offence.outcome().code())) {
                        assertThat(offence.admitted()).as(child.childId() + " cautioned without admission").isTrue();
                    }
                }
            }
        }
    }

    @Test
    void isMostlyOutOfCourtWithSomeCourtOrdersAFewCustodialAndSomeReoffending() {
        List<String> outcomes = plan.children().stream().flatMap(c -> c.offences().stream())
                .filter(o -> o.outcome() != null).map(o -> o.outcome().code()).toList();
        long court = outcomes.stream().filter(o -> o.endsWith("_ORDER")).count();
        long custody = outcomes.stream().filter("DETENTION_AND_TRAINING_ORDER"::equals).count();
        System.out.println("Outcomes: " + outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting())));

        assertThat(outcomes.size() - court).isGreaterThan(court);
        assertThat(court).isGreaterThanOrEqualTo(8);
        assertThat(custody).isBetween(3L, 6L);
        assertThat(plan.children().stream().filter(c -> c.offences().size() == 2).count()).isBetween(3L, 20L);
    }

    @Test
    void thePanelDecidesThreeAdmittedOffencesAwaitingAnOutcomeRecordedBeforeItSits() {
        assertThat(plan.panel().panelId()).isEqualTo("demo-panel-2024-01-10");
        assertThat(plan.panel().decisions()).hasSize(3);
        for (Decision decision : plan.panel().decisions()) {
            Child child = plan.children().stream().filter(c -> c.childId().equals(decision.childId())).findFirst().orElseThrow();
            Offence offence = child.offences().stream()
                    .filter(o -> o.offenceId().equals(decision.offenceId())).findFirst().orElseThrow();
            assertThat(offence.outcome()).isNull();
            assertThat(offence.admitted()).isTrue();
            assertThat(offence.offenceDate()).isBefore(plan.panel().meetingDate());
            assertThat(decision.youthJusticeService()).isEqualTo(child.youthJusticeService());
            assertThat(plan.children().indexOf(child)).as("listed early, so the case reaches panel-service first").isLessThan(3);
        }
        assertThat(plan.children().stream().flatMap(c -> c.offences().stream()).filter(o -> o.outcome() == null)).hasSize(3);
        assertThat(plan.panel().meetingDate()).isEqualTo(LocalDate.of(2024, 1, 10));
    }
}
