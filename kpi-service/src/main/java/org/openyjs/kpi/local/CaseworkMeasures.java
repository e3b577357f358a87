package org.openyjs.kpi.local;

import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.measure.CountedInSql;
import org.openyjs.kpi.measure.Counts;
import org.openyjs.kpi.measure.FigureCounts;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.PerPopulation;
import org.openyjs.kpi.measure.Proportion;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.measure.Selection;
import org.openyjs.kpi.measure.YearOnYear;
import org.openyjs.kpi.readmodel.CaseFacts;
import org.openyjs.kpi.readmodel.CaseFacts.Release;
import org.openyjs.kpi.readmodel.CaseFacts.Remand;
import org.openyjs.kpi.readmodel.CaseFacts.Sentenced;
import org.openyjs.kpi.readmodel.CaseFacts.Visited;
import org.openyjs.kpi.readmodel.ServiceScope;
import org.openyjs.kpi.reference.ReferenceFigure;
import org.openyjs.kpi.reference.ReferenceFigures;
import org.openyjs.kpi.rules.CountingRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local measures of the seeds that need the later contracts: remands, home visits, resettlement, PSR
 * quality and congruence, QA reviews, the national-standards self-assessment, looked-after children known to
 * the service and caseload. Each rule's definition (table counting_rule) says how it is interpreted.
 */
@Configuration
public class CaseworkMeasures {

    /** Remands that began in the period; the numerator is the count, the rate per 1,000 of the 10-17 population. */
    @Bean
    Measure remands(CaseFacts cases) {
        return new PerPopulation("remands", "remands", 1_000, 2, (service, period, rule, cut) ->
                cases.remandsStarted(service, rule.listParameter("remandTypes"), period.from(), period.to(), cut)
                        .stream().map(Remand::unit).toList());
    }

    @Bean
    Measure remandsNotSentencedToCustody(CaseFacts cases) {
        return new Proportion<Remand>("remands-not-sentenced-to-custody", "remands-not-sentenced-to-custody",
                "remands ended in the period", Dimension.CHILD,
                (service, period, rule, cut) -> cases.remandsEnded(service, rule.outcomeCodes(),
                        rule.intParameter("waitDays", 28), period.from(), period.to(), cut),
                r -> true, r -> !r.sentencedToCustody(), Remand::unit);
    }

    @Bean
    Measure homeVisitAfterCourt(CaseFacts cases) {
        String unit = "court outcomes starting supervision in the period";
        Measure listed = new Proportion<Visited>("home-visit-after-court", "home-visit-after-court", unit,
                Dimension.CHILD,
                (service, period, rule, cut) -> cases.courtOutcomesWithHomeVisits(service, rule.outcomeCodes(),
                        withinDays(rule), zone(rule), period.from(), period.to(), cut),
                v -> true, Visited::inTime, Visited::unit);
        // A figure alone: the same outcomes and visits counted in SQL, ~9,000 outcomes a service-year.
        return new CountedInSql(listed, (service, period, rule, cut) -> {
            long[] counts = cases.courtOutcomeHomeVisitCounts(service, rule, withinDays(rule), zone(rule),
                    period.from(), period.to(), cut);
            return new Counts(counts[1], counts[0], unit, null);
        });
    }

    @Bean
    Measure resettlementAccommodationReferral(CaseFacts cases) {
        return new Proportion<LocalMeasures.Timed>("resettlement-accommodation-referral",
                "resettlement-accommodation-referral", "releases from custody in the period", Dimension.CHILD,
                (service, period, rule, cut) -> {
                    int monthsBefore = rule.intParameter("monthsBefore", 3);
                    return cases.releases(service, rule.listParameter("releaseTypes"), period.from(), period.to(), cut)
                            .stream().map(r -> new LocalMeasures.Timed(r.unit(), referredInTime(r, monthsBefore)))
                            .toList();
                },
                r -> true, LocalMeasures.Timed::inTime, LocalMeasures.Timed::unit);
    }

    @Bean
    Measure psrQuality(CaseFacts cases) {
        return rated("psr-quality", "pre-sentence report audits in the period", cases);
    }

