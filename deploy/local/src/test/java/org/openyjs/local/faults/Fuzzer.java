package org.openyjs.local.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openyjs.local.demo.GatewayClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Malformed and hostile requests through the gateway, for each service: a valid body with one required
 * field made wrong (missing, null, the wrong type, an unknown code, an injection string, a date that is
 * not one, a megabyte of text), bodies that are not JSON or nested too deep, the wrong content type or
 * method, hostile ids in the path and query, the wrong role, no token or a forged one. Every request is
 * built so that it must be refused: none may be answered with a 5xx, and none may store anything.
 */
final class Fuzzer {

    /** What one service's requests got back. */
    record Tally(int sent, Map<Integer, Integer> statuses, List<String> firstServerErrors, List<String> firstAccepted) {

        List<String> serverErrors() {
            return firstServerErrors;
        }

        @Override
        public String toString() {
            return sent + " requests, answers " + statuses + (firstAccepted.isEmpty() ? "" : "; 2xx: " + firstAccepted);
        }
    }

    /** How a field may be made wrong: codes and ids by any value, dates by non-dates, text only by absence. */
    enum Kind { CODE, ID, DATE, BOOLEAN, GRAVITY, TEXT }

    private record Field(String name, Kind kind) {
    }

    /** A valid POST and the fields of it that must be right for it to be accepted. */
    private record Template(String service, String user, String path, Map<String, Object> body, List<Field> required) {
    }

    private record Attempt(String service, String method, String path, String token, String contentType, byte[] body,
                           String what) {

        /** A header value the HTTP client can send: without control characters or surrounding blanks. */
        Attempt {
            if (token != null) {
                token = token.replaceAll("[^\\x20-\\x7E]", "").strip();
                token = token.isEmpty() ? "x" : token;
            }
        }
    }

