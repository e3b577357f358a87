package org.openyjs.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openyjs.local.PlatformUnderTest;
import org.openyjs.local.SharedPlatform;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openyjs.local.PlatformUnderTest.expect;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium against the whole platform (four service processes on
 * real PostgreSQL and Kafka, shared with {@code FirstTimeEntrantsEndToEndIT}, whose Leicester City children
 * are all from October 2022 on): six children cautioned for the first time in FY2021-22 in Leicester City, two
 * the year before; an analyst signs in, opens the board pack and the first-time entrants' drill-down, and
 * axe-core finds nothing serious on either page. Screenshots go to target/screenshots.
 */
@ExtendWith(SharedPlatform.class)
@Order(Order.DEFAULT + 2) // after every other class: see junit-platform.properties
class DashboardBrowserIT {

    private static final String CITY = "leicester-city";
    private static final String MEASURE = "first-time-entrants";
    private static final String PERIOD = "FY2021-22";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static PlatformUnderTest platform;
    private static WebDriver browser;
    private static final List<String> cautionedInPeriod = new ArrayList<>();
    private static String panelChild;

    @BeforeAll
    static void recordTheChildren(PlatformUnderTest shared) throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)")
                .isTrue();
        platform = shared;

        String practitioner = platform.token("practitioner");
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 6; i++) { // first youth cautions spread over FY2021-22
            LocalDate outcome = LocalDate.of(2021, 4, 20).plusDays(i * 55L);
            cautionedInPeriod.add(child(practitioner, run + "-fte-" + i, outcome));
        }
        for (int i = 0; i < 2; i++) { // the year before: same time last year
            child(practitioner, run + "-earlier-" + i, LocalDate.of(2020, 10, 3).plusDays(i));
        }
        panelChild = cautionedInPeriod.get(0);

        // A family comparator and a threshold, so the card has a RAG and the trend a comparator line.
        String analyst = platform.token("analyst");
        expect(200, platform.send(analyst, "PUT", "/api/kpi/admin/comparators", Map.of("measure", MEASURE,
                "youthJusticeService", CITY, "comparator", "FAMILY", "from", "2021-04-01", "to", "2021-06-30",
                "rate", 4, "source", "test comparator")));
        expect(200, platform.send(analyst, "PUT", "/api/kpi/admin/comparators", Map.of("measure", MEASURE,
                "youthJusticeService", CITY, "comparator", "FAMILY", "from", "2021-04-01", "to", "2022-03-31",
                "rate", 12, "source", "test comparator")));
        expect(200, platform.send(analyst, "PUT", "/api/kpi/admin/rag-thresholds", Map.of("measure", MEASURE,
                "youthJusticeService", CITY, "comparator", "FAMILY", "lowerIsBetter", true, "amberBandPercent", 10)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> fte = platform.send(analyst, "GET", "/api/kpi/" + MEASURE + "?service=" + CITY
                    + "&period=" + PERIOD, null);
            expect(200, fte);
            assertThat(json.readTree(fte.body()).get("numerator").asLong()).isEqualTo(6);
        });

        browser = chromium();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_analyst_reads_the_board_pack_its_trend_and_the_children_behind_a_figure() throws Exception {
        signIn("analyst");
        waitFor(By.id("view-board"));

        new Select(browser.findElement(By.id("board-service"))).selectByValue(CITY);
        WebElement period = browser.findElement(By.id("board-period"));
        period.clear();
        period.sendKeys(PERIOD);
        browser.findElement(By.id("board-show")).click();
        waitUntil("the board pack for " + PERIOD + " has loaded", () -> "ready".equals(attribute("board", "data-state"))
                && PERIOD.equals(attribute("board", "data-period")));

        WebElement card = browser.findElement(By.cssSelector("article.card[data-measure='" + MEASURE + "']"));
        screenshot("board-pack");
        assertThat(card.getDomAttribute("data-state")).as("the card: %s", card.getText()).isEqualTo("ready");
        assertThat(card.findElement(By.cssSelector("dd.numerator")).getText()).isEqualTo("6");
        assertThat(card.findElement(By.cssSelector("dd.rule-version")).getText()).isEqualTo("1");
        assertThat(card.findElement(By.cssSelector("dd.change")).getText()).startsWith("+200%").contains("last year 2");
        assertThat(card.findElement(By.cssSelector(".rag")).getText()).contains("RAG:");
        // A measure without a rule title of its own is named from its code, abbreviations in capitals.
        assertThat(browser.findElement(By.id("card-ete-statutory-orders-above-school-age-title")).getText())
                .isEqualTo("ETE statutory orders above school age");

        // The trend: one point per quarter for the last 8 quarters, read through Chart.js itself.
        String canvas = "document.getElementById('trend-" + MEASURE + "')";
        waitUntil("the trend chart is drawn", () -> Boolean.TRUE.equals(js("return !!window.Chart && !!Chart.getChart(" + canvas + ")")));
        assertThat(((Number) js("return Chart.getChart(" + canvas + ").data.datasets[0].data.length")).intValue())
                .isEqualTo(8);
        assertThat(js("return Chart.getChart(" + canvas + ").data.labels")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly("2020-21-Q1", "2020-21-Q2", "2020-21-Q3", "2020-21-Q4",
                        "2021-22-Q1", "2021-22-Q2", "2021-22-Q3", "2021-22-Q4");
        assertThat(js("return Chart.getChart(" + canvas + ").data.datasets.map(d => d.label)")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly("This service", "Family");
        screenshot("board-pack");
        assertNoSeriousAccessibilityFinding("board pack");

        // The measure's page: numerator, breakdowns and exactly the six children.
        card.findElement(By.cssSelector("a.detail-link")).click();
        waitUntil("the measure's page has loaded", () -> "ready".equals(attribute("kpi", "data-state")));
        assertThat(browser.findElement(By.id("kpi-numerator")).getText()).isEqualTo("6");
        assertThat(browser.findElement(By.id("breakdown-sex")).getText()).contains("Male");
        List<String> children = browser.findElements(By.cssSelector("#drilldown tbody tr > th")).stream()
                .map(WebElement::getText).toList();
        assertThat(children).containsExactlyInAnyOrderElementsOf(cautionedInPeriod);
        screenshot("kpi-detail");
        assertNoSeriousAccessibilityFinding("KPI detail");

        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("view-sign-in"));
    }

    @Test
    void a_practitioner_reads_a_childs_timeline_and_a_chair_the_panels_work() throws Exception {
        signIn("practitioner");
        waitFor(By.id("view-case"));
        assertThat(browser.findElements(By.cssSelector("#nav a[href='#board']")).stream().filter(WebElement::isDisplayed))
                .as("a practitioner is not offered the board pack").isEmpty();
        browser.findElement(By.id("case-child-id")).sendKeys(panelChild);
        browser.findElement(By.id("case-reason")).sendKeys("browser test");
        browser.findElement(By.cssSelector("#case-form button[type=submit]")).click();
        waitFor(By.id("timeline"));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Child Registered", "Offence Recorded");
        screenshot("case-timeline");
        assertNoSeriousAccessibilityFinding("case timeline");
        browser.findElement(By.id("sign-out")).click();

        signIn("panel-chair");
        waitFor(By.id("view-panel"));
        waitUntil("the panel's figures have loaded", () -> browser.findElement(By.id("panel")).getText().contains("Timeliness"));
        screenshot("panel");
        assertNoSeriousAccessibilityFinding("panel");
        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("view-sign-in"));
    }

    private static void signIn(String user) {
        browser.get(platform.gateway().resolve("/dashboard/").toString());
        js("sessionStorage.clear()"); // whatever an earlier test left signed in
        browser.navigate().refresh();
        waitFor(By.id("view-sign-in"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("sign-in")).click();
    }

    /** axe-core (the webjar on the test classpath) run in the page: no serious or critical violation. */
    @SuppressWarnings("unchecked")
    private static void assertNoSeriousAccessibilityFinding(String page) throws IOException {
        js(axeSource());
        Object result = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
                  .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))))
                  .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));
                """);
        JsonNode violations = json.readTree((String) result);
        System.out.println("[dashboard] axe-core on the " + page + ": " + violations);
        List<JsonNode> serious = new ArrayList<>();
        violations.forEach(v -> {
            if (List.of("serious", "critical").contains(v.path("impact").asText())) {
                serious.add(v);
            }
        });
        assertThat(serious).as("serious or critical axe-core violations on the %s", page).isEmpty();
    }

    private static String axeSource;

    private static String axeSource() throws IOException {
        if (axeSource == null) {
            ClassLoader loader = DashboardBrowserIT.class.getClassLoader();
            Properties pom = new Properties();
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
                pom.load(in);
            }
            try (InputStream in = loader.getResourceAsStream(
                    "META-INF/resources/webjars/axe-core/" + pom.getProperty("version") + "/axe.min.js")) {
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axeSource;
    }

    private static WebDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,2000",
                "--user-data-dir=" + Files.createTempDirectory("dashboard-chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getDomAttribute(name);
    }

    private static void waitFor(By visible) {
        waitUntil(visible + " is shown", () -> browser.findElements(visible).stream().anyMatch(WebElement::isDisplayed));
    }

    private static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(what).until(driver -> condition.getAsBoolean());
    }

    private static String child(String practitioner, String childId, LocalDate outcomeDate) throws Exception {
        expect(201, platform.send(practitioner, "POST", "/api/cases", Map.of("childId", childId, "youthJusticeService", CITY,
                "dateOfBirth", "2008-06-01", "sex", "MALE", "ethnicity", "WHITE_BRITISH", "localAuthority", "Leicester")));
        Map<String, Object> offence = new HashMap<>(Map.of("offenceId", "o1",
                "offenceDate", outcomeDate.minusDays(14).toString(), "offenceCategory", "THEFT_AND_HANDLING",
                "gravityScore", 2, "admitted", true,
                "outcome", Map.of("code", "YOUTH_CAUTION", "date", outcomeDate.toString())));
        expect(201, platform.send(practitioner, "POST", "/api/cases/" + childId + "/offences", offence));
        return childId;
    }

}