    @Bean
    Measure psrCongruence(CaseFacts cases) {
        String unit = "sentences in the period with a pre-sentence report";
        Measure listed = new Proportion<Sentenced>("psr-congruence", "psr-congruence", unit, Dimension.CHILD,
                (service, period, rule, cut) -> cases.sentencesWithReports(service, rule.outcomeCodes(), period.from(),
                        period.to(), cut),
                s -> true, s -> s.unit().outcomeCode().equals(s.proposedOutcomeCode()), Sentenced::unit);
        // A figure alone: the same sentences and reports counted in SQL (each sentence's report is still looked up).
        return new CountedInSql(listed, (service, period, rule, cut) -> {
            long[] counts = cases.sentenceWithReportCounts(service, rule, period.from(), period.to(), cut);
            return new Counts(counts[1], counts[0], unit, null);
        });
    }

    @Bean
    Measure qaReviews(CaseFacts cases) {
        return rated("qa-reviews", "quality assurance reviews in the period", cases);
    }

    /** The share of the sample rated good or outstanding, and the band the rule puts it in. */
    @Bean
    Measure nationalStandards(CaseFacts cases) {
        Measure share = rated("national-standards", "national standards sample audits in the period", cases);
        return new Banded(share);
    }

    @Bean
    Measure lookedAfterKnown(CaseFacts cases, ReferenceFigures figures, ServiceScope scope) {
        EnteredFigure<Entered> children = (service, period) -> {
            Optional<BigDecimal> entered = figures.on(ReferenceFigure.Kind.LOOKED_AFTER_CHILDREN,
                    scope.services(service), period.to());
            return new Entered(entered.map(BigDecimal::longValue).orElse(null), entered.isPresent()
                    ? "looked-after children of the local authority (entered)"
                    : "looked-after children of the local authority not entered for " + period.to() + ":");
        };
        return new OfEnteredFigure("looked-after-known", 100, 1, YearOnYear.Convention.PERCENTAGE_POINTS,
                (service, period, rule, cut) -> {
                    Entered entered = children.of(service, period);
                    return Selection.ofFigure(cases.lookedAfterOn(service, period.to(), cut), entered.value(),
                            entered.unit());
                },
                // A figure alone counts the same children in SQL rather than loading every one.
                (service, period, rule, cut) -> {
                    Entered entered = children.of(service, period);
                    return Counts.ofFigure(cases.lookedAfterCount(service, period.to(), cut), entered.value(),
                            entered.unit());
                });
    }

    /** Open cases at the period's end per practitioner FTE: the denominator is the FTE in hundredths. */
    @Bean
    Measure caseload(CaseFacts cases, ReferenceFigures figures, ServiceScope scope) {
        EnteredFigure<Entered> fteOn = (service, period) -> {
            Optional<BigDecimal> fte = figures.on(ReferenceFigure.Kind.PRACTITIONER_FTE, scope.services(service),
                    period.to());
            return new Entered(fte.map(f -> f.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValue()).orElse(null),
                    fte.map(f -> "hundredths of a practitioner FTE (FTE " + f.stripTrailingZeros().toPlainString()
                            + "):").orElse("practitioner FTE not entered for " + period.to() + ":"));
        };
        return new OfEnteredFigure("caseload", 100, 1, YearOnYear.Convention.RELATIVE_PERCENT,
                (service, period, rule, cut) -> {
                    Entered fte = fteOn.of(service, period);
                    return Selection.ofFigure(cases.openCases(service, period.to(), cut), fte.value(), fte.unit());
                },
                // A figure alone counts the same open cases in SQL rather than loading every one.
                (service, period, rule, cut) -> {
                    Entered fte = fteOn.of(service, period);
                    return Counts.ofFigure(cases.openCaseCount(service, period.to(), cut), fte.value(), fte.unit());
                });
    }

