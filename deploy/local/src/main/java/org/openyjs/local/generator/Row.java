package org.openyjs.local.generator;

import java.time.LocalDate;
import java.util.Map;

/**
 * One fact of a child's history: an import row ({@code docs/import-format.md}) with the day it happened.
 * {@code data} is the import's data object, ids included, in a stable order.
 */
public record Row(String rowId, String type, LocalDate date, Map<String, Object> data) {

    public String childId() {
        return (String) data.get("childId");
    }
}
