package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Injected faults through the page, in a real headless Chromium against the real topology: the Faults view lists every
 * fault in every location (and the orchestrator's); a setting it or the gateway refuses is explained at its field;
 * worker-fail switched on at 100 % for one location puts a banner on the next lookup's answer and trace, that
 * location's card says error, and the span where the fault acted is drawn red, its details naming the exception and
 * the flag; a change made outside the page (as {@code ./geodig} would) reaches the banner within a poll or two;
 * switched off, the banner goes and the location answers again. Screenshots land in {@code e2e/target/screenshots/}.
 *
 * <p>Needs the gateway's fault API with control enabled (the topology on loopback, as {@code ./geodig up} starts it).
 * Every fault is cleared before and after, so no other test sees one.
 */
// After MetricsTest, like FaultsTest: injected errors would fall in the windows its rates are read over.
@Order(10)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsBrowserTest {

    static final Duration PAGE_BOUND = Duration.ofSeconds(15);
    /** The gateway waits up to 10 s for the orchestrator; a lookup's answer is on the page before this. */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(30);
    /** The page polls for the trace for about 10 s by itself; this only bounds the test's wait for it. */
    static final Duration TRACE_BOUND = Duration.ofSeconds(30);
    /** The page reads the faults every 2 s: a change made elsewhere shows within one read, two at worst. */
    static final Duration BANNER_BOUND = Duration.ofSeconds(6);
    /** The services poll the flag file (every 0.5 s): a fault acts within 2 s of its change, this with room to spare. */
    static final Duration FAULT_ACTS_BOUND = Duration.ofSeconds(15);
    static final String FAULTS_PATH = "/api/v1/faults";
    static final String FAULT = "worker-fail";

    private GeodigTopology topology;
    private Browser browser;
    private Path screenshots;
    /** The location whose worker is made to fail: any will do, the first one's. */
    private final String faulted = Gateway.LOCATIONS.getFirst();

    @BeforeAll
    void startBrowserWithEveryFaultOff(GeodigTopology topology) {
        this.topology = topology;
        HttpJson.Reply faults = HttpJson.get(topology.gatewayUrl() + FAULTS_PATH);
        assertThat(faults.status()).as("GET %s: %s", FAULTS_PATH, faults.body()).isEqualTo(200);
        assertThat(faults.json().path("control").asString()).as("fault control on the topology's gateway (loopback)")
                .isEqualTo("enabled");
        clearEveryFault();
        Path target = topology.repoRoot().resolve("e2e").resolve("target");
        this.screenshots = target.resolve("screenshots");
        this.browser = Browser.start(target.resolve("browser-faults"));
    }

    @AfterAll
    void clearFaultsAndStopBrowser() {
        try {
            clearEveryFault();
            awaitEveryLocationAnswersAgain();
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    @Order(1)
    void theViewListsEveryFaultInEveryLocationAndExplainsARefusedSettingAtItsField() {
        openFaultsView();
        List<WebElement> cells = browser.allByTestId("fault-cell");
        assertThat(cells.stream().filter(c -> "orchestrator-delay".equals(c.getDomAttribute("data-fault"))))
                .as("the orchestrator's fault: one cell, no location").singleElement()
                .satisfies(c -> assertThat(c.getDomAttribute("data-location")).isEmpty());
        assertThat(cells.stream().filter(c -> FAULT.equals(c.getDomAttribute("data-fault"))).map(c -> c.getDomAttribute("data-location")))
                .as("a cell of %s per location", FAULT).containsExactlyInAnyOrderElementsOf(Gateway.LOCATIONS);
        assertThat(cells).allSatisfy(c -> assertThat(c.getDomAttribute("data-state")).isEqualTo("off"));
        assertThat(browser.byTestId("faults-control-note").isDisplayed()).isFalse();

        // The page's own check: a rate of 0 is never sent.
        WebElement failCell = cell(FAULT, faulted);
        type(failCell.findElement(testId("fault-rate")), "0");
        failCell.findElement(testId("fault-apply")).click();
        WebElement rateError = failCell.findElement(testId("fault-error-rate_percent"));
        assertThat(rateError.getText()).contains("1 to 100");
        assertThat(failCell.findElement(testId("fault-rate")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(failCell.getDomAttribute("data-state")).isEqualTo("off");

        // The gateway's: a delay past its maximum comes back a 400 naming delay_ms, shown at that field.
        WebElement delayCell = cell("dns-delay", faulted);
        type(delayCell.findElement(testId("fault-delay")), "600000");
        delayCell.findElement(testId("fault-apply")).click();
        WebElement delayError = browser.await(PAGE_BOUND, "the gateway's reason at the delay", d -> {
            WebElement slot = delayCell.findElement(testId("fault-error-delay_ms"));
            return slot.getText().isBlank() ? null : slot;
        });
        assertThat(delayError.isDisplayed()).isTrue();
        assertThat(delayCell.findElement(testId("fault-delay")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(delayCell.getDomAttribute("data-state")).isEqualTo("off");
        assertThat(activeFaults()).as("nothing switched on by a refused setting").isEmpty();
    }

    @Test
    @Order(2)
    void aWorkerFailingOnPurposeIsBannedOnTheAnswerAndTraceDrawnRedAndNamedInTheSpan() {
        openFaultsView();
        WebElement failCell = cell(FAULT, faulted);
        type(failCell.findElement(testId("fault-rate")), "100");
        failCell.findElement(testId("fault-toggle")).click();
        browser.await(PAGE_BOUND, FAULT + " on in " + faulted, d -> "on".equals(cell(FAULT, faulted).getDomAttribute("data-state")));
        assertThat(cell(FAULT, faulted).findElement(testId("fault-state")).getText()).contains("100 %");
        assertThat(activeFaults()).as("the gateway's active faults").containsExactly(FAULT + " " + faulted);
        browser.fullPageScreenshot(screenshots.resolve("faults.png"));

        browser.byTestId("view-lookup").click();
        browser.await(PAGE_BOUND, "the lookup view", d -> browser.byTestId("lookup-view").isDisplayed());
        lookUpUntilTheFaultedCardSays("error");
        assertBanner("fault-banner-answer");

        // The waterfall is redrawn while spans arrive: its rows are read once the page has stopped waiting for them.
        String verdict = browser.await(TRACE_BOUND, "the page to finish waiting for the trace", d -> {
            String state = browser.byTestId("trace-progress").getDomAttribute("data-state");
            return "complete".equals(state) || "incomplete".equals(state) ? state : null;
        });
        // The span where the fault acted carries its flag's evaluation: the row is marked with the fault and drawn red.
        String faultedRow = "[data-testid='span-row'][data-fault='" + FAULT + "'][data-service='" + ServiceNames.worker(faulted) + "']";
        List<WebElement> rows = browser.driver().findElements(By.cssSelector(faultedRow));
        assertThat(rows).as("the span where %s acted (the trace %s: %s)", FAULT, verdict, browser.byTestId("trace-progress").getText())
                .isNotEmpty();
        WebElement row = rows.getFirst();
        assertBanner("fault-banner-trace");
        assertThat(row.getDomAttribute("data-status")).as("the status of the span where the fault acted").isEqualTo("error");
        assertThat(row.findElement(testId("span-fault-mark")).getText()).contains(FAULT);
        assertThat(row.findElement(testId("span-bar")).getCssValue("background-color")).as("its bar in the error colour")
                .isEqualTo(row.findElement(testId("span-error-mark")).getCssValue("background-color"));
        assertThat(browser.byTestId("trace-summary").getText()).contains("an injected fault acted on");

        row.click();
        WebElement why = browser.await(PAGE_BOUND, "the details of the span, why it failed", d -> browser.allByTestId("span-error")
                .stream().findFirst().orElse(null));
        String setting = FAULT + " " + faulted + " 100 %";
        assertThat(browser.byTestId("span-status").getText()).startsWith("error");
        assertThat(why.findElement(testId("span-error-type")).getText()).contains("InjectedFaultException");
        assertThat(why.findElement(testId("span-exception-message")).getText()).contains("injected fault " + setting);
        assertThat(why.findElement(testId("span-fault-flag")).getText()).contains(FAULT, "on-" + faulted);
        assertThat(browser.byTestId("span-events").getText()).contains("feature_flag.evaluation", "exception");
        browser.fullPageScreenshot(screenshots.resolve("lookup-fault.png"));

        // Switched off from the banner's link to the Faults view; back at the trace, the banner has gone.
        browser.driver().findElement(By.cssSelector("[data-testid='fault-banner-trace'] [data-testid='fault-banner-link']")).click();
        browser.await(PAGE_BOUND, "the faults view", d -> browser.byTestId("faults-view").isDisplayed());
        cell(FAULT, faulted).findElement(testId("fault-toggle")).click();
        browser.await(PAGE_BOUND, FAULT + " off in " + faulted, d -> "off".equals(cell(FAULT, faulted).getDomAttribute("data-state")));
        assertThat(activeFaults()).isEmpty();
        browser.driver().navigate().back();
        browser.await(PAGE_BOUND, "the trace again", d -> browser.byTestId("trace").isDisplayed());
        browser.await(BANNER_BOUND, "the banner gone", d -> !browser.byTestId("fault-banner-trace").isDisplayed());
        assertThat(browser.byTestId("fault-banner-answer").isDisplayed()).isFalse();
    }

    @Test
    @Order(3)
    void aChangeMadeOutsideThePageReachesTheBannerWithinAPollOrTwo() {
        openPage("/");
        lookUpUntilTheFaultedCardSays("success");
        assertThat(browser.byTestId("fault-banner-answer").isDisplayed()).as("no banner while every fault is off").isFalse();

        // A harmless fault: a 1 ms delay on 1 % of one location's DNS queries.
        HttpJson.Reply on = HttpJson.send("PUT", topology.gatewayUrl() + FAULTS_PATH + "/dns-delay",
                HttpJson.JSON.writeValueAsString(Map.of("location", faulted, "rate_percent", 1, "delay_ms", 1)));
        assertThat(on.status()).as("PUT dns-delay: %s", on.body()).isEqualTo(200);
        WebElement banner = browser.await(BANNER_BOUND, "the banner after a change elsewhere",
                d -> browser.byTestId("fault-banner-answer").isDisplayed() ? browser.byTestId("fault-banner-answer") : null);
        assertThat(banner.getText()).contains("dns-delay " + faulted);

        clearEveryFault();
        browser.await(BANNER_BOUND, "the banner gone after the faults were cleared elsewhere",
                d -> !browser.byTestId("fault-banner-answer").isDisplayed());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /**
     * Looks up the page's default name through its form, again until the faulted location's card says {@code status}:
     * the services read the flag file on their own schedule, so a change acts within about 2 s, not at once.
     */
    private void lookUpUntilTheFaultedCardSays(String status) {
        Instant deadline = Instant.now().plus(FAULT_ACTS_BOUND);
        String shown;
        do {
            // The click clears the previous answer before it returns: the cards awaited are this lookup's.
            browser.byTestId("submit").click();
            browser.await(ANSWER_BOUND, "a card per location", d -> browser.allByTestId("location-card").size() == Gateway.LOCATIONS.size()
                    && "false".equals(browser.byTestId("lookup-form").getDomAttribute("aria-busy")));
            shown = browser.driver().findElement(By.cssSelector("[data-testid='location-card'][data-location='" + faulted + "']"))
                    .findElement(testId("location-status")).getText();
        } while (!status.equals(shown) && Instant.now().isBefore(deadline));
        assertThat(shown).as("the status on the card of %s", faulted).isEqualTo(status);
    }

    private void openFaultsView() {
        openPage("/?view=faults");
        browser.await(PAGE_BOUND, "the faults read, control enabled",
                d -> "enabled".equals(browser.byTestId("faults-view").getDomAttribute("data-control")));
        browser.await(PAGE_BOUND, "the grid of faults", d -> !browser.allByTestId("fault-cell").isEmpty());
    }

    private void openPage(String path) {
        browser.open(topology.gatewayUrl() + path);
        browser.await(PAGE_BOUND, "the page is ready",
                d -> "true".equals(browser.script("return document.documentElement.dataset.ready")));
    }

    private void assertBanner(String testId) {
        WebElement banner = browser.await(BANNER_BOUND, "the banner " + testId, d -> browser.byTestId(testId).isDisplayed()
                ? browser.byTestId(testId) : null);
        assertThat(banner.getText()).as(testId).contains("Injected faults", FAULT + " " + faulted);
    }

    private WebElement cell(String fault, String location) {
        return browser.driver().findElement(By.cssSelector(
                "[data-testid='fault-cell'][data-fault='" + fault + "'][data-location='" + location + "']"));
    }

    private static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** The gateway's active faults as "fault location". */
    private List<String> activeFaults() {
        HttpJson.Reply faults = HttpJson.get(topology.gatewayUrl() + FAULTS_PATH);
        assertThat(faults.status()).as(faults.body()).isEqualTo(200);
        return faults.json().path("active").valueStream()
                .map(a -> a.path("fault").asString() + (a.path("location").isNull() ? "" : " " + a.path("location").asString()))
                .toList();
    }

    private void clearEveryFault() {
        HttpJson.Reply cleared = HttpJson.send("DELETE", topology.gatewayUrl() + FAULTS_PATH, null);
        assertThat(cleared.status()).as("DELETE %s: %s", FAULTS_PATH, cleared.body()).isEqualTo(200);
        assertThat(cleared.json().path("active").isEmpty()).isTrue();
    }

    /** The services read the flag file on their own schedule: a lookup succeeds everywhere again before the next test. */
    private void awaitEveryLocationAnswersAgain() {
        Gateway gateway = new Gateway(topology);
        await("every location answers again with the faults cleared").atMost(Duration.ofSeconds(30)).until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A")));
            return reply.status() == 200 && "success".equals(reply.json().path("status").asString());
        });
    }
}
