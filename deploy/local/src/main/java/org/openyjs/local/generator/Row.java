package org.openyjs.local.generator;

import java.time.LocalDate;
import java.util.Map;

/**
 * One fact of a child's history: an import row ({@code docs/import-format.md}) with the day it happened.
 * {@code data} is the import's data object, ids included, in a stable order.
 *
 * @param restOnly a fact the import does not accept today (remands): sent through the REST API only,
 *                 left out of the JSON Lines
 */
public record Row(String rowId, String type, LocalDate date, Map<String, Object> data, boolean restOnly) {

    public String childId() {
        return (String) data.get("childId");
    }
}
