package org.openyjs.kpi.reoffending;

import org.openyjs.kpi.measure.Counts;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.measure.Selection;
import org.openyjs.kpi.measure.YearOnYear;
import org.openyjs.kpi.rules.CountingRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * The three published reoffending figures of one cohort, as three measures sharing the rule
 * {@code reoffending} (so each has its own figure, year-on-year change, breakdowns, drill-down, RAG and
 * export rows): {@code reoffending-binary} reoffenders / cohort (%, 1 dp, change in percentage points),
 * {@code reoffending-frequency} reoffences / reoffender (2 dp) and {@code reoffending-per-child}
 * reoffences / cohort member (2 dp). A figure is provisional until 18 months after the cohort period.
 */
@Configuration
public class ReoffendingMeasures {

    @Bean
    Measure reoffendingBinary(ReoffendingCohort cohorts) {
        return new ReoffendingMeasure("reoffending-binary", 100, 1, 2, YearOnYear.Convention.PERCENTAGE_POINTS,
                cohorts, c -> Selection.of(c.reoffenders(), c.cohort(), "children in the cohort"),
                s -> new Counts(s.reoffenders(), s.cohort(), "children in the cohort", null));
    }

    @Bean
    Measure reoffendingFrequency(ReoffendingCohort cohorts) {
        return new ReoffendingMeasure("reoffending-frequency", 1, 2, 2, YearOnYear.Convention.RELATIVE_PERCENT,
                cohorts, c -> Selection.of(c.reoffences(), c.reoffenders(), "reoffenders in the cohort"),
                s -> new Counts(s.reoffences(), s.reoffenders(), "reoffenders in the cohort", null));
    }

    @Bean
    Measure reoffendingPerChild(ReoffendingCohort cohorts) {
        return new ReoffendingMeasure("reoffending-per-child", 1, 2, 2, YearOnYear.Convention.RELATIVE_PERCENT,
                cohorts, c -> Selection.of(c.reoffences(), c.cohort(), "children in the cohort"),
                s -> new Counts(s.reoffences(), s.cohort(), "children in the cohort", null));
    }

    record ReoffendingMeasure(String name, int ratePer, int rateScale, int changeScale,
                              YearOnYear.Convention changeConvention, ReoffendingCohort cohorts,
                              Function<ReoffendingCohort.Cohort, Selection> figure,
                              Function<ReoffendingCohort.Sizes, Counts> counted) implements Measure {

        @Override
        public String ruleName() {
            return ReoffendingCohort.RULE;
        }

        @Override
        public LocalDate settlesAfter(ReportingPeriod period) {
            // The default 12 + 6 months: the rule version is not known here; a version changing them says so.
            return ReoffendingCohort.settlesAfter(period, 12, 6);
        }

        @Override
        public Selection selection(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
            return figure.apply(cohorts.of(service, period, rule, recordedBefore));
        }

        @Override
        public Counts counts(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
            // The same cohort as selection(), its sizes alone: now one index row per child, no proving outcomes.
            return counted.apply(cohorts.sizes(service, period, rule, recordedBefore));
        }
    }
}
