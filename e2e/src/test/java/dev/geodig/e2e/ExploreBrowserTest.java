package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The page's Traces and Services views in a real headless Chromium against the real topology: lookups
 * found by their domain, drawn as points and rows; a row opens the waterfall and the back button returns
 * to the list; a filter the page or the gateway refuses is explained at its field; the service map and
 * the charts drawn from the traces and Prometheus; a click on a latency chart opens the Traces view on
 * that moment. Screenshots of both views land in {@code e2e/target/screenshots/}.
 */
@Order(7)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExploreBrowserTest {

    static final Duration PAGE_BOUND = Duration.ofSeconds(15);
    /** Spans reach Jaeger through batching collectors, span metrics Prometheus after a flush and a scrape. */
    static final Duration ARRIVAL_BOUND = Duration.ofSeconds(60);
    static final int LOOKUPS = 3;

    private GeodigTopology topology;
    private Browser browser;
    private Path screenshots;
    /** A name of the demo zone no other test looks up: the search must find exactly this test's lookups. */
    private final String domain = "explore-" + UUID.randomUUID().toString().substring(0, 8) + ".geodig.test";
    private List<String> traceIds;

    @BeforeAll
    void lookUpAndStartBrowser(GeodigTopology topology) {
        this.topology = topology;
        Gateway gateway = new Gateway(topology);
        traceIds = IntStream.range(0, LOOKUPS).mapToObj(i -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(domain, null, List.of("A")));
            assertThat(reply.status()).as("lookup of %s: %s", domain, reply.body()).isEqualTo(200);
            return reply.json().path("trace_id").asString();
        }).toList();
        // The page searches once per submit: wait until Jaeger holds every lookup's trace, as a user would.
        await().atMost(ARRIVAL_BOUND).pollInterval(Duration.ofMillis(500)).until(() -> foundByApi().size() == LOOKUPS);
        Path target = topology.repoRoot().resolve("e2e").resolve("target");
        this.screenshots = target.resolve("screenshots");
        this.browser = Browser.start(target.resolve("browser-explore"));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theTracesViewListsTheLookupsAndARowOpensItsWaterfall() {
        try {
            openPage("/?view=traces");
            WebElement domainField = browser.byTestId("search-domain");
            domainField.sendKeys(domain);
            browser.byTestId("search-lookback").findElement(By.cssSelector("option[value='15m']")).click();
            browser.byTestId("search-submit").click();

            List<WebElement> rows = browser.await(PAGE_BOUND, "a row per lookup", d -> {
                List<WebElement> found = browser.allByTestId("trace-row");
                return found.size() == LOOKUPS ? found : null;
            });
            assertThat(rows.stream().map(r -> r.getDomAttribute("data-trace-id")).toList())
                    .as("the lookups' traces, newest first").containsExactlyElementsOf(traceIds.reversed());
            assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains(domain, "success"));
            assertThat(browser.byTestId("traces-scatter").getDomAttribute("data-points")).as("one point per trace")
                    .isEqualTo(String.valueOf(LOOKUPS));
            assertThat(browser.byTestId("traces-scatter").findElements(By.tagName("canvas"))).isNotEmpty();
            String searchUrl = browser.driver().getCurrentUrl();
            assertThat(searchUrl).as("the search is in the address").contains("view=traces", "domain=" + domain, "lookback=15m");
        } finally {
            browser.fullPageScreenshot(screenshots.resolve("traces.png"));
        }

        String searchUrl = browser.driver().getCurrentUrl();
        String newest = traceIds.getLast();
        browser.allByTestId("trace-link").getFirst().click();
        browser.await(PAGE_BOUND, "the waterfall of the trace clicked", d -> !browser.allByTestId("span-row").isEmpty()
                && newest.equals(browser.byTestId("trace-id").getText()));
        assertThat(browser.driver().getCurrentUrl()).endsWith("?trace=" + newest);
        assertThat(browser.byTestId("traces-view").isDisplayed()).isFalse();

        browser.driver().navigate().back();
        browser.await(PAGE_BOUND, "the list again", d -> browser.byTestId("traces-view").isDisplayed()
                && browser.allByTestId("trace-row").size() == LOOKUPS);
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(searchUrl);
        assertThat(browser.byTestId("search-domain").getDomProperty("value")).isEqualTo(domain);
    }

    @Test
    @Order(2)
    void aFilterThePageRefusesIsExplainedAtItsFieldAndNothingIsSearched() {
        openPage("/?view=traces&lookback=15m");
        String before = browser.driver().getCurrentUrl();
        WebElement minDuration = browser.byTestId("search-min-duration");
        minDuration.sendKeys("fast");
        browser.byTestId("search-submit").click();

        WebElement error = browser.await(PAGE_BOUND, "an error at the min duration", d -> browser.allByTestId("search-error-min_duration")
                .stream().findFirst().orElse(null));
        assertThat(error.getText()).contains("duration");
        assertThat(minDuration.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver().getCurrentUrl()).as("a refused search is not a new address").isEqualTo(before);
    }

    @Test
    @Order(3)
    void aRangeTheGatewayRefusesIsExplainedAtItsField() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        openPage("/?view=traces&lookback=custom&start=" + encode(end.minus(Duration.ofDays(3)).toString())
                + "&end=" + encode(end.toString()));

        WebElement error = browser.await(PAGE_BOUND, "the gateway's reason at a field of the range", d -> {
            List<WebElement> errors = browser.driver().findElements(By.cssSelector(
                    "[data-testid='search-error-start'], [data-testid='search-error-end']"));
            return errors.isEmpty() ? null : errors.getFirst();
        });
        assertThat(error.isDisplayed()).isTrue();
        assertThat(browser.byTestId("search-results").isDisplayed()).isFalse();
        assertThat(browser.byTestId("search-status-line").getText()).contains("rejected");
    }

    @Test
    @Order(4)
    void theServicesViewDrawsTheMapAndTheChartsAndALatencyChartOpensItsTraces() {
        List<String> services = ServiceNames.all(Gateway.LOCATIONS);
        try {
            // Span metrics reach Prometheus a flush and a scrape after the spans: reopen until every service has a rate.
            await().atMost(ARRIVAL_BOUND).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                openPage("/?view=services&range=15m");
                browser.await(PAGE_BOUND, "the view loaded", d -> browser.byTestId("services-view").getDomAttribute("data-loaded") != null);
                for (String service : services) {
                    WebElement card = serviceCard(service);
                    assertThat(Integer.parseInt(card.findElement(testId("chart-rate")).getDomAttribute("data-points")))
                            .as("points of %s's request rate", service).isPositive();
                }
            });
            for (String service : services) {
                WebElement card = serviceCard(service);
                assertThat(card.findElement(testId("chart-latency")).getDomAttribute("data-series")).isEqualTo("p50,p95,p99");
                assertThat(card.findElements(By.tagName("canvas"))).as("charts of %s", service).hasSize(3);
            }
            assertThat(browser.allByTestId("map-node").stream().map(n -> n.getDomAttribute("data-node")).toList())
                    .as("the map's nodes").containsAll(services).contains("dns:tasks", "dns:results");
            WebElement toOrchestrator = browser.driver().findElement(By.cssSelector(
                    "[data-testid='map-edge'][data-from='dns-gateway'][data-to='dns-orchestrator']"));
            assertThat(Integer.parseInt(toOrchestrator.getDomAttribute("data-calls"))).isGreaterThanOrEqualTo(LOOKUPS);
            assertThat(browser.allByTestId("location-metrics-card").stream().map(c -> c.getDomAttribute("data-location")).toList())
                    .containsExactlyElementsOf(Gateway.LOCATIONS);
        } finally {
            browser.fullPageScreenshot(screenshots.resolve("services.png"));
        }

        WebElement latency = serviceCard("dns-gateway").findElement(testId("chart-latency")).findElement(By.className("u-over"));
        // Right of the middle: the recent half of the range, where this test's lookups are.
        new Actions(browser.driver()).moveToElement(latency, latency.getSize().getWidth() / 4, 0).click().perform();
        browser.await(PAGE_BOUND, "the Traces view on that moment", d -> browser.byTestId("traces-view").isDisplayed());
        String url = browser.driver().getCurrentUrl();
        assertThat(url).contains("view=traces", "service=dns-gateway", "lookback=custom", "start=", "end=");
        browser.await(PAGE_BOUND, "the search ran", d -> !browser.byTestId("search-status-line").getText().isBlank()
                && !browser.byTestId("search-status-line").getText().startsWith("Searching"));
        assertThat(browser.byTestId("search-lookback").getDomProperty("value")).isEqualTo("custom");
    }

    private List<String> foundByApi() {
        HttpJson.Reply reply = HttpJson.get(topology.gatewayUrl() + "/api/v1/traces?lookback=15m&limit=50&tag="
                + encode("dns.domain=" + domain));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("traces").valueStream().map(t -> t.path("trace_id").asString()).toList();
    }

    private WebElement serviceCard(String service) {
        return browser.driver().findElement(By.cssSelector("[data-testid='service-card'][data-service='" + service + "']"));
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private void openPage(String path) {
        browser.open(topology.gatewayUrl() + path);
        browser.await(PAGE_BOUND, "the page is ready",
                d -> "true".equals(browser.script("return document.documentElement.dataset.ready")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