    static final List<String> HOSTILE = List.of("' OR '1'='1", "'; DROP TABLE domainevententry; --", "\" OR \"\"=\"",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1:1/a}", "#{7*7}", "{{7*7}}", "../../../../etc/passwd",
            "%00", "\u0000", "\uD83D\uDE00\u202E", "Robert'); DELETE FROM case_import_row;--", "\\", "NaN", "-1",
            "1e309", "null", "undefined", "ＡＢＣ", "A".repeat(70), " ", "\t\n", "$where: '1 == 1'", "() { :; }; echo pwned");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayClient gateway;
    private final Tokens tokens;
    private final Random random;
    private final String child;
    private final List<Template> templates;

    /** @param child an open case of a registered child with offence o1 and order ord1, so bodies reach the rules */
    Fuzzer(GatewayClient gateway, Tokens tokens, Random random, String child) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.random = random;
        this.child = child;
        this.templates = templates(child);
    }

    /** Sends at least perService requests to each service (4 at a time) and tallies the answers. */
    Map<String, Tally> run(int perService) throws Exception {
        // Which service each request goes to is decided up front; the request itself only when it is sent, so that
        // megabyte bodies are not all held at once.
        List<String> targets = new ArrayList<>();
        for (String service : List.of("case-service", "panel-service", "kpi-service", "gateway")) {
            for (int i = 0; i < perService; i++) {
                targets.add(service);
            }
        }
        Collections.shuffle(targets, random);
        Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
        Map<String, List<String>> errors = new ConcurrentHashMap<>();
        Map<String, List<String>> accepted = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String target : targets) {
                done.add(pool.submit(() -> {
                    Attempt a;
                    synchronized (random) {
                        a = attempt(target);
                    }
                    int status;
                    String body;
                    try {
                        GatewayClient.Response response = gateway.sendRaw(a.method(), a.path(), a.token(), a.contentType(), a.body());
                        status = response.status();
                        body = response.body();
                    } catch (IOException e) {
                        status = -1; // the connection was closed on us: also not a proper answer
                        body = e.toString();
                    }
                    statuses.computeIfAbsent(a.service(), s -> new ConcurrentHashMap<>())
                            .computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status / 100 == 2 && a.body() != null) { // a POST or PUT that was accepted: say what it was
                        List<String> list = accepted.computeIfAbsent(a.service(), s -> Collections.synchronizedList(new ArrayList<>()));
                        if (list.size() < 10) {
                            String sent = new String(a.body(), StandardCharsets.UTF_8);
                            list.add(status + " for " + a.what() + " " + a.method() + " " + a.path() + " "
                                    + sent.substring(0, Math.min(300, sent.length())));
                        }
                    }
                    if (status >= 500 || status < 0) {
                        List<String> list = errors.computeIfAbsent(a.service(), s -> Collections.synchronizedList(new ArrayList<>()));
                        if (list.size() < 10) {
                            list.add(status + " for " + a.what() + " " + a.method() + " " + a.path() + ": "
                                    + body.substring(0, Math.min(300, body.length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Tally> tallies = new TreeMap<>();
        statuses.forEach((service, counts) -> {
            Map<Integer, Integer> plain = new TreeMap<>();
            counts.forEach((s, n) -> plain.put(s, n.get()));
            tallies.put(service, new Tally(plain.values().stream().mapToInt(Integer::intValue).sum(), plain,
                    List.copyOf(errors.getOrDefault(service, List.of())), List.copyOf(accepted.getOrDefault(service, List.of()))));
        });
        return tallies;
    }

    private Attempt attempt(String service) throws Exception {
        return switch (service) {
            case "kpi-service" -> kpiAttempt();
            case "gateway" -> gatewayAttempt();
            default -> bodyAttempt(pick(templates.stream().filter(t -> t.service().equals(service)).toList()));
        };
    }

    /** A template's valid request made wrong in one of many ways. */
    private Attempt bodyAttempt(Template t) throws Exception {
        String token = tokens.of(t.user());
        String json = "application/json";
        int way = random.nextInt(100);
        if (way < 55) { // one required field wrong
            Field field = pick(t.required());
            Map<String, Object> body = new LinkedHashMap<>(t.body());
            Object value = wrongValue(field.kind());
            String what = field.name() + "=" + describe(value);
            if (value == REMOVE) {
                body.remove(field.name());
            } else {
                body.put(field.name(), value);
            }
            return new Attempt(t.service(), "POST", t.path(), token, json, JSON.writeValueAsBytes(body), what);
        }
        if (way < 65) { // not JSON, or not finished, or nested too deep
            String valid = JSON.writeValueAsString(t.body());
            String broken = switch (random.nextInt(7)) {
                case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 1));
                case 1 -> "[".repeat(5000) + "]".repeat(5000);
                case 2 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
                case 3 -> "";
                case 4 -> "null";
                case 5 -> valid.replace(":", "=");
                default -> new String(randomBytes(200), StandardCharsets.ISO_8859_1);
            };
            return new Attempt(t.service(), "POST", t.path(), token, json, broken.getBytes(StandardCharsets.UTF_8), "bad JSON");
        }
        if (way < 70) { // the wrong content type
            // Not multipart/form-data without a boundary: a known defect (500), see FaultInjectionIT's disabled tests.
            String type = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "text/csv"));
            return new Attempt(t.service(), "POST", t.path(), token, type, "<a>1</a>".getBytes(StandardCharsets.UTF_8), type);
        }
        if (way < 76) { // the wrong role, no token, a forged token
            Map<String, Object> body = t.body();
            String[] forged = {null, "", "not-a-jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.",
                    tokens.of(t.user()).substring(0, tokens.of(t.user()).length() - 4) + "AAAA",
                    tokens.of(t.user().equals("practitioner") ? "analyst" : "practitioner")};
            String chosen = forged[random.nextInt(forged.length)];
            return new Attempt(t.service(), "POST", t.path(), chosen, json, JSON.writeValueAsBytes(body), "token");
        }
        if (way < 82) { // a hostile id in the path
            String path = t.path().replace(child, URLEncoder.encode(pick(HOSTILE), StandardCharsets.UTF_8).replace("+", "%20"));
            if (path.equals(t.path())) {
                path = t.path() + "/" + URLEncoder.encode(pick(HOSTILE), StandardCharsets.UTF_8);
            }
            return new Attempt(t.service(), "POST", path, token, json, JSON.writeValueAsBytes(t.body()), "path");
        }
        if (way < 86) { // a method the path does not take
            return new Attempt(t.service(), pick(List.of("PUT", "DELETE", "PATCH")), t.path(), token, json,
                    JSON.writeValueAsBytes(t.body()), "method");
        }
        // Most of a megabyte in a required field.
        Field field = pick(t.required());
        Map<String, Object> body = new LinkedHashMap<>(t.body());
        // Under the gateway's 1 MB body limit, so the service itself must refuse it; bodies over the limit are
        // refused by the gateway before any service sees them (gateway's GatewayProtectionTest).
        body.put(field.name(), field.kind() == Kind.TEXT ? null : "X".repeat(600_000 + random.nextInt(300_000)));
        return new Attempt(t.service(), "POST", t.path(), token, json, JSON.writeValueAsBytes(body), "huge " + field.name());
    }

    /** A hostile query parameter value, but no NUL: a known defect (500), see FaultInjectionIT's disabled tests. */
    private String hostileParameter() {
        return enc(pick(HOSTILE.stream().filter(h -> !h.contains("\u0000")).toList()));
    }

    private Attempt kpiAttempt() throws Exception {
        String analyst = tokens.of("analyst");
        int way = random.nextInt(100);
        String measure = pick(List.of("first-time-entrants", "custody", "reoffending-binary", "yjb-kpi-1-accommodation",
                "oocd-outcome-mix", "panel-timeliness", hostileParameter()));
        String service = random.nextBoolean() ? "leicester-city" : hostileParameter();
        String period = pick(List.of("FY2023-24", "FY2023-25", "2023-24-Q5", "R12-2024-13", "CY-1", hostileParameter()));
        if (way < 40) {
            String view = pick(List.of("", "/children", "/rag", "/breakdown?by=" + enc(pick(List.of("sex", "ethnicity", "shoe-size",
                    pick(HOSTILE))))));
            String extra = pick(List.of("", "&ruleVersion=" + enc(pick(List.of("x", "-1", "99999999999", "0", pick(HOSTILE)))),
                    "&asOf=" + enc(pick(List.of("2023-02-30", "tomorrow", pick(HOSTILE)))),
                    "&from=" + hostileParameter() + "&to=2023-01-01", "&from=2024-01-01&to=2023-01-01"));
            String query = (view.contains("?") ? "&" : "?") + "service=" + service + "&period=" + period + extra;
            if (service.equals("leicester-city") && period.equals("FY2023-24") && extra.isEmpty() && !measure.contains("%")) {
                query = (view.contains("?") ? "&" : "?") + "service=" + hostileParameter() + "&period=" + period;
            }
            return new Attempt("kpi-service", "GET", "/api/kpi/" + measure + view + query, analyst, null, null, "query");
        }
        if (way < 55) {
            return new Attempt("kpi-service", "GET", "/api/kpi/export/quarterly-return?service=" + service + "&period="
                    + pick(List.of("2023-24-Q9", "Q1", hostileParameter())), analyst, null, null, "export");
        }
        if (way < 70) { // comparators and RAG thresholds: never a well-formed body
            String path = pick(List.of("/api/kpi/admin/comparators", "/api/kpi/admin/rag-thresholds"));
            String body = pick(List.of("{", "[{\"measure\":", "not json", "[" .repeat(3000), "{\"a\":1}\u0000",
                    "[{\"measure\": {\"$gt\": \"\"}, \"value\": \"" + pick(HOSTILE) + "\"}]", "[1,2,3]"));
            return new Attempt("kpi-service", "PUT", path, analyst, pick(List.of("application/json", "text/plain")),
                    body.getBytes(StandardCharsets.UTF_8), "admin body");
        }
        if (way < 82) { // population: each file has at least one bad line, which refuses the whole file
            // Refused by PopulationCsv's rules (year 1900-2200, age 0-120, known sex and ONS group, count >= 0, six
            // columns, a service). It takes any non-empty service name, so no line here invents one.
            String bad = pick(List.of("leicester-city,20x3,14,MALE,WHITE,100", "leicester-city,1800,14,MALE,WHITE,100",
                    "leicester-city,2023,121,MALE,WHITE,100", "leicester-city,2023,-1,MALE,WHITE,100",
                    "leicester-city,2023,14,UNKNOWN,WHITE,100", "leicester-city,2023,14,MALE,PURPLE,100",
                    "leicester-city,2023,14,MALE,WHITE,-5", " ,2023,14,MALE,WHITE,1", "a,b", "",
                    "leicester-city,2023,14,MALE,WHITE,1,extra", "leicester-city,2023,14,MALE,WHITE," + hostileParameter()));
            String csv = "service,year,age,sex,ethnicity,count\n" + bad + "\n";
            if (csv.equals("service,year,age,sex,ethnicity,count\n\n")) {
                csv = "service,year,age\n"; // a header without the columns
            }
            String user = random.nextInt(4) == 0 ? "analyst" : "admin"; // analysts may not, admins may but the file is bad
            return new Attempt("kpi-service", "POST", "/api/kpi/admin/population", tokens.of(user),
                    pick(List.of("text/csv", "application/json")), csv.getBytes(StandardCharsets.UTF_8), "population");
        }
        if (way < 90) { // the rebuild, as someone who may not
            return new Attempt("kpi-service", pick(List.of("POST", "DELETE")), "/api/kpi/rebuild",
                    pick(List.of(analyst, tokens.of("practitioner"), "forged")), "application/json", "{}".getBytes(), "rebuild role");
        }
        return new Attempt("kpi-service", "GET", "/api/kpi/" + measure + "?service=leicester-city&period=FY2023-24",
                pick(java.util.Arrays.asList(null, "x.y.z", tokens.of("practitioner"), tokens.of("panel-chair"))), null, null, "role");
    }

    private Attempt gatewayAttempt() throws Exception {
        int way = random.nextInt(100);
        if (way < 35) { // logins that must fail
            String user = pick(List.of("admin", "practitioner", pick(HOSTILE), "", "A".repeat(5000)));
            String password = pick(List.of("wrong", "", pick(HOSTILE), "admin' OR '1'='1"));
            String form = pick(List.of("username=" + enc(user) + "&password=" + enc(password), "username=" + enc(user),
                    "password=" + enc(password), "&&&==", "username=admin&password=" + "x".repeat(200_000)));
            // A 200,000-byte form is read to its end and refused (413); one over 256 KiB is refused unread and the
            // connection closed in stages, which gateway's GatewayConnectionTest checks byte by byte.
            String type = pick(List.of("application/x-www-form-urlencoded", "application/json", "text/plain"));
            if (type.equals("application/json")) {
                form = "{\"username\":\"admin\",\"password\":" + pick(List.of("1", "null", "[]", "\"wrong\"")) + "}";
            }
            return new Attempt("gateway", "POST", "/auth/token", null, type, form.getBytes(StandardCharsets.UTF_8), "login");
        }
        if (way < 60) { // forged, truncated or missing tokens on every route
            String path = pick(List.of("/api/cases", "/api/cases/" + child, "/api/panels", "/api/kpi/measures",
                    "/api/audit/case-access?childId=" + child, "/api/reference/outcomes", "/api/cases/imports"));
            String token = pick(List.of("", "null", "Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.c2lnbmF0dXJl", pick(HOSTILE),
                    "A".repeat(20_000)));
            return new Attempt("gateway", pick(List.of("GET", "POST")), path, token, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8), "forged token");
        }
        if (way < 80) { // paths that lead nowhere, or out
            String path = pick(List.of("/api/../actuator/env", "/api/%2e%2e/%2e%2e/etc/passwd", "/actuator/env",
                    "/actuator/heapdump", "/api/cases/..%2f..%2factuator", "/api/unknown/" + enc(pick(HOSTILE)),
                    "/" + "a/".repeat(2000), "/api/cases?" + "x=1&".repeat(500), "/dashboard/../../etc/passwd",
                    "/oauth2/jwks/" + enc(pick(HOSTILE))));
            return new Attempt("gateway", pick(List.of("GET", "POST", "TRACE", "OPTIONS")), path,
                    random.nextBoolean() ? null : tokens.of("admin"), null, null, "path");
        }
        // Roles: each user where they may not go, with a valid body.
        Template t = pick(templates);
        String wrongUser = t.user().equals("practitioner") ? pick(List.of("analyst", "panel-chair")) : pick(List.of("analyst", "practitioner"));
        return new Attempt("gateway", "POST", t.path(), tokens.of(wrongUser), "application/json", JSON.writeValueAsBytes(t.body()),
                "role " + wrongUser);
    }

    private static final Object REMOVE = new Object();

    private Object wrongValue(Kind kind) {
        Supplier<Object> hostile = () -> pick(HOSTILE);
        List<Object> common = java.util.Arrays.asList(REMOVE, null, List.of(), Map.of("$ne", 1));
        // Only values no rule could accept: an optional id or number must not become absent (Jackson reads the text
        // "null" as null for numbers), an id must not be one ("null", "NaN" are well-formed ids), and a date that
        // parses could be a valid future meeting date.
        Supplier<Object> badId = () -> pick(HOSTILE.stream().filter(h -> !h.matches("[A-Za-z0-9_-]{1,64}")).toList());
        return switch (kind) {
            case CODE -> pick(java.util.Arrays.asList(pick(common), "ZZ_NOT_A_CODE", hostile.get(), 123, true, "a".repeat(10_000)));
            case ID -> pick(List.of(badId.get(), "a".repeat(300), "", Map.of("id", 1), List.of("x")));
            case DATE -> pick(java.util.Arrays.asList(pick(common), "2023-13-45", "31/12/2023", "", "yesterday", badId.get(), "2023-02-30"));
            case BOOLEAN -> pick(java.util.Arrays.asList(pick(common), "yes", "maybe", badId.get(), List.of(true)));
            // Not a string trim() empties (blanks, a NUL): Jackson reads it as absent for a number, and gravityScore is
            // optional, so the offence is recorded without one (seen in the full run).
            case GRAVITY -> pick(List.of(9999, -1, 0, 6, "two", 1e10, List.of(2),
                    pick(HOSTILE.stream().filter(h -> !h.matches("[A-Za-z0-9_-]{1,64}") && !h.trim().isEmpty()).toList())));
            case TEXT -> pick(java.util.Arrays.asList(REMOVE, null, "", "   "));
        };
    }

    private static List<Template> templates(String c) {
        String o = "/api/cases/" + c;
        return List.of(
                new Template("case-service", "practitioner", "/api/cases", body("youthJusticeService", "leicester-city",
                        "dateOfBirth", "2010-02-11", "sex", "FEMALE", "ethnicity", "WHITE_BRITISH", "localAuthority", "Leicester"),
                        fields("youthJusticeService CODE", "dateOfBirth DATE", "sex CODE", "ethnicity CODE", "localAuthority TEXT")),
                new Template("case-service", "practitioner", o + "/offences", body("offenceDate", "2024-06-01",
                        "offenceCategory", "THEFT_AND_HANDLING", "gravityScore", 2, "admitted", true),
                        fields("offenceDate DATE", "offenceCategory CODE", "admitted BOOLEAN", "gravityScore GRAVITY", "offenceId ID")),
                new Template("case-service", "practitioner", o + "/offences/o1/outcome", body("code", "YOUTH_CAUTION",
                        "date", "2024-07-01"), fields("code CODE", "date DATE")),
                new Template("case-service", "practitioner", o + "/orders", body("orderType", "REFERRAL_ORDER",
                        "startDate", "2024-07-01", "offenceId", "o1"), fields("orderType CODE", "startDate DATE", "orderId ID")),
                new Template("case-service", "practitioner", o + "/orders/ord1/end", body("endDate", "2024-09-01",
                        "endReason", "COMPLETED"), fields("endDate DATE", "endReason CODE")),
                new Template("case-service", "practitioner", o + "/offences/o1/victim-contacts", body("contactedOn", "2024-06-10",
                        "result", "VIEWS_GIVEN", "consentedToContact", true, "restorativeJusticeOffered", false),
                        fields("contactedOn DATE", "result CODE", "consentedToContact BOOLEAN", "restorativeJusticeOffered BOOLEAN")),
                new Template("case-service", "practitioner", o + "/assessments", body("tool", "ASSETPLUS",
                        "completedOn", "2024-06-20", "offenceId", "o1"), fields("tool CODE", "completedOn DATE", "assessmentId ID")),
                new Template("case-service", "practitioner", o + "/remands", body("offenceId", "o1",
                        "remandType", "LOCAL_AUTHORITY_ACCOMMODATION", "startDate", "2024-06-02"),
                        fields("remandType CODE", "startDate DATE", "offenceId ID")),
                new Template("case-service", "practitioner", o + "/closure", body("on", "2024-10-01", "reason", "done"),
                        fields("on DATE", "reason TEXT")),
                new Template("panel-service", "panel-chair", "/api/panels", body("panelId", "fuzz-panel", "meetingDate", "2024-06-12"),
                        fields("meetingDate DATE", "panelId ID")),
                new Template("panel-service", "panel-chair", "/api/panels/fuzz-panel-none/cases", body("childId", c, "offenceId", "o1"),
                        fields("childId ID", "offenceId ID")),
                new Template("panel-service", "panel-chair", "/api/panels/fuzz-panel-none/decisions", body("childId", c,
                        "offenceId", "o1", "outcomeCode", "YOUTH_CAUTION", "rationale", "fuzz"),
                        fields("outcomeCode CODE", "childId ID", "offenceId ID")),
                new Template("panel-service", "panel-chair", "/api/referrals/fuzz-none/withdrawal", body("reason", "fuzz"),
                        fields("reason TEXT")));
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Field> fields(String... specs) {
        return java.util.Arrays.stream(specs).map(s -> s.split(" ")).map(p -> new Field(p[0], Kind.valueOf(p[1]))).toList();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(Object value) {
        if (value == REMOVE) {
            return "(removed)";
        }
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
