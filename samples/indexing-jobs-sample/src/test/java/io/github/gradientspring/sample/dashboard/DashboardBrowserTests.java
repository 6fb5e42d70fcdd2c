package io.github.gradientspring.sample.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.sample.IndexingJobsSampleApplication;
import io.github.gradientspring.sample.demo.DemoResult;
import io.github.gradientspring.sample.demo.IndexingDemo;
import io.github.gradientspring.sample.demo.OutputMode;
import io.github.gradientspring.sample.demo.ProgressDisplay;
import io.github.gradientspring.sample.local.LocalSimulatorConfiguration;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobScript;
import io.github.gradientspring.simulator.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: headless Chromium (the OS's {@code chromium} and {@code chromium-driver}),
 * driven by Selenium, against the local application on its simulator (real clock, 200 ms pending, 1 s per data
 * source, so that the demo knowledge base's four data sources take about four seconds). Skipped, saying why, on a
 * machine without Chromium.
 */
class DashboardBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final Path SCREENSHOT = Path.of(System.getProperty("gradient.repository.root", "../.."),
            "docs", "images", "dashboard.png");

    private static final String KB = LocalSimulatorConfiguration.DEMO_KNOWLEDGE_BASE_UUID;

    private static final String[] ARGS = { "--server.port=0", "--server.address=127.0.0.1",
            "--sample.demo.enabled=false", "--sample.simulator.pending=200ms", "--sample.simulator.per-data-source=1s",
            "--gradient.watch.initial-interval=100ms", "--gradient.watch.max-interval=200ms" };

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private static ConfigurableApplicationContext context;

    private static GradientSimulator simulator;

    private static IndexingJobsClient client;

    private static WebTestClient http;

    private static String base;

    private static Path profile;

    private static ChromeDriverService driverService;

    private static WebDriver browser;

    @BeforeAll
    static void startTheApplicationAndTheBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "The dashboard's browser tests need headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
                        + " are missing (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
        context = SpringApplication.from(IndexingJobsSampleApplication::main)
            .with(LocalSimulatorConfiguration.class)
            .withAdditionalProfiles("local")
            .run(ARGS)
            .getApplicationContext();
        simulator = context.getBean(GradientSimulator.class);
        client = context.getBean(IndexingJobsClient.class);
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        http = WebTestClient.bindToServer().baseUrl(base).responseTimeout(Duration.ofSeconds(10)).build();

        profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (context != null) {
            context.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
            }
        }
    }

    // Every test starts on a fresh page over a simulator with no jobs, no faults and a fresh budget.
    @BeforeEach
    void freshPage() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get("about:blank");
        within(Duration.ofSeconds(10)).until((driver) -> openStreams() == 0);
        simulator.reset();
        client.budget().reset();
        browser.manage().logs().get(LogType.BROWSER);
        browser.get(base + "/");
        within(Duration.ofSeconds(10)).until((driver) -> text("jobs-updated").contains("list read at")
                && text("budget-minute").contains(" / "));
    }

    @Test
    void thePageLoadsWithNoConsoleErrors() {
        within(Duration.ofSeconds(10))
            .until((driver) -> driver.findElements(By.cssSelector("#kb-select option")).size() == 1
                    && scheduleText(schedule(KB)).equals("Schedule: No schedule."));

        List<LogEntry> errors = browser.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
        // Chromium logs every answer of 400 or more as an error, the 404 that says a knowledge base has no
        // schedule included; that one is an answer the page expects, and shows as "No schedule".
        List<LogEntry> noSchedule = errors.stream().filter(DashboardBrowserTests::isTheNoScheduleAnswer).toList();
        assertThat(errors).containsExactlyElementsOf(noSchedule);
        assertThat(text("kb-list")).contains("Schedule: No schedule.");
        assertThat(browser.getTitle()).startsWith("Indexing jobs");
        assertThat(errors).hasSizeLessThanOrEqualTo(1);
        assertThat(text("kb-list")).contains("demo-docs").contains(KB).contains("4 data sources, 243 items");
        assertThat(text("no-jobs")).contains("No indexing jobs yet");
        assertThat(text("budget-hour")).matches("\\d+ / 4000");
    }

    @Test
    void aJobStartedFromTheFormAppearsAndItsBarReachesOneHundredPercent() {
        new Select(browser.findElement(By.id("kb-select"))).selectByValue(KB);
        browser.findElement(By.id("start-button")).click();

        String uuid = startedJob();
        WebElement card = card(uuid);
        within(Duration.ofSeconds(15)).until((driver) -> phase(card).equals("SUCCEEDED"));
        assertThat(card.findElement(By.className("progress")).getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(card.findElement(By.className("counts")).getText())
            .isEqualTo("100 % · 4/4 data sources · 243/243 items indexed");
        assertThat(card.findElement(By.className("times")).getText()).contains("Created").contains("finished");
        assertThat(card.findElement(By.className("cancel")).isDisplayed()).isFalse();
        assertThat(simulator.journal().requests(Operation.CREATE)).singleElement()
            .satisfies((create) -> assertThat(create.body()).contains(KB));
    }

    @Test
    void aJobStartedOnSomeDataSourcesIndexesOnlyThose() {
        List<WebElement> boxes = browser.findElements(By.cssSelector("#ds-list input[type=checkbox]"));
        assertThat(boxes).hasSize(4);
        boxes.get(3).click();
        browser.findElement(By.id("start-button")).click();

        WebElement card = card(startedJob());
        within(Duration.ofSeconds(10)).until((driver) -> phase(card).equals("SUCCEEDED"));
        assertThat(card.findElement(By.className("counts")).getText()).contains("1/1 data sources")
            .contains("8/8 items indexed");
    }

    @Test
    void aJobStartedElsewhereAppearsWithinAFewSeconds() {
        Map<String, Object> job = http.post()
            .uri("/jobs")
            .header("Content-Type", "application/json")
            .bodyValue("{\"knowledgeBaseUuid\":\"" + KB + "\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody();

        WebElement card = within(Duration.ofSeconds(8)).until((driver) -> driver
            .findElements(By.cssSelector("li.job[data-uuid='" + job.get("uuid") + "']"))
            .stream()
            .findFirst()
            .orElse(null));
        assertThat(card.findElement(By.className("job-kb")).getText()).isEqualTo("demo-docs");
    }

    @Test
    void theCancelButtonTurnsARunningJobCancelled() {
        simulator.scriptNextJob(JobScript.runForever());
        browser.findElement(By.id("start-button")).click();
        WebElement card = card(startedJob());
        within(Duration.ofSeconds(10)).until((driver) -> phase(card).equals("RUNNING"));

        card.findElement(By.className("cancel")).click();

        within(Duration.ofSeconds(10)).until((driver) -> phase(card).equals("CANCELLED"));
        assertThat(card.findElement(By.className("job-status")).getText()).isEqualTo("CANCELLED");
        assertThat(card.findElement(By.className("cancel")).isDisplayed()).isFalse();
        assertThat(card.findElement(By.className("times")).getText()).contains("finished");
        assertThat(simulator.journal().count(Operation.CANCEL)).isOne();
    }

    @Test
    void aServerErrorOfDigitalOceanShowsAsANoticeAndThePageRecovers() {
        simulator.faults().on(Operation.LIST).always().respond(Fault.status(500));

        WebElement notice = within(Duration.ofSeconds(15)).until(
                (driver) -> driver.findElements(By.cssSelector("#notices .notice[data-source=jobs]"))
                    .stream()
                    .findFirst()
                    .orElse(null));
        assertThat(notice.getText()).startsWith("Gradient failed").contains("500");
        assertThat(text("jobs-updated")).contains("could not be read");

        simulator.faults().clear();
        within(Duration.ofSeconds(15)).until((driver) -> driver.findElements(By.cssSelector("#notices .notice"))
            .isEmpty() && text("jobs-updated").contains("list read at"));
    }

    @Test
    void aBurstOfRateLimitAnswersShowsThePauseAndThePageRecovers() {
        simulator.faults()
            .on(Operation.LIST)
            .times(2)
            .respond(Fault.status(429).retryAfter(Duration.ofSeconds(3)));

        WebElement pause = browser.findElement(By.id("pause-notice"));
        within(Duration.ofSeconds(10)).until((driver) -> pause.isDisplayed());
        assertThat(pause.getText()).startsWith("DigitalOcean's rate limit pauses requests for")
            .contains("the polls and the live updates wait");

        long listsBefore = simulator.journal().count(Operation.LIST);
        within(Duration.ofSeconds(20))
            .until((driver) -> !pause.isDisplayed() && simulator.journal().count(Operation.LIST) > listsBefore);
        within(Duration.ofSeconds(10)).until((driver) -> text("jobs-updated").contains("list read at")
                && driver.findElements(By.cssSelector("#notices .notice")).isEmpty());
        assertThat(faultedLists()).isEqualTo(2);
    }

    @Test
    void eachRunningJobHasOneStreamWhichIsClosedWhenTheJobEnds() {
        simulator.scriptNextJob(JobScript.runForever());
        simulator.scriptNextJob(JobScript.runForever());
        String first = startFromTheForm();
        String second = startFromTheForm();
        within(Duration.ofSeconds(10)).until((driver) -> openStreams() == 2
                && card(first).findElement(By.className("live")).isDisplayed());

        http.post().uri("/jobs/{uuid}/cancel", first).exchange().expectStatus().isOk();
        within(Duration.ofSeconds(10)).until((driver) -> phase(card(first)).equals("CANCELLED") && openStreams() == 1);
        card(second).findElement(By.className("cancel")).click();
        within(Duration.ofSeconds(10)).until((driver) -> phase(card(second)).equals("CANCELLED") && openStreams() == 0);

        // The browser does not reconnect the ended streams (EventSource would after about 3 s): over the next three
        // polls of the list (9 s), nothing reads the ended jobs again.
        long retrievesOfEndedJobs = retrievesOf(first, second);
        long lists = simulator.journal().count(Operation.LIST);
        within(Duration.ofSeconds(20)).until((driver) -> simulator.journal().count(Operation.LIST) >= lists + 3);
        assertThat(retrievesOf(first, second)).isEqualTo(retrievesOfEndedJobs);
        assertThat(openStreams()).isZero();
    }

    @Test
    void theControlsAreLabelledAndAJobCanBeStartedWithTheKeyboard() {
        String unlabelled = (String) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('select, input, button')]
                    .filter((control) => control.offsetParent !== null)
                    .filter((control) => !(control.labels && control.labels.length)
                        && !control.getAttribute('aria-label') && !control.textContent.trim())
                    .map((control) => control.outerHTML).join('\\n');""");
        assertThat(unlabelled).isEmpty();

        Actions keyboard = new Actions(browser);
        for (int i = 0; i < 20 && !"start-button".equals(activeElementId()); i++) {
            keyboard.sendKeys(Keys.TAB).perform();
        }
        assertThat(activeElementId()).isEqualTo("start-button");
        keyboard.sendKeys(Keys.ENTER).perform();

        assertThat(startedJob()).isNotBlank();
    }

    @Test
    void eachKnowledgeBaseShowsItsScheduleWhichThePageSetsAndRemoves() {
        WebElement schedule = schedule(KB);
        within(Duration.ofSeconds(10)).until((driver) -> scheduleText(schedule).equals("Schedule: No schedule."));
        http.get().uri("/knowledge-bases/{kb}/schedule", KB).exchange().expectStatus().isNotFound();

        schedule.findElement(By.tagName("summary")).click();
        WebElement time = schedule.findElement(By.className("schedule-time"));
        time.clear();
        time.sendKeys("02:30");
        schedule.findElement(By.id("schedule-0-monday")).click();
        schedule.findElement(By.id("schedule-0-thursday")).click();
        schedule.findElement(By.className("save-schedule")).click();

        within(Duration.ofSeconds(10)).until((driver) -> scheduleText(schedule)
            .startsWith("Schedule: Every Monday and Thursday at 02:30 UTC; next run "));
        http.get()
            .uri("/knowledge-bases/{kb}/schedule", KB)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.time").isEqualTo("02:30")
            .jsonPath("$.days.length()").isEqualTo(2)
            .jsonPath("$.active").isEqualTo(true);

        schedule.findElement(By.className("remove-schedule")).click();

        within(Duration.ofSeconds(10)).until((driver) -> scheduleText(schedule).equals("Schedule: No schedule."));
        http.get().uri("/knowledge-bases/{kb}/schedule", KB).exchange().expectStatus().isNotFound();
        assertThat(browser.findElements(By.cssSelector("#notices .notice"))).isEmpty();
    }

    @Test
    void aScheduleSetElsewhereIsShownAndABadTimeIsShownAsANotice() {
        putSchedule("23:15", "SUNDAY");
        browser.navigate().refresh();
        WebElement schedule = schedule(KB);
        within(Duration.ofSeconds(10))
            .until((driver) -> scheduleText(schedule).startsWith("Schedule: Every Sunday at 23:15 UTC; next run "));

        schedule.findElement(By.tagName("summary")).click();
        WebElement time = schedule.findElement(By.className("schedule-time"));
        time.clear();
        time.sendKeys("25:99");
        schedule.findElement(By.className("save-schedule")).click();

        WebElement notice = within(Duration.ofSeconds(10)).until(
                (driver) -> driver.findElements(By.cssSelector("#notices .notice[data-source=schedule]"))
                    .stream()
                    .findFirst()
                    .orElse(null));
        assertThat(notice.getText()).startsWith("Invalid request: ").contains("25:99");
        assertThat(scheduleText(schedule)).startsWith("Schedule: Every Sunday at 23:15 UTC");
        http.get().uri("/knowledge-bases/{kb}/schedule", KB).exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.time").isEqualTo("23:15");
    }

    @Test
    void thePageIsReadableThreeHundredSixtyPixelsWide() {
        startFromTheForm();
        browser.manage().window().setSize(new Dimension(360, 800));
        within(Duration.ofSeconds(5)).until((driver) -> width("window.innerWidth") <= 360);

        assertThat(width("document.documentElement.scrollWidth")).isLessThanOrEqualTo(width("window.innerWidth"));
        assertThat(browser.findElement(By.id("start-button")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("li.job .progress")).getSize().getWidth()).isGreaterThan(250);
    }

    /**
     * The demo of the main job, seen in the page: both jobs run, one is cancelled, the other finishes. Saves the
     * screenshot that the README and docs/getting-started.md show, while one job is cancelled and the other runs.
     */
    @Test
    void theDemosTwoJobsAreSeenRunningAndOneCancelledAndTheScreenshotIsSaved() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1100));
        putSchedule("02:30", "MONDAY", "THURSDAY");
        browser.navigate().refresh();
        within(Duration.ofSeconds(10)).until((driver) -> scheduleText(schedule(KB)).startsWith("Schedule: Every"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        IndexingDemo demo = new IndexingDemo(client, ProgressDisplay.of(OutputMode.PLAIN, out), out);
        CompletableFuture<DemoResult> result = demo.run(KB, List.of(), 2).toFuture();

        within(Duration.ofSeconds(10)).until((driver) -> jobPhases().size() == 2 && jobPhases().contains("RUNNING"));
        within(Duration.ofSeconds(10)).until((driver) -> jobPhases().equals(List.of("RUNNING", "CANCELLED")));
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

        DemoResult ended = result.get(20, TimeUnit.SECONDS);
        assertThat(ended.cancelled().phase()).isEqualTo(IndexingJobPhase.CANCELLED);
        assertThat(ended.completed().phase()).isEqualTo(IndexingJobPhase.SUCCEEDED);
        within(Duration.ofSeconds(10)).until((driver) -> jobPhases().equals(List.of("SUCCEEDED", "CANCELLED")));
        assertThat(card(ended.completed().uuid()).findElement(By.className("counts")).getText())
            .startsWith("100 % · 4/4 data sources");
        assertThat(card(ended.cancelled().uuid()).findElement(By.className("counts")).getText())
            .contains("2/4 data sources");
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    private static WebDriverWait within(Duration bound) {
        WebDriverWait wait = new WebDriverWait(browser, bound, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static WebElement schedule(String kb) {
        return within(Duration.ofSeconds(10)).until((driver) -> driver
            .findElements(By.cssSelector("#kb-list li[data-uuid='" + kb + "'] .schedule"))
            .stream()
            .findFirst()
            .orElse(null));
    }

    private static String scheduleText(WebElement schedule) {
        return schedule.findElement(By.className("schedule-text")).getText();
    }

    private static void putSchedule(String time, String... days) {
        http.put()
            .uri("/knowledge-bases/{kb}/schedule", KB)
            .header("Content-Type", "application/json")
            .bodyValue(Map.of("time", time, "days", List.of(days)))
            .exchange()
            .expectStatus()
            .isOk();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String startFromTheForm() {
        browser.findElement(By.id("start-button")).click();
        return startedJob();
    }

    // The form says "Started job <uuid>." once the POST has answered; a later start waits for its own answer.
    private static String startedJob() {
        String before = (String) ((JavascriptExecutor) browser)
            .executeScript("return document.getElementById('start-result').dataset.seen || '';");
        String line = within(Duration.ofSeconds(10)).until((driver) -> {
            String shown = text("start-result");
            return (shown.startsWith("Started job ") && !shown.equals(before)) ? shown : null;
        });
        ((JavascriptExecutor) browser)
            .executeScript("document.getElementById('start-result').dataset.seen = arguments[0];", line);
        return line.substring("Started job ".length(), line.length() - 1);
    }

    private static WebElement card(String uuid) {
        return within(Duration.ofSeconds(10))
            .until((driver) -> driver.findElements(By.cssSelector("li.job[data-uuid='" + uuid + "']"))
                .stream()
                .findFirst()
                .orElse(null));
    }

    private static String phase(WebElement card) {
        return card.findElement(By.className("job-phase")).getText();
    }

    private static List<String> jobPhases() {
        return browser.findElements(By.cssSelector("#job-list li.job .job-phase"))
            .stream()
            .map(WebElement::getText)
            .toList();
    }

    private static String activeElementId() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id;");
    }

    private static long width(String expression) {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return " + expression + ";")).longValue();
    }

    // The server's own count of open event streams, from the actuator.
    private static int openStreams() {
        Map<String, Object> metric = http.get()
            .uri("/actuator/metrics/sample.job.event.streams")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
        return ((Number) measurements.get(0).get("value")).intValue();
    }

    private static long retrievesOf(String... uuids) {
        List<String> paths = Stream.of(uuids).map((uuid) -> "/v2/gen-ai/indexing_jobs/" + uuid).toList();
        return simulator.journal()
            .requests(Operation.RETRIEVE)
            .stream()
            .filter((request) -> paths.contains(request.path()))
            .count();
    }

    private static boolean isTheNoScheduleAnswer(LogEntry entry) {
        return entry.getMessage()
            .startsWith(base + "/knowledge-bases/" + KB
                    + "/schedule - Failed to load resource: the server responded with a status of 404");
    }

    private static long faultedLists() {
        return simulator.journal().requests(Operation.LIST).stream().filter((request) -> request.status() == 429).count();
    }

}
