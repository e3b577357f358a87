package org.openyjs.kpi.measure;

import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/** The query string of every figure endpoint (bound by name; a value that does not parse is a 400 naming it). */
public record FigureParameters(
        @Parameter(description = "youth justice service, e.g. leicester-city; partnership (Leicester City and "
                + "Leicestershire, kpi.partnerships) or a comma-separated list for services together") String service,
        @Parameter(description = "period name instead of from/to: " + ReportingPeriod.NAMES) String period,
        @Parameter(description = "first day, yyyy-MM-dd") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @Parameter(description = "last day (inclusive), yyyy-MM-dd") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        @Parameter(description = "counting rule version; default: the version in force on the period's last day")
        Integer ruleVersion,
        @Parameter(description = "the figure as it stood at the end of this day (only outcomes recorded by then), yyyy-MM-dd")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
}
