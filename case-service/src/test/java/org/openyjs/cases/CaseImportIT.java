package org.openyjs.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openyjs.cases.api.CaseCommands.RegisterChild;
import org.openyjs.events.Topics;
import org.openyjs.testsupport.KafkaTopics;
import org.openyjs.testsupport.TestInfrastructure;
import org.openyjs.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Importing a JSON Lines file of case events on real PostgreSQL and Kafka: counts, reasons, facts, re-runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseImportIT {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

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
        JsonNode trail = AuditTrail.read(http, "childId=" + a);
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

    @Test
    void a_historical_case_keeps_the_day_it_opened() {
        String opened = "imp-open-" + UUID.randomUUID();
        String today = "imp-today-" + UUID.randomUUID();
        String register = """
                "childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2007-02-11","sex":"FEMALE",\
                "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester\"""";
        String file = row("h1", "RegisterChild", register.formatted(opened) + ",\"openedOn\":\"2021-05-04\"") + "\n"
                + row("h2", "RegisterChild", register.formatted(today)) + "\n"
                + row("h3", "RegisterChild", register.formatted("imp-future-" + UUID.randomUUID())
                        + ",\"openedOn\":\"" + LocalDate.now(LONDON).plusDays(2) + "\"") + "\n";
        JsonNode job = awaitDone(startImport("src-opened", file).getBody());
        assertThat(job.get("imported").asInt()).isEqualTo(2);
        assertThat(rejection(job, 3).get("field").asText()).isEqualTo("openedOn");

        assertThat(http.getForObject("/cases/" + opened, JsonNode.class).get("openedOn").asText()).isEqualTo("2021-05-04");
        assertThat(http.getForObject("/cases/" + today, JsonNode.class).get("openedOn").asText())
                .as("no opening day given: the day it was recorded").isEqualTo(LocalDate.now(LONDON).toString());

        // Another source: the same child without an opening day is the same fact; with another day it is not.
        String again = row("k1", "RegisterChild", register.formatted(opened)) + "\n"
                + row("k2", "RegisterChild", register.formatted(opened) + ",\"openedOn\":\"2021-06-04\"") + "\n";
        JsonNode second = awaitDone(startImport("src-opened-again", again).getBody());
        assertThat(second.get("skipped").asInt()).isEqualTo(1);
        assertThat(rejection(second, 2).get("reason").asText()).contains("different facts");
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

    private static final String FAMILY_NAME = "Quillfeather";
    private static final String VICTIM_NAME = "Marchbanks";

    /** One row of every type added after the first ones, on two children whose histories they fit. */
    private static List<String> everyLaterType(String c, String p) {
        List<String> lines = new ArrayList<>();
        // c: arrest, court, a referral order, custody (a history that ends at 17.5)
        lines.add(row("c01", "RegisterChild", """
                "childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2005-06-01","sex":"MALE",\
                "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester\"""".formatted(c)));
        lines.add(row("c02", "RecordPersonalDetails", """
                "childId":"%s","givenName":"Tom","familyName":"%s","address":{"line1":"1 High Street","town":"Leicester"}\
                """.formatted(c, FAMILY_NAME)));
        lines.add(row("c03", "RecordArrest", """
                "childId":"%s","arrestId":"a1","arrestedAt":"2021-03-02T21:15:00Z","heldOvernight":true""".formatted(c)));
        lines.add(row("c04", "AllocateWorker", """
                "childId":"%s","arrestId":"a1","worker":"wendy.worker","allocatedAt":"2021-03-02T22:00:00Z\"""".formatted(c)));
        lines.add(row("c05", "RecordPaceTransfer", """
                "childId":"%s","arrestId":"a1","provided":true""".formatted(c)));
        lines.add(row("c06", "RecordArrestResult", """
                "childId":"%s","arrestId":"a1","result":"CHARGED\"""".formatted(c)));
        lines.add(row("c07", "RecordOffence", """
                "childId":"%s","offenceId":"o1","offenceDate":"2021-03-02","offenceCategory":"ROBBERY",\
                "gravityScore":4,"admitted":true""".formatted(c)));
        lines.add(row("c08", "RecordVictimDetails", """
                "childId":"%s","victimId":"v1","offenceId":"o1","name":"%s","contactDetails":{"phone":"0116 496 0000"}\
                """.formatted(c, VICTIM_NAME)));
        lines.add(row("c09", "StartRemand", """
                "childId":"%s","remandId":"rm1","offenceId":"o1","remandType":"LOCAL_AUTHORITY_ACCOMMODATION",\
                "startDate":"2021-03-03\"""".formatted(c)));
        lines.add(row("c10", "EndRemand", """
                "childId":"%s","remandId":"rm1","endDate":"2021-04-01\"""".formatted(c)));
        lines.add(row("c11", "RequestPreSentenceReport", """
                "childId":"%s","offenceId":"o1","requestedOn":"2021-04-02\"""".formatted(c)));
        lines.add(row("c12", "SubmitPreSentenceReport", """
                "childId":"%s","offenceId":"o1","submittedOn":"2021-04-20","proposedOutcomeCode":"REFERRAL_ORDER",\
                "qualityAssured":true""".formatted(c)));
        lines.add(row("c13", "RecordOutcome", """
                "childId":"%s","offenceId":"o1","code":"REFERRAL_ORDER","date":"2021-05-01\"""".formatted(c)));
        lines.add(row("c14", "CorrectOutcome", """
                "childId":"%s","offenceId":"o1","code":"REFERRAL_ORDER","date":"2021-05-03",\
                "reason":"the sentence date was keyed wrongly\"""".formatted(c)));
        lines.add(row("c15", "RecordHomeVisit", """
                "childId":"%s","offenceId":"o1","visitedAt":"2021-05-03T15:00:00Z\"""".formatted(c)));
        lines.add(row("c16", "StartOrder", """
                "childId":"%s","orderId":"ro1","orderType":"REFERRAL_ORDER","offenceId":"o1","startDate":"2021-05-03\"\
                """.formatted(c)));
        lines.add(row("c17", "RecordReferralOrderPanel", """
                "childId":"%s","orderId":"ro1","panelType":"INITIAL","heldOn":"2021-05-20\"""".formatted(c)));
        lines.add(row("c18", "RecordInterventionPlan", """
                "childId":"%s","orderId":"ro1","agreedOn":"2021-05-20","coProducedWithChild":true""".formatted(c)));
        lines.add(row("c19", "RecordOrderContact", """
                "childId":"%s","orderId":"ro1","contactOn":"2021-06-01","contactType":"FACE_TO_FACE","attended":true\
                """.formatted(c)));
        lines.add(row("c20", "RecordChildReviewMeeting", """
                "childId":"%s","orderId":"ro1","heldOn":"2021-07-01","childAttended":true""".formatted(c)));
        lines.add(row("c21", "RecordBreach", """
                "childId":"%s","orderId":"ro1","breachedOn":"2021-08-01\"""".formatted(c)));
        lines.add(row("c22", "StartOrder", """
                "childId":"%s","orderId":"dto1","orderType":"DETENTION_AND_TRAINING_ORDER","startDate":"2021-09-01\"\
                """.formatted(c)));
        lines.add(row("c23", "AdmitToCustody", """
                "childId":"%s","orderId":"dto1","establishmentType":"YOI","admittedOn":"2021-09-01",\
                "expectedReleaseDate":"2022-03-01\"""".formatted(c)));
        lines.add(row("c24", "AllocateYouthAdvocate", """
                "childId":"%s","orderId":"dto1","on":"2021-09-02\"""".formatted(c)));
        lines.add(row("c25", "MakeAccommodationReferral", """
                "childId":"%s","orderId":"dto1","on":"2021-11-15\"""".formatted(c)));
        lines.add(row("c26", "RecordTemporaryRelease", """
                "childId":"%s","orderId":"dto1","leftOn":"2021-12-24","returnedOn":"2021-12-27\"""".formatted(c)));
        lines.add(row("c27", "RecordTransitionDecision", """
                "childId":"%s","decidedOn":"2022-12-01","decision":"REMAIN_WITH_YOUTH_JUSTICE\"""".formatted(c)));
        // p: prevention work, feedback, closure, and the check a year later
        lines.add(row("p01", "RegisterChild", """
                "childId":"%s","youthJusticeService":"leicestershire","dateOfBirth":"2008-01-01","sex":"FEMALE",\
                "ethnicity":"ASIAN_INDIAN","localAuthority":"Leicestershire\"""".formatted(p)));
        lines.add(row("p02", "RecordPreventionReferral", """
                "childId":"%s","referralId":"pr1","referredOn":"2021-01-10","source":"SCHOOL","consent":"PENDING\"\
                """.formatted(p)));
        lines.add(row("p03", "RecordPreventionConsent", """
                "childId":"%s","referralId":"pr1","consent":"GIVEN","decidedOn":"2021-01-20\"""".formatted(p)));
        lines.add(row("p04", "StartOrder", """
                "childId":"%s","orderId":"pv1","orderType":"PREVENTION_INTERVENTION","startDate":"2021-02-01\"\
                """.formatted(p)));
        lines.add(row("p05", "EndOrder", """
                "childId":"%s","orderId":"pv1","endDate":"2021-06-01","endReason":"COMPLETED\"""".formatted(p)));
        lines.add(row("p06", "RecordFeedback", """
                "childId":"%s","respondent":"PARENT_CARER","rating":5,"comment":"helpful","givenOn":"2021-06-02\"\
                """.formatted(p)));
        lines.add(row("p07", "CloseCase", """
                "childId":"%s","on":"2021-06-10","reasonCode":"PREVENTION_COMPLETED","reason":"work completed\"\
                """.formatted(p)));
        lines.add(row("p08", "RecordPostClosureCheck", """
                "childId":"%s","checkedOn":"2022-06-10","furtherInvolvement":false""".formatted(p)));
        return lines;
    }

    private static List<String> timeline(JsonNode caseView) {
        return StreamSupport.stream(caseView.get("timeline").spliterator(), false).map(e -> e.get("event").asText())
                .toList();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void every_fact_a_practitioner_records_imports_once_and_personal_data_only_encrypted(CapturedOutput output) {
        String c = "imp-c-" + UUID.randomUUID();
        String p = "imp-p-" + UUID.randomUUID();
        String source = "later-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = everyLaterType(c, p);
        String body = String.join("\n", lines) + "\n";

        JsonNode job = awaitDone(startImport(source, body).getBody());
        assertThat(job.get("rejections")).as("%s", job).isEmpty();
        assertThat(job.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("imported").asInt()).isEqualTo(lines.size());

        JsonNode caseC = http.getForObject("/cases/" + c, JsonNode.class);
        assertThat(timeline(caseC)).containsExactly("ChildRegistered", "PersonalDetailsRecorded", "ArrestRecorded",
                "WorkerAllocated", "PaceTransferRecorded", "ArrestResultRecorded", "OffenceRecorded",
                "VictimDetailsRecorded", "RemandStarted", "RemandEnded", "PreSentenceReportRequested",
                "PreSentenceReportSubmitted", "OutcomeRecorded", "OutcomeCorrected", "HomeVisitRecorded", "OrderStarted",
                "ReferralOrderPanelHeld", "InterventionPlanRecorded", "OrderContactRecorded", "ChildReviewMeetingHeld",
                "BreachRecorded", "OrderStarted", "CustodyEntered", "YouthAdvocateAllocated", "AccommodationReferralMade",
                "TemporaryReleaseRecorded", "TransitionDecisionRecorded");
        assertThat(caseC.get("allocatedWorker").asText()).isEqualTo("wendy.worker");
        assertThat(caseC.get("transitionDecision").get("decision").asText()).isEqualTo("REMAIN_WITH_YOUTH_JUSTICE");
        assertThat(caseC.get("timeline").findValuesAsText("recordedBy")).containsOnly("ada.admin");
        JsonNode caseP = http.getForObject("/cases/" + p, JsonNode.class);
        assertThat(timeline(caseP)).containsExactly("ChildRegistered", "PreventionReferralRecorded",
                "PreventionConsentRecorded", "OrderStarted", "OrderEnded", "FeedbackRecorded", "CaseClosed",
                "PostClosureCheckRecorded");

        // The sealed details are the child's, readable through their endpoints as if recorded over REST...
        HttpHeaders practitioner = TestTokens.bearer("pat.practitioner", "PRACTITIONER");
        practitioner.set("X-Access-Reason", "Checking the imported record");
        assertThat(http.exchange("/cases/" + c + "/personal-details", HttpMethod.GET, new HttpEntity<>(practitioner),
                JsonNode.class).getBody().get("familyName").asText()).isEqualTo(FAMILY_NAME);
        HttpHeaders victimOfficer = TestTokens.bearer("vic.officer", "VICTIM_OFFICER");
        victimOfficer.set("X-Access-Reason", "Checking the imported record");
        assertThat(http.exchange("/cases/" + c + "/victims/v1", HttpMethod.GET, new HttpEntity<>(victimOfficer),
                JsonNode.class).getBody().get("name").asText()).isEqualTo(VICTIM_NAME);
        // ... still for the victim officer only.
        assertThat(http.exchange("/cases/" + c + "/victims", HttpMethod.GET, new HttpEntity<>(practitioner),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // The handlers and the audit saw the sealed commands, the very ones the REST API sends.
        assertThat(StreamSupport.stream(AuditTrail.read(http, "childId=" + c).spliterator(), false)
                .filter(e -> "IMPORT".equals(e.get("channel").asText())).map(e -> e.get("action").asText()))
                .contains("COMMAND RecordPersonalDetails", "COMMAND RecordVictimDetails", "COMMAND StartRemand")
                .hasSize(27);
        // ... and nowhere in clear: not in the event store, not on Kafka, not in the logs.
        List<byte[]> stored = jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier = :child")
                .param("child", c).query(byte[].class).list();
        assertThat(stored).hasSize(27)
                .noneMatch(payload -> new String(payload, StandardCharsets.UTF_8).contains(FAMILY_NAME))
                .noneMatch(payload -> new String(payload, StandardCharsets.UTF_8).contains(VICTIM_NAME));
        // ChildRegistered, the arrest and its three follow-ups, offence, remand start and end, report submitted,
        // outcome, correction, home visit, two orders, custody, accommodation referral: the rest stays in case-service.
        assertThat(KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(), Topics.CASE_EVENTS, c, 16,
                Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .hasSize(16)
                .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(FAMILY_NAME))
                .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(VICTIM_NAME));
        assertThat(output.getOut()).as("the import was logged").contains(job.get("jobId").asText());
        assertThat(output.getAll()).doesNotContain(FAMILY_NAME).doesNotContain(VICTIM_NAME);

        // The same file again: every row is skipped, nothing new is recorded.
        long before = storedEvents();
        JsonNode again = awaitDone(startImport(source, body).getBody());
        assertThat(again.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(again.get("imported").asInt()).isZero();
        assertThat(again.get("rejected").asInt()).isZero();
        assertThat(again.get("skipped").asInt()).isEqualTo(lines.size());
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(timeline(http.getForObject("/cases/" + c, JsonNode.class))).hasSize(27);
    }

    @Test
    void a_bad_row_of_every_later_type_is_rejected_naming_its_field() {
        String c = "imp-bad-" + UUID.randomUUID();
        // type, data, the field the rejection names
        String[][] bad = {
                {"RecordPersonalDetails", "\"givenName\":\"Tom\",\"familyName\":\"Quillfeather\",\"email\":\"quill@@x\"",
                        "email"},
                {"RecordVictimDetails", "\"victimId\":\"v1\",\"contactDetails\":{\"phone\":\"0116 496 0000\"}", "name"},
                {"RecordFeedback", "\"respondent\":\"CHILD\",\"rating\":9,\"givenOn\":\"2021-06-02\"", "rating"},
                {"CorrectOutcome", "\"offenceId\":\"o1\",\"code\":\"REFERRAL_ORDER\",\"date\":\"2021-05-03\"", "reason"},
                {"RecordReferralOrderPanel", "\"panelType\":\"INITIAL\",\"heldOn\":\"2021-05-20\"", "orderId"},
                {"RecordInterventionPlan", "\"orderId\":\"ro1\",\"agreedOn\":\"2021-05-20\"", "coProducedWithChild"},
                {"RecordChildReviewMeeting", "\"orderId\":\"ro1\",\"heldOn\":\"2021-13-01\",\"childAttended\":true",
                        "heldOn"},
                {"RecordOrderContact", "\"orderId\":\"ro1\",\"contactOn\":\"2021-06-01\",\"attended\":true",
                        "contactType"},
                {"RecordBreach", "\"orderId\":\"ro1\"", "breachedOn"},
                {"AllocateYouthAdvocate", "\"orderId\":\"dto1\"", "on"},
                {"MakeAccommodationReferral", "\"orderId\":\"not an id\",\"on\":\"2021-11-15\"", "orderId"},
                {"RecordTemporaryRelease", "\"orderId\":\"dto1\",\"returnedOn\":\"2021-12-27\"", "leftOn"},
                {"RequestPreSentenceReport", "\"requestedOn\":\"2021-04-02\"", "offenceId"},
                {"SubmitPreSentenceReport", "\"offenceId\":\"o1\",\"submittedOn\":\"2021-04-20\",\"proposedOutcomeCode\":\"REFERRAL_ORDER\"",
                        "qualityAssured"},
                {"StartRemand", "\"offenceId\":\"o1\",\"remandType\":\"LOCAL_AUTHORITY_ACCOMMODATION\",\"startDate\":\"2021-03-03\"",
                        "remandId"},
                {"EndRemand", "\"remandId\":\"rm1\"", "endDate"},
                {"RecordHomeVisit", "\"offenceId\":\"o1\",\"visitedAt\":\"yesterday\"", "visitedAt"},
                {"AllocateWorker", "\"allocatedAt\":\"2021-03-02T22:00:00Z\"", "worker"},
                {"RecordPaceTransfer", "\"arrestId\":\"a1\"", "provided"},
                {"RecordArrestResult", "\"result\":\"CHARGED\"", "arrestId"},
                {"RecordPreventionConsent", "\"referralId\":\"pr1\",\"decidedOn\":\"2021-01-20\"", "consent"},
                {"RecordPostClosureCheck", "\"checkedOn\":\"2022-06-10\"", "furtherInvolvement"},
                {"RecordTransitionDecision", "\"decidedOn\":\"2022-12-01\"", "decision"}};
        List<String> lines = new ArrayList<>();
        lines.add(row("b00", "RegisterChild", """
                "childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2005-06-01","sex":"MALE",\
                "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester\"""".formatted(c)));
        for (int i = 0; i < bad.length; i++) {
            lines.add(row("b" + (i + 1), bad[i][0], "\"childId\":\"" + c + "\"," + bad[i][1]));
        }
        // A personal-details line that is not JSON: the parser would quote the name it could not read.
        lines.add("{\"rowId\":\"bjson\",\"type\":\"RecordPersonalDetails\",\"data\":{\"childId\":\"" + c
                + "\",\"familyName\":" + FAMILY_NAME + "}}");
        // Good personal details of a child whose personal data was erased (by the admin, over REST): refused.
        String erased = "imp-er-" + UUID.randomUUID();
        commands.sendAndWait(new RegisterChild(erased, "leicester-city", LocalDate.of(2006, 1, 1), "FEMALE",
                "WHITE_BRITISH", "Leicester", null));
        HttpHeaders admin = TestTokens.bearer("ada.admin", "ADMIN");
        admin.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange("/cases/" + erased + "/erasure", HttpMethod.POST,
                new HttpEntity<>("{\"reason\":\"Subject's request\"}", admin), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        lines.add(row("berased", "RecordPersonalDetails", """
                "childId":"%s","givenName":"Tom","familyName":"%s\"""".formatted(erased, FAMILY_NAME)));
        long before = storedEvents();

        JsonNode job = awaitDone(startImport("bad-" + UUID.randomUUID().toString().substring(0, 8),
                String.join("\n", lines) + "\n").getBody());
        assertThat(job.get("imported").asInt()).as("%s", job).isEqualTo(1);
        assertThat(job.get("rejected").asInt()).isEqualTo(bad.length + 2);
        for (int i = 0; i < bad.length; i++) {
            JsonNode rejection = rejection(job, i + 2);
            assertThat(rejection.get("rowId").asText()).isEqualTo("b" + (i + 1));
            assertThat(rejection.get("field").asText()).as("%s: %s", bad[i][0], rejection).isEqualTo(bad[i][2]);
        }
        assertThat(rejection(job, bad.length + 2).get("reason").asText()).contains("not valid JSON");
        assertThat(rejection(job, bad.length + 3).get("reason").asText()).contains("personal data was erased");
        assertThat(job.get("rejections").toString()).doesNotContain(FAMILY_NAME).doesNotContain("quill@@x")
                .doesNotContain("0116 496 0000");
        // Nothing of the bad rows half-written: only the registration.
        assertThat(storedEvents()).isEqualTo(before + 1);
        assertThat(timeline(http.getForObject("/cases/" + c, JsonNode.class))).containsExactly("ChildRegistered");
        assertThat(timeline(http.getForObject("/cases/" + erased, JsonNode.class)))
                .containsExactly("ChildRegistered", "PersonalDataErased");
    }

    /** What the importer's exactly-once rests on: a command's events commit (or not) with the caller's transaction. */
    @Test
    void a_command_sent_inside_a_transaction_is_rolled_back_with_it() {
        String child = "imp-tx-" + UUID.randomUUID();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            commands.sendAndWait(new RegisterChild(child, "leicester-city", LocalDate.of(2009, 1, 1), "MALE",
                    "WHITE_BRITISH", "Leicester", null));
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
}
