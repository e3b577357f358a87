package org.openyjs.local.generator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a caseload as the import's JSON Lines (docs/import-format.md): rowId, type and data per line. */
public final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** Writes every row the import accepts; returns how many lines were written. */
    public static long write(Caseload caseload, Writer out) throws IOException {
        long lines = 0;
        for (Row row : (Iterable<Row>) caseload.rows()::iterator) {
            out.write(line(row));
            out.write('\n');
            lines++;
        }
        return lines;
    }

    public static String line(Row row) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("rowId", row.rowId());
        line.put("type", row.type());
        line.put("data", row.data());
        return JSON.writeValueAsString(line);
    }
}
