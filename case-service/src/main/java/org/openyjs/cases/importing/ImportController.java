package org.openyjs.cases.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.openyjs.cases.importing.ImportJobs.JobView;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.support.web.RequestUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Imports historical case records (JSON Lines, one case event per line: docs/import-format.md) from
 * the system a service is leaving. The file is taken in whole, then recorded in the background:
 * poll the job for progress and the rejected rows. Re-running the same file (same source) records
 * nothing twice. Admin only, at the gateway.
 */
@Tag(name = "Import")
@RestController
@RequestMapping("/cases/imports")
public class ImportController {

    static final String NDJSON = "application/x-ndjson";
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ImportJobs jobs;

    ImportController(ImportJobs jobs) {
        this.jobs = jobs;
    }

    @Operation(summary = "Start importing a JSON Lines file of case events; 202 with the job to poll")
    @PostMapping(consumes = {NDJSON, "text/plain"})
    public ResponseEntity<JobView> start(@RequestParam String source, HttpServletRequest request) throws IOException {
        if (!SOURCE.matcher(source).matches()) {
            throw new DomainRefusal("source", "must be 1 to 64 letters, digits, '.', '-' or '_', e.g. the system's name");
        }
        Path file = Files.createTempFile("case-import-", ".ndjson");
        int lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.newLine();
                if (!line.isBlank()) {
                    lines++;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (lines == 0) {
            Files.deleteIfExists(file);
            throw new DomainRefusal("body", "the file has no lines to import");
        }
        JobView job = jobs.start(source, RequestUser.name().orElse(RecordingMetadata.SYSTEM), file, lines);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/cases/imports/" + job.jobId()))
                .body(job);
    }

    @Operation(summary = "An import job's progress and every row it rejected, with the reason")
    @GetMapping("/{jobId}")
    public JobView progress(@PathVariable UUID jobId) {
        return jobs.find(jobId).orElseThrow(() -> DomainRefusal.notFound("jobId", "no import job " + jobId));
    }
}
