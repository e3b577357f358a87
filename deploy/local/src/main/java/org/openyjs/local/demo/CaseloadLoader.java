package org.openyjs.local.demo;

import org.openyjs.local.generator.Caseload;
import org.openyjs.local.generator.GeneratedChild;
import org.openyjs.local.generator.Row;
import org.openyjs.local.generator.RowRequests;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads a generated caseload through the gateway's REST API as a practitioner would, row by row, each
 * with its row id as the Idempotency-Key (a retried row records nothing twice). A child already
 * registered (409) was loaded by an earlier run and is skipped whole.
 */
public final class CaseloadLoader {

    /** What a load did: children loaded or skipped, rows recorded, and rows refused (with the first refusal). */
    public record Result(int children, int skippedChildren, int rows, int refused, String firstRefusal) {
    }

    private final GatewayClient gateway;
    private final Consumer<String> progress;

    public CaseloadLoader(GatewayClient gateway, Consumer<String> progress) {
        this.gateway = gateway;
        this.progress = progress;
    }

    public Result load(Caseload caseload, String practitionerToken) throws IOException, InterruptedException {
        int loaded = 0;
        int skipped = 0;
        int rows = 0;
        int refused = 0;
        String firstRefusal = null;
        int total = caseload.children().size();
        for (int i = 0; i < total; i++) {
            GeneratedChild child = caseload.children().get(i);
            for (Row row : child.rows()) {
                RowRequests.Request request = RowRequests.of(row);
                GatewayClient.Response response = gateway.post(practitionerToken, request.path(), request.body(),
                        Map.of("Idempotency-Key", row.rowId()));
                if (row.type().equals("RegisterChild") && response.status() == 409) {
                    skipped++;
                    break;
                }
                if (response.isSuccess()) {
                    rows++;
                } else {
                    refused++;
                    if (firstRefusal == null) {
                        firstRefusal = row.rowId() + " " + row.type() + ": HTTP " + response.status() + " " + response.body();
                    }
                }
            }
            loaded++;
            if ((i + 1) % 50 == 0 || i + 1 == total) {
                progress.accept("Generated history: " + (i + 1) + "/" + total + " children");
            }
        }
        return new Result(loaded - skipped, skipped, rows, refused, firstRefusal);
    }
}
