package org.openyjs.local.demo;

import org.openyjs.local.demo.DemoPlan.Child;
import org.openyjs.local.demo.DemoPlan.Decision;
import org.openyjs.local.demo.DemoPlan.Offence;
import org.openyjs.local.demo.DemoPlan.Outcome;
import org.openyjs.local.demo.DemoPlan.Panel;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A small, plausible caseload for Leicester City and Leicestershire between April 2022 and March 2025:
 * mostly out-of-court outcomes, some court orders and a few detention and training orders, a few
 * children who offend again, and three offences awaiting the joint out-of-court panel.
 */
final class DemoPlanGenerator {

    static final LocalDate FIRST_DAY = LocalDate.of(2022, 4, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 3, 31);

    private static final long SEED = 20240110L;
    private static final int CITY_CHILDREN = 36;
    private static final int COUNTY_CHILDREN = 24;
    // Court outcomes come up to 90 days after the offence; these keep every outcome within LAST_DAY.
    private static final LocalDate LAST_FIRST_OFFENCE = LocalDate.of(2024, 11, 30);
    private static final LocalDate LAST_SECOND_OFFENCE = LocalDate.of(2024, 12, 31);

    private static final Set<String> COURT = Set.of("REFERRAL_ORDER", "YOUTH_REHABILITATION_ORDER", "DETENTION_AND_TRAINING_ORDER");
    private static final Set<String> NEEDS_ADMISSION = Set.of("YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION", "COMMUNITY_RESOLUTION");
    private static final String DTO = "DETENTION_AND_TRAINING_ORDER";

    private static final WeightedChoice AGE = WeightedChoice.of("10 2, 11 3, 12 6, 13 10, 14 16, 15 20, 16 22, 17 21");
    private static final WeightedChoice SEX = WeightedChoice.of("MALE 82, FEMALE 18");
    private static final WeightedChoice FIRST_OUTCOME = WeightedChoice.of("COMMUNITY_RESOLUTION 24, OUTCOME_22 16, "
            + "YOUTH_CAUTION 16, YOUTH_CONDITIONAL_CAUTION 14, REFERRAL_ORDER 14, YOUTH_REHABILITATION_ORDER 10, "
            + "DETENTION_AND_TRAINING_ORDER 5");
    // Children who offend again are more often dealt with in court.
    private static final WeightedChoice REPEAT_OUTCOME = WeightedChoice.of("COMMUNITY_RESOLUTION 5, OUTCOME_22 5, "
            + "YOUTH_CAUTION 5, YOUTH_CONDITIONAL_CAUTION 20, REFERRAL_ORDER 20, YOUTH_REHABILITATION_ORDER 25, "
            + "DETENTION_AND_TRAINING_ORDER 20");
    private static final WeightedChoice OUT_OF_COURT_OFFENCE = WeightedChoice.of("THEFT_AND_HANDLING 30, "
            + "VIOLENCE_AGAINST_THE_PERSON 20, CRIMINAL_DAMAGE 20, PUBLIC_ORDER 15, DRUGS 10, MOTORING 5");
    private static final WeightedChoice COURT_OFFENCE = WeightedChoice.of("VIOLENCE_AGAINST_THE_PERSON 35, "
            + "THEFT_AND_HANDLING 15, ROBBERY 15, DRUGS 15, MOTORING 10, CRIMINAL_DAMAGE 5, PUBLIC_ORDER 5");
    private static final WeightedChoice CUSTODY_OFFENCE = WeightedChoice.of("VIOLENCE_AGAINST_THE_PERSON 40, ROBBERY 40, DRUGS 20");

    /** A youth justice service, its local authority, and a rough ethnic mix of its children. */
    private enum Area {
        CITY("demo-city-", "leicester-city", "Leicester", WeightedChoice.of("WHITE_BRITISH 35, ASIAN_INDIAN 22, "
                + "MIXED_WHITE_BLACK_CARIBBEAN 13, BLACK_CARIBBEAN 10, WHITE_OTHER 10, OTHER_ANY 10")),
        COUNTY("demo-shire-", "leicestershire", "Leicestershire", WeightedChoice.of("WHITE_BRITISH 75, "
                + "ASIAN_INDIAN 8, MIXED_WHITE_BLACK_CARIBBEAN 6, WHITE_OTHER 6, BLACK_CARIBBEAN 2, OTHER_ANY 3"));

        final String idPrefix;
        final String service;
        final String localAuthority;
        final WeightedChoice ethnicity;

        Area(String idPrefix, String service, String localAuthority, WeightedChoice ethnicity) {
            this.idPrefix = idPrefix;
            this.service = service;
            this.localAuthority = localAuthority;
            this.ethnicity = ethnicity;
        }

