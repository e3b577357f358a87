package org.openyjs.local.generator;

import java.time.LocalDate;
import java.util.List;

/**
 * A child of the generated caseload with every fact of their history, in the order it happened, and the
 * offences the out-of-court panel dealt with (panel-service's part of the history).
 */
public record GeneratedChild(String childId, String youthJusticeService, String localAuthority, LocalDate dateOfBirth,
                             String sex, String ethnicity, boolean lookedAfter, List<Row> rows, List<PanelCase> panelCases) {
}
