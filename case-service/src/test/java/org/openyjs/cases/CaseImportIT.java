package org.openyjs.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.RegisterChild;
import org.openyjs.testsupport.TestInfrastructure;
import org.openyjs.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Importing a JSON Lines file of case events on real PostgreSQL and Kafka: counts, reasons, facts, re-runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseImportIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "case_import_it");
        // Reading the imported cases back is the practitioner's; the import itself is the admin's (asAdmin).
        TestTokens.defaultCaller(registry, "pat.practitioner", "PRACTITIONER");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    PlatformTransactionManager transactionManager;

    private static final String STATUS = """
            "accommodation":{"suitable":true,"type":"FAMILY_HOME"},\
            "ete":{"schoolAge":false,"hoursOffered":30,"hoursAttended":16,"status":"PART_TIME","suitable":true},\
            "send":{"identifiedNeed":false,"formalPlan":false},\
            "mentalHealth":{"screenedOrIdentifiedNeed":true,"interventionPlannedOrOffered":true,"attending":true},\
            "substanceMisuse":{"screenedOrIdentifiedNeed":false,"interventionPlannedOrOffered":false,"attending":false},\
            "widerServices":{"lookedAfter":false,"childProtectionPlan":false,"childInNeedPlan":false,"earlyHelp":true}""";

    private static String file(String a, String b, String young) {
        List<String> lines = new ArrayList<>();
        // line 1-8: child a, a whole history
        lines.add(row("r1", "RegisterChild", """
                "childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2006-02-11","sex":"FEMALE",\
                "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester\"""".formatted(a)));
        lines.add(row("r2", "RecordOffence", """
                "childId":"%s","offenceId":"o1","offenceDate":"2021-05-03","offenceCategory":"THEFT_AND_HANDLING",\
                "gravityScore":2,"admitted":true,"outcome":{"code":"YOUTH_CAUTION","date":"2021-06-02"}""".formatted(a)));
        lines.add(row("r3", "RecordOffence", """
                "childId":"%s","offenceId":"o2","offenceDate":"2022-01-10","offenceCategory":"ROBBERY",\
                "gravityScore":4,"admitted":true""".formatted(a)));
        lines.add(row("r4", "RecordOutcome", """
                "childId":"%s","offenceId":"o2","code":"REFERRAL_ORDER","date":"2022-03-01\"""".formatted(a)));
        lines.add(row("r5", "StartOrder", """
                "childId":"%s","orderId":"ro1","orderType":"REFERRAL_ORDER","offenceId":"o2","startDate":"2022-03-01",\
                "plannedEndDate":"2022-09-01\"""".formatted(a)));
        lines.add(row("r6", "EndOrder", """
                "childId":"%s","orderId":"ro1","endDate":"2022-09-01","endReason":"COMPLETED\"""".formatted(a)));
        lines.add(row("r7", "RecordStatus", """
                "childId":"%s","orderId":"ro1","point":"END","assessedOn":"2022-09-01",%s""".formatted(a, STATUS)));
        lines.add(row("r8", "CloseCase", """
                "childId":"%s","on":"2022-10-01","reason":"order completed\"""".formatted(a)));
        // line 9: unknown type
        lines.add(row("r9", "RecordHaircut", """
                "childId":"%s\"""".formatted(a)));
        // line 10: not JSON
        lines.add("{\"rowId\":\"r10\",\"type\":\"RecordOffence\",\"data\":{");
        // line 11-12: a child too young at the offence date
        lines.add(row("r11", "RegisterChild", """
                "childId":"%s","youthJusticeService":"leicestershire","dateOfBirth":"2014-01-01","sex":"MALE",\
                "ethnicity":"ASIAN_INDIAN","localAuthority":"Leicestershire\"""".formatted(young)));
        lines.add(row("r12", "RecordOffence", """
                "childId":"%s","offenceId":"o1","offenceDate":"2022-06-01","offenceCategory":"CRIMINAL_DAMAGE",\
                "admitted":false""".formatted(young)));
        // line 13-14: child b, and an outcome for an offence not on the case
        lines.add(row("r13", "RegisterChild", """
                "childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2007-07-07","sex":"MALE",\
                "ethnicity":"BLACK_CARIBBEAN","localAuthority":"Leicester\"""".formatted(b)));
        lines.add(row("r14", "RecordOutcome", """
                "childId":"%s","offenceId":"nope","code":"YOUTH_CAUTION","date":"2023-01-01\"""".formatted(b)));
        // line 15: a required field missing
        lines.add(row("r15", "RecordOffence", """
                "childId":"%s","offenceId":"o9","offenceCategory":"ROBBERY","admitted":true""".formatted(b)));
        lines.add("");
        return String.join("\n", lines) + "\n";
    }

    private static String row(String rowId, String type, String data) {
        return "{\"rowId\":\"" + rowId + "\",\"type\":\"" + type + "\",\"data\":{" + data + "}}";
    }

    private ResponseEntity<JsonNode> startImport(String source, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-ndjson"));
        headers.setBearerAuth(TestTokens.token("ada.admin", "ADMIN"));
        return http.exchange("/cases/imports?source=" + source, HttpMethod.POST, new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private ResponseEntity<JsonNode> asAdmin(String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(TestTokens.bearer("ada.admin", "ADMIN")),
                JsonNode.class);
    }

    private JsonNode awaitDone(JsonNode started) {
        String location = "/cases/imports/" + started.get("jobId").asText();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = asAdmin(location).getBody();
            return !"RUNNING".equals(last[0].get("state").asText());
        });
        return last[0];
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    private static JsonNode rejection(JsonNode job, int line) {
        return StreamSupport.stream(job.get("rejections").spliterator(), false)
                .filter(r -> r.get("line").asInt() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no rejection for line " + line + " in " + job));
    }

    @Test
    void imports_good_rows_reports_bad_ones_and_records_nothing_twice() {
        String a = "imp-a-" + UUID.randomUUID();
        String b = "imp-b-" + UUID.randomUUID();
        String young = "imp-y-" + UUID.randomUUID();
        String source = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String body = file(a, b, young);

        ResponseEntity<JsonNode> started = startImport(source, body);
        assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getHeaders().getLocation()).hasToString("/cases/imports/" + started.getBody().get("jobId").asText());
        JsonNode job = awaitDone(started.getBody());

        assertThat(job.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("startedBy").asText()).isEqualTo("ada.admin");
        assertThat(job.get("totalLines").asInt()).isEqualTo(15);
        assertThat(job.get("processed").asInt()).isEqualTo(15);
        assertThat(job.get("imported").asInt()).isEqualTo(10);
        assertThat(job.get("skipped").asInt()).isZero();
        assertThat(job.get("rejected").asInt()).isEqualTo(5);

        assertThat(rejection(job, 9).get("field").asText()).isEqualTo("type");
        assertThat(rejection(job, 9).get("reason").asText()).contains("RecordHaircut");
        assertThat(rejection(job, 10).get("rowId").isNull()).isTrue();
        assertThat(rejection(job, 10).get("reason").asText()).contains("not valid JSON");
        assertThat(rejection(job, 12).get("rowId").asText()).isEqualTo("r12");
        assertThat(rejection(job, 12).get("field").asText()).isEqualTo("offenceDate");
        assertThat(rejection(job, 12).get("reason").asText()).contains("aged 10 to 17");
        assertThat(rejection(job, 14).get("field").asText()).isEqualTo("offenceId");
        assertThat(rejection(job, 14).get("reason").asText()).contains("not on this child's case");
        assertThat(rejection(job, 15).get("field").asText()).isEqualTo("offenceDate");

        JsonNode caseA = http.getForObject("/cases/" + a, JsonNode.class);
        assertThat(caseA.get("dateOfBirth").asText()).isEqualTo("2006-02-11");
        assertThat(caseA.get("offences")).hasSize(2);
        assertThat(caseA.get("offences").get(0).get("outcomeCode").asText()).isEqualTo("YOUTH_CAUTION");
        assertThat(caseA.get("offences").get(0).get("outcomeDate").asText()).isEqualTo("2021-06-02");
        assertThat(caseA.get("offences").get(1).get("outcomeCode").asText()).isEqualTo("REFERRAL_ORDER");
        List<String> events = StreamSupport.stream(caseA.get("timeline").spliterator(), false)
                .map(e -> e.get("event").asText()).toList();
        assertThat(events).containsExactly("ChildRegistered", "OffenceRecorded", "OutcomeRecorded", "OffenceRecorded",
                "OutcomeRecorded", "OrderStarted", "OrderEnded", "StatusRecorded", "CaseClosed");
        assertThat(caseA.get("timeline").get(0).get("recordedBy").asText()).isEqualTo("ada.admin");
        // Each imported row is a write to the child's record: audited, by the admin who started the import.
        JsonNode trail = auditTrail("childId=" + a);
        assertThat(StreamSupport.stream(trail.spliterator(), false)
                .filter(e -> "IMPORT".equals(e.get("channel").asText()))
                .map(e -> e.get("action").asText())).containsExactlyInAnyOrder("COMMAND RegisterChild",
                "COMMAND RecordOffence", "COMMAND RecordOffence", "COMMAND RecordOutcome", "COMMAND StartOrder",
                "COMMAND EndOrder", "COMMAND RecordStatus", "COMMAND CloseCase");
        assertThat(trail.findValuesAsText("user")).contains("ada.admin");
        assertThat(http.getForObject("/cases/" + young, JsonNode.class).get("offences")).isEmpty();
        assertThat(http.getForObject("/cases/" + b, JsonNode.class).get("timeline")).hasSize(1);

        // The same file again: every row that was recorded is skipped, the rejected ones are rejected again.
        long before = storedEvents();
        JsonNode again = awaitDone(startImport(source, body).getBody());
        assertThat(again.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(again.get("imported").asInt()).isZero();
        assertThat(again.get("skipped").asInt()).isEqualTo(10);
        assertThat(again.get("rejected").asInt()).isEqualTo(5);
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(http.getForObject("/cases/" + a, JsonNode.class).get("timeline")).hasSize(9);
    }

    @Test
    void a_child_already_registered_with_the_same_facts_is_skipped_and_with_other_facts_rejected() {
        String same = "imp-s-" + UUID.randomUUID();
        String other = "imp-o-" + UUID.randomUUID();
        String register = """
                "childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2009-02-11","sex":"FEMALE",\
                "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester\"""";
        String first = row("x1", "RegisterChild", register.formatted(same)) + "\n"
                + row("x2", "RegisterChild", register.formatted(other)) + "\n";
        assertThat(awaitDone(startImport("src-one", first).getBody()).get("imported").asInt()).isEqualTo(2);

        // Another system's file registers the same child again (same facts) and the other with a different birth date.
        String second = row("y1", "RegisterChild", register.formatted(same)) + "\n"
                + row("y2", "RegisterChild", register.formatted(other).replace("2009-02-11", "2009-03-11")) + "\n";
        JsonNode job = awaitDone(startImport("src-two", second).getBody());
        assertThat(job.get("imported").asInt()).isZero();
        assertThat(job.get("skipped").asInt()).isEqualTo(1);
        assertThat(job.get("rejected").asInt()).isEqualTo(1);
        assertThat(rejection(job, 2).get("field").asText()).isEqualTo("childId");
        assertThat(rejection(job, 2).get("reason").asText()).contains("different facts");
    }

    /**
     * A batch is one unit of work: a child's case is loaded once and its rows' events appended together. A row
     * refused in the middle, and a registration that conflicts only when the events are appended, must still leave
     * every other row of the batch recorded once, in file order.
     */
    @Test
    void a_refused_row_or_a_conflict_at_append_inside_a_batch_leaves_the_other_rows_recorded_in_order() {
        String child = "imp-batch-" + UUID.randomUUID();
        String registeredBefore;
        do { // on the same import worker as the child (4 workers, by child id), so likely in the same batch
            registeredBefore = "imp-pre-" + UUID.randomUUID();
        } while (Math.floorMod(registeredBefore.hashCode(), 4) != Math.floorMod(child.hashCode(), 4));
        String register = """
                "childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2007-02-11","sex":"FEMALE",\
                "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester\"""";
        assertThat(awaitDone(startImport("src-pre-" + UUID.randomUUID(), row("p1", "RegisterChild",
                register.formatted(registeredBefore)) + "\n").getBody()).get("imported").asInt()).isEqualTo(1);
        List<String> lines = new ArrayList<>();
        lines.add(row("b1", "RegisterChild", register.formatted(child)));
        for (int i = 1; i <= 6; i++) {
            lines.add(row("b-o" + i, "RecordOffence", """
                    "childId":"%s","offenceId":"o%d","offenceDate":"2022-01-%02d","offenceCategory":"THEFT_AND_HANDLING",\
                    "gravityScore":2,"admitted":true""".formatted(child, i, i + 10)));
            if (i == 3) {
                // refused by the case: no such offence; the rows after it are the same child's
                lines.add(row("b-bad", "RecordOutcome", """
                        "childId":"%s","offenceId":"nope","code":"YOUTH_CAUTION","date":"2022-02-01\"""".formatted(child)));
                // the same facts as a child already registered: conflicts only when appended, then skipped
                lines.add(row("b-dup", "RegisterChild", register.formatted(registeredBefore)));
            }
        }
        lines.add(row("b-out", "RecordOutcome", """
                "childId":"%s","offenceId":"o6","code":"YOUTH_CAUTION","date":"2022-03-01\"""".formatted(child)));
        JsonNode job = awaitDone(startImport("src-batch-" + UUID.randomUUID(), String.join("\n", lines) + "\n").getBody());

        assertThat(job.get("imported").asInt()).as("%s", job).isEqualTo(8);
        assertThat(job.get("skipped").asInt()).isEqualTo(1);
        assertThat(job.get("rejected").asInt()).isEqualTo(1);
        assertThat(rejection(job, 5).get("rowId").asText()).isEqualTo("b-bad");
        List<String> events = StreamSupport.stream(http.getForObject("/cases/" + child, JsonNode.class).get("timeline")
                .spliterator(), false).map(e -> e.get("event").asText()).toList();
        assertThat(events).containsExactly("ChildRegistered", "OffenceRecorded", "OffenceRecorded", "OffenceRecorded",
                "OffenceRecorded", "OffenceRecorded", "OffenceRecorded", "OutcomeRecorded");
        assertThat(jdbc.sql("SELECT array_agg(sequencenumber ORDER BY sequencenumber)::text FROM domainevententry "
                + "WHERE aggregateidentifier = :id").param("id", child).query(String.class).single())
                .isEqualTo("{0,1,2,3,4,5,6,7}");
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", registeredBefore).query(Long.class).single()).isEqualTo(1);
    }

    /** What the importer's exactly-once rests on: a command's events commit (or not) with the caller's transaction. */
    @Test
    void a_command_sent_inside_a_transaction_is_rolled_back_with_it() {
        String child = "imp-tx-" + UUID.randomUUID();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            commands.sendAndWait(new RegisterChild(child, "leicester-city", LocalDate.of(2009, 1, 1), "MALE",
                    "WHITE_BRITISH", "Leicester"));
            jdbc.sql("INSERT INTO case_import_row (source, row_id, result, job_id, line_number) "
                    + "VALUES ('tx-test', :row, 'IMPORTED', :job, 1)").param("row", child).param("job", UUID.randomUUID())
                    .update();
            status.setRollbackOnly(); // as if the process died before the commit
        });
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", child).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM case_import_row WHERE row_id = :id")
                .param("id", child).query(Long.class).single()).isZero();
    }

    @Test
    void a_bad_request_is_a_problem_not_a_job() {
        ResponseEntity<JsonNode> badSource = startImport("no spaces!", row("z", "RegisterChild", "") + "\n");
        assertThat(badSource.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badSource.getBody().toString()).contains("source");
        assertThat(startImport("empty", "\n\n").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(asAdmin("/cases/imports/" + UUID.randomUUID()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** The admin's view of the audit trail (information governance: not the practitioner's). */
    private JsonNode auditTrail(String query) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Authenticated-User", "ada.admin");
        headers.set("X-Authenticated-Roles", "ADMIN");
        return http.exchange("/audit/case-access?" + query, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class)
                .getBody();
    }
}