        String childId(int number) {
            return idPrefix + String.format("%03d", number);
        }
    }

    private final Random random = new Random(SEED);

    DemoPlan plan() {
        List<Child> children = new ArrayList<>();
        // The panel's children come first, so their cases have reached panel-service long before the panel sits.
        Panel panel = new Panel("demo-panel-2024-01-10", LocalDate.of(2024, 1, 10), List.of(
                awaitingPanel(children, Area.CITY, 1, "YOUTH_CONDITIONAL_CAUTION",
                        "Admitted; the victim supports a conditional caution with reparation.",
                        List.of("Attend six reparation sessions", "Write a letter of apology to the victim")),
                awaitingPanel(children, Area.CITY, 2, "OUTCOME_22",
                        "Deferred prosecution: engages with the substance misuse service for 16 weeks.", List.of()),
                awaitingPanel(children, Area.COUNTY, 1, "COMMUNITY_RESOLUTION",
                        "First, low-gravity offence; the victim accepted an apology.", List.of())));
        for (int n = 3; n <= CITY_CHILDREN; n++) {
            children.add(child(Area.CITY, n));
        }
        for (int n = 2; n <= COUNTY_CHILDREN; n++) {
            children.add(child(Area.COUNTY, n));
        }
        return new DemoPlan(List.copyOf(children), panel);
    }

    /** A child whose first offence, in late 2023, waits for the panel's decision. */
    private Decision awaitingPanel(List<Child> children, Area area, int number, String decision, String rationale,
                                   List<String> conditions) {
        LocalDate offenceDate = randomDate(LocalDate.of(2023, 11, 13), LocalDate.of(2023, 12, 18));
        String category = OUT_OF_COURT_OFFENCE.pick(random);
        Offence offence = new Offence("o1", offenceDate, category, 2 + random.nextInt(2), true, null);
        Child child = new Child(area.childId(number), area.service, area.localAuthority,
                birthDate(offenceDate, 13 + random.nextInt(4)), SEX.pick(random), area.ethnicity.pick(random), List.of(offence));
        children.add(child);
        return new Decision(child.childId(), offence.offenceId(), offenceDate, area.service, decision, rationale,
                conditions);
    }

    private Child child(Area area, int number) {
        LocalDate firstDate = randomDate(FIRST_DAY, LAST_FIRST_OFFENCE);
        int age = Integer.parseInt(AGE.pick(random));
        LocalDate dateOfBirth = birthDate(firstDate, age);
        List<Offence> offences = new ArrayList<>();
        Offence first = offence("o1", firstDate, age, FIRST_OUTCOME);
        offences.add(first);
        if (random.nextInt(100) < 25) {
            LocalDate secondDate = first.outcome().date().plusDays(30 + random.nextInt(300));
            int ageThen = Period.between(dateOfBirth, secondDate).getYears();
            if (!secondDate.isAfter(LAST_SECOND_OFFENCE) && ageThen <= 17) {
                offences.add(offence("o2", secondDate, ageThen, REPEAT_OUTCOME));
            }
        }
        return new Child(area.childId(number), area.service, area.localAuthority, dateOfBirth,
                SEX.pick(random), area.ethnicity.pick(random), List.copyOf(offences));
    }

    private Offence offence(String offenceId, LocalDate date, int age, WeightedChoice outcomes) {
        String code = outcomes.pick(random);
        if (code.equals(DTO) && age < 15) {
            code = "YOUTH_REHABILITATION_ORDER"; // custody for a younger child would not be plausible here
        }
        boolean court = COURT.contains(code);
        String category;
        int gravity;
        // Gravity scores run from 1 to 5 in case-service.
        if (code.equals(DTO)) {
            category = CUSTODY_OFFENCE.pick(random);
            gravity = 4 + random.nextInt(2);
        } else if (court) {
            category = COURT_OFFENCE.pick(random);
            gravity = 3 + random.nextInt(2);
        } else {
            category = OUT_OF_COURT_OFFENCE.pick(random);
            gravity = 1 + random.nextInt(3);
        }
        boolean admitted = NEEDS_ADMISSION.contains(code) || random.nextInt(100) < (court ? 70 : 50);
        LocalDate outcomeDate = date.plusDays(court ? 28 + random.nextInt(63) : 10 + random.nextInt(40));
        return new Offence(offenceId, date, category, gravity, admitted, new Outcome(code, outcomeDate));
    }

    /** A birthday that makes the child exactly `age` on the given day. */
    private LocalDate birthDate(LocalDate on, int age) {
        return on.minusYears(age).minusDays(random.nextInt(365));
    }

    private LocalDate randomDate(LocalDate from, LocalDate to) {
        return from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
    }
}