    /**
     * Measured against the expected release the referral had to beat (an early release does not make a timely
     * referral late); without one, the release day.
     */
    private static boolean referredInTime(Release r, int monthsBefore) {
        LocalDate release = r.expectedReleaseDate() == null ? r.unit().outcomeDate() : r.expectedReleaseDate();
        return r.firstReferral() != null && !r.firstReferral().isAfter(release.minusMonths(monthsBefore));
    }

    /** Audits of the rule's subjects dated in the period; counted when rated one of the rule's goodRatings. */
    private static Measure rated(String name, String unit, CaseFacts cases) {
        return new Proportion<LocalMeasures.Timed>(name, name, unit, Dimension.CHILD,
                (service, period, rule, cut) -> {
                    List<String> good = rule.listParameter("goodRatings");
                    return cases.audits(service, rule.listParameter("subjects"), period.from(), period.to(), cut)
                            .stream().map(a -> new LocalMeasures.Timed(a, a.outcomeCode() != null
                                    && good.contains(a.outcomeCode()))).toList();
                },
                a -> true, LocalMeasures.Timed::inTime, LocalMeasures.Timed::unit);
    }

    private static int withinDays(CountingRule rule) {
        return rule.intParameter("withinDays", 1);
    }

    private static String zone(CountingRule rule) {
        Object zone = rule.parameters().get("zone");
        return zone == null ? "Europe/London" : zone.toString();
    }

    /** What a measure over an entered denominator selects. */
    @FunctionalInterface
    interface FigureSelection {
        Selection of(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore);
    }

    /** A denominator entered (null: not entered) and what it is. */
    record Entered(Long value, String unit) {
    }

    /** The figure entered for a service and period, and what it is. */
    @FunctionalInterface
    interface EnteredFigure<T> {
        T of(String service, ReportingPeriod period);
    }

    /**
     * A measure whose denominator is a figure an admin entered; no breakdowns (nothing to split it by). Counts: null
     * to count the selection's units.
     */
    record OfEnteredFigure(String name, int ratePer, int rateScale, YearOnYear.Convention changeConvention,
                           FigureSelection figure, FigureCounts counts) implements Measure {

        OfEnteredFigure(String name, int ratePer, int rateScale, YearOnYear.Convention changeConvention,
                        FigureSelection figure) {
            this(name, ratePer, rateScale, changeConvention, figure, null);
        }

        @Override
        public Counts counts(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
            return counts == null ? Measure.super.counts(service, period, rule, recordedBefore)
                    : counts.of(service, period, rule, recordedBefore);
        }

        @Override
        public List<Dimension> dimensions() {
            return List.of();
        }

        @Override
        public Selection selection(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
            return figure.of(service, period, rule, recordedBefore);
        }
    }

    /** A proportion with the band its rule's {@code bands} put the unrounded share in (first band it reaches). */
    record Banded(Measure share) implements Measure {

        @Override
        public String name() {
            return share.name();
        }

        @Override
        public String ruleName() {
            return share.ruleName();
        }

        @Override
        public int ratePer() {
            return share.ratePer();
        }

        @Override
        public int rateScale() {
            return share.rateScale();
        }

        @Override
        public int changeScale() {
            return share.changeScale();
        }

        @Override
        public YearOnYear.Convention changeConvention() {
            return share.changeConvention();
        }

        @Override
        public List<Dimension> dimensions() {
            return share.dimensions();
        }

        @Override
        public Selection selection(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
            return share.selection(service, period, rule, recordedBefore);
        }

        @Override
        public Counts counts(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
            return share.counts(service, period, rule, recordedBefore);
        }

        @Override
        public String band(BigDecimal exactRate, CountingRule rule) {
            if (exactRate == null || !(rule.parameters().get("bands") instanceof List<?> bands)) {
                return null;
            }
            // The bands are whole percentages: 79.9% is still Good, 64.9% Requires Improvement.
            BigDecimal floored = exactRate.setScale(0, RoundingMode.FLOOR);
            for (Object band : bands) {
                if (band instanceof Map<?, ?> b && b.get("from") instanceof Number from
                        && floored.compareTo(BigDecimal.valueOf(from.longValue())) >= 0) {
                    return String.valueOf(b.get("band"));
                }
            }
            return null;
        }
    }
}
