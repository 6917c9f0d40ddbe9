package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The page at {@code /}, in a real headless Chromium against the real topology: what a user sees after
 * a lookup (each location's own answers, tailored to its client subnet, the agreement, the trace as a
 * waterfall), a name that is the same for everyone, a rejected domain,
 * hostile DNS answers shown as text, a trace opened by its id, and a trace whose spans arrive before their
 * parent. Every check reads the DOM the user sees; the screenshots of the answered page land in
 * {@code e2e/target/screenshots/}.
 */
@Order(6)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

    /** The gateway waits up to 10 s for the orchestrator; a lookup's answer is on the page before this. */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(30);
    /** The page polls for the trace for about 10 s by itself; this only bounds the test's wait for it. */
    static final Duration TRACE_BOUND = Duration.ofSeconds(30);
    static final Duration PAGE_BOUND = Duration.ofSeconds(15);
    static final List<String> DEFAULT_RECORD_TYPES = List.of("A", "AAAA", "MX", "TXT", "NS");
    static final List<String> DESIGN_SPANS = List.of("orchestrate_dns_lookup", "publish_dns_task", "wait_for_results",
            "process_dns_task", "lookup_all_records", "lookup_a_record", "lookup_aaaa_record");
    static final String HOSTILE_NAME = "hostile.geodig.test";
    /** A name without geo answers in the demo zone: the same for every client, answered with scope 0. */
    static final String SAME_FOR_EVERYONE_NAME = "static.geodig.test";
    static final int PHONE_WIDTH = 375;
    /** Not one of the five services, so the idle check never sees these hand-made traces. */
    static final String LATE_PARENT_PROBE = "e2e-late-parent-probe";
    /** Longer than the page's first polls together (0.3 + 0.45 + 0.68 s), well within its 10 s bound. */
    static final Duration PARENT_DELAY = Duration.ofMillis(2_500);

    private GeodigTopology topology;
    private DemoZones zones;
    private Browser browser;
    private Path screenshots;
    /** The trace of the first scenario's lookup, opened again by id in the last one. */
    private String demoTraceId;

    @BeforeAll
    void startBrowser(GeodigTopology topology) {
        this.topology = topology;
        this.zones = new DemoZones(topology);
        Path target = topology.repoRoot().resolve("e2e").resolve("target");
        this.screenshots = target.resolve("screenshots");
        this.browser = Browser.start(target.resolve("browser"));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void demoLookupShowsEveryLocationsAnswersTheirAgreementAndTheTrace() {
        try {
            lookUpTheDemoNameAndCheckTheAnswerAndWaterfall();
        } finally {
            browser.fullPageScreenshot(screenshots.resolve("lookup.png"));
        }
        try {
            browser.emulatePhoneWidth(PHONE_WIDTH);
            // Readable on a phone: nothing wider than the screen, the cards stacked, the waterfall there.
            browser.await(PAGE_BOUND, "the page laid out at " + PHONE_WIDTH + " px",
                    d -> number("return document.documentElement.clientWidth") == PHONE_WIDTH);
            assertThat(number("return document.documentElement.scrollWidth"))
                    .as("page width at %d px (no horizontal scrolling)", PHONE_WIDTH).isLessThanOrEqualTo(PHONE_WIDTH);
            List<WebElement> cards = browser.allByTestId("location-card");
            assertThat(cards.stream().map(c -> c.getRect().getX()).distinct().toList())
                    .as("the location cards are stacked in one column").hasSize(1);
            assertThat(cards.stream().map(c -> c.getRect().getY()).distinct().toList()).hasSize(Gateway.LOCATIONS.size());
            WebElement firstRow = browser.allByTestId("span-row").getFirst();
            assertThat(firstRow.isDisplayed()).isTrue();
            assertThat(firstRow.getRect().getX() + firstRow.getRect().getWidth()).isLessThanOrEqualTo(PHONE_WIDTH);
        } finally {
            browser.fullPageScreenshot(screenshots.resolve("lookup-375.png"));
            browser.stopEmulation();
        }
    }

    private void lookUpTheDemoNameAndCheckTheAnswerAndWaterfall() {
        openPage("/");
        WebElement domain = browser.byTestId("domain-input");
        assertThat(domain.getDomProperty("value")).as("the prefilled domain").isEqualTo(DemoLookupTest.DEMO_NAME);
        assertThat(checkedValues("record-type")).as("record types checked by default")
                .containsExactlyInAnyOrderElementsOf(DEFAULT_RECORD_TYPES);
        assertThat(browser.allByTestId("record-type")).as("every supported record type is offered").hasSizeGreaterThan(5);
        assertThat(checkedValues("location-option")).as("locations checked by default")
                .containsExactlyInAnyOrderElementsOf(Gateway.LOCATIONS);
        Map<String, String> configuredSubnets = configuredSubnets();
        for (String location : Gateway.LOCATIONS) {
            WebElement option = browser.driver().findElement(By.cssSelector(
                    "[data-testid='location-option'][data-location='" + location + "']")).findElement(By.xpath("./.."));
            assertThat(option.findElement(testId("location-option-subnet")).getText()).as("the form's subnet of %s", location)
                    .isEqualTo("client subnet " + String.join(", ",
                            Arrays.stream(configuredSubnets.get(location).split(",")).map(String::strip).toList()));
        }

        domain.sendKeys(Keys.ENTER); // Enter in the field submits the form
        awaitLocationCards();

        for (String location : Gateway.LOCATIONS) {
            WebElement card = card(location);
            assertThat(card.findElement(testId("location-status")).getText()).as("status of %s", location).isEqualTo("success");
            assertThat(answerValues(card, "A")).as("A answers on the card of %s", location)
                    .isEqualTo(zones.rdata(location, "www", "A"));
            // The demo zone answers www from its geo map by the location's subnet, with that net's prefix as scope.
            String sent = sentSubnet(configuredSubnets.get(location));
            String scope = sent.substring(sent.indexOf('/') + 1);
            assertThat(card.findElement(testId("location-subnet")).getText()).as("the subnet on the card of %s", location)
                    .isEqualTo("client subnet " + sent);
            WebElement mark = ecsMark(card, "A");
            assertThat(mark.getDomProperty("textContent")).as("the ECS mark of %s's A answer", location).isEqualTo("tailored /" + scope);
            assertThat(mark.getDomAttribute("data-ecs")).isEqualTo("tailored");
            assertThat(mark.getDomAttribute("title")).isEqualTo("answer chosen for " + sent + " (scope /" + scope + ")");
            assertThat(mark.isDisplayed()).isTrue();
        }
        for (String type : List.of("A", "AAAA")) {
            WebElement verdict = agreementRow(type).findElement(testId("agreement-verdict"));
            assertThat(verdict.getDomAttribute("data-verdict")).as("agreement verdict for %s", type).isEqualTo("differ");
            assertThat(verdict.getDomAttribute("data-tailored")).as("every location's %s answer chosen for it", type).isEqualTo("true");
            assertThat(verdict.getText()).isEqualTo("differs — tailored by location");
            long distinctAnswers = Gateway.LOCATIONS.stream().map(location -> zones.rdata(location, "www", type)).distinct().count();
            assertThat(agreementRow(type).findElements(testId("agreement-group")))
                    .as("one group of locations per distinct %s answer", type).hasSize((int) distinctAnswers);
        }
        assertThat(browser.byTestId("answer-status").getText()).isEqualTo("success");
        demoTraceId = browser.byTestId("answer-trace-id").getText();
        assertThat(demoTraceId).matches("[0-9a-f]{32}");
        assertThat(browser.driver().getCurrentUrl()).as("the shareable address of the trace").endsWith("?trace=" + demoTraceId);

        awaitCompleteTrace();
        assertThat(rowsByAttribute("data-service")).as("services in the waterfall")
                .containsExactlyInAnyOrderElementsOf(TraceInJaegerTest.SERVICES);
        assertThat(rowsByAttribute("data-span-name")).as("span names in the waterfall").containsAll(DESIGN_SPANS);
        assertThat(browser.byTestId("trace-summary").getText()).contains(TraceInJaegerTest.SERVICES.size() + " services");
        assertThat(browser.byTestId("trace-legend").getText()).contains(TraceInJaegerTest.SERVICES);
        for (String worker : ServiceNames.workers(Gateway.LOCATIONS)) {
            assertLookupBarsOverlap(worker);
        }
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid='span-row'][data-span-name='process_dns_task']")))
                .allSatisfy(row -> assertThat(row.getDomAttribute("data-kind")).isEqualTo("consumer"));

        // Keyboard first: Enter on a focused row opens its details; any location's will do, the first one's.
        String first = Gateway.LOCATIONS.getFirst();
        WebElement process = spanRow("process_dns_task", ServiceNames.worker(first));
        process.sendKeys(Keys.ENTER);
        Map<String, String> processAttributes = awaitDetailsOf("process_dns_task");
        assertThat(processAttributes).containsEntry("messaging.consumer.group.name", "workers-" + first)
                .containsEntry("worker.location", first)
                .containsEntry("trace.id", demoTraceId);
        assertThat(process.getDomAttribute("aria-expanded")).isEqualTo("true");

        // Then the mouse: another worker's lookup span (the last location's), whose details stay open in the screenshot.
        String last = Gateway.LOCATIONS.getLast();
        spanRow("lookup_a_record", ServiceNames.worker(last)).click();
        Map<String, String> lookupAttributes = awaitDetailsOf("lookup_a_record");
        assertThat(lookupAttributes).containsEntry("geodig.dns.record_type", "A")
                .containsEntry("geodig.dns.rcode", "NOERROR")
                .containsEntry("worker.location", last);
        assertThat(browser.byTestId("span-details").getText()).contains(ServiceNames.worker(last), "lookup_all_records");
    }

    @Test
    @Order(2)
    void aRejectedDomainIsExplainedAtTheDomainField() {
        openPage("/");
        WebElement domain = browser.byTestId("domain-input");
        domain.clear();
        domain.sendKeys("a..b");
        browser.byTestId("submit").click();

        WebElement error = browser.await(ANSWER_BOUND, "an error at the domain field", d -> {
            WebElement slot = browser.byTestId("domain-error");
            return slot.getText().isBlank() ? null : slot;
        });
        assertThat(error.isDisplayed()).isTrue();
        assertThat(domain.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(domain.getDomAttribute("aria-describedby")).isEqualTo(error.getDomAttribute("id"));
        assertThat(browser.byTestId("locations-error").getText()).isBlank();
        assertThat(browser.byTestId("record-types-error").getText()).isBlank();
        assertThat(browser.allByTestId("location-card")).as("no answer for a rejected lookup").isEmpty();
        assertThat(browser.byTestId("submit").getDomAttribute("aria-disabled")).as("the button is usable again").isEqualTo("false");
        assertThat(browser.byTestId("lookup-form").getDomAttribute("aria-busy")).isEqualTo("false");
    }

    @Test
    @Order(3)
    void hostileAnswersAreShownAsTextAndNothingRuns() {
        HttpJson.Reply page = HttpJson.get(topology.gatewayUrl() + "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).as("the page's Content-Security-Policy")
                .isNotNull()
                .contains("default-src 'self'", "script-src 'self'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");

        openPage("/");
        // Records any attempt to run or load something the policy forbids, should rendering ever parse markup.
        browser.script("window.__cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective));");
        String title = browser.driver().getTitle();
        long imagesBefore = number("return document.images.length");

        WebElement domain = browser.byTestId("domain-input");
        domain.clear();
        domain.sendKeys(HOSTILE_NAME);
        for (WebElement type : browser.allByTestId("record-type")) {
            if (type.isSelected() != "TXT".equals(type.getDomAttribute("value"))) {
                type.click();
            }
        }
        assertThat(checkedValues("record-type")).containsExactly("TXT");
        browser.byTestId("submit").click();
        awaitLocationCards();

        for (String location : Gateway.LOCATIONS) {
            WebElement card = card(location);
            Set<String> shown = answerValues(card, "TXT");
            assertThat(shown).as("TXT answers of %s, shown literally", location).isEqualTo(zones.rdata(location, "hostile", "TXT"));
            assertThat(card.getText()).contains("<script>window.__geodigPwned=1", "<img src=x onerror=");
        }
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid='answer'] img, [data-testid='answer'] script")))
                .as("elements made from the answers").isEmpty();
        assertThat(number("return document.images.length")).as("images in the page").isEqualTo(imagesBefore);
        assertThat(browser.script("return window.__geodigPwned === undefined")).as("window.__geodigPwned untouched").isEqualTo(true);
        assertThat(browser.driver().getTitle()).isEqualTo(title).isNotEqualTo("pwned");
        assertThat((List<?>) browser.script("return window.__cspViolations")).as("content the policy had to block").isEmpty();
    }

    @Test
    @Order(4)
    void aTraceOpensByItsId() throws InterruptedException {
        String traceId = demoTraceId != null ? demoTraceId : lookUpThroughTheApi();
        long startMicros = System.currentTimeMillis() * 1000;

        openPage("/?trace=" + traceId);
        awaitCompleteTrace();
        assertThat(browser.byTestId("trace-id").getText()).isEqualTo(traceId);
        assertThat(rowsByAttribute("data-service")).containsExactlyInAnyOrderElementsOf(TraceInJaegerTest.SERVICES);
        assertThat(rowsByAttribute("data-span-name")).containsAll(DESIGN_SPANS);
        assertThat(browser.allByTestId("location-card")).as("a trace opened by id shows no answer").isEmpty();

        // The same through the page's own field, with the keyboard.
        openPage("/");
        WebElement input = browser.byTestId("open-trace-input");
        input.sendKeys(traceId, Keys.ENTER);
        awaitCompleteTrace();
        assertThat(rowsByAttribute("data-span-name")).containsAll(DESIGN_SPANS);
        assertThat(browser.driver().getCurrentUrl()).endsWith("?trace=" + traceId);

        // Looking at a trace makes no trace: the page's own reads go out unsampled (ADR 0003). Loading
        // the page's files is an ordinary request and may be traced; its API reads must not be.
        Thread.sleep(Duration.ofSeconds(2));
        List<String> apiReads = new Jaeger(topology).tracesSince("dns-gateway", startMicros).stream()
                .flatMap(trace -> trace.roots().stream())
                .map(JaegerTrace.Span::operationName)
                .filter(name -> name.startsWith("GET /api/"))
                .toList();
        assertThat(apiReads).as("traces of the page's own API reads").isEmpty();
    }

    @Test
    @Order(5)
    void anOrchestratorThatNeverAnswersIsExplainedNotABlankPage() {
        openPage("/");
        topology.processes().signal("dns-orchestrator", "STOP");
        WebElement error;
        try {
            browser.byTestId("domain-input").sendKeys(Keys.ENTER);
            // The gateway gives the orchestrator 10 s, then answers 504 with a detail that says so.
            error = browser.await(ANSWER_BOUND, "the gateway's problem shown on the page", d -> {
                WebElement slot = browser.byTestId("form-error");
                return slot.getText().isBlank() ? null : slot;
            });
        } finally {
            topology.processes().signal("dns-orchestrator", "CONT");
        }

        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).contains("orchestrator did not answer within");
        assertThat(browser.allByTestId("location-card")).as("no answer to show").isEmpty();
        assertThat(browser.byTestId("lookup-form").getDomAttribute("aria-busy")).isEqualTo("false");

        awaitEveryLocationAnswersAgain();
    }

    @Test
    @Order(6)
    void aLocationWhoseWorkerNeverAnswersIsShownAsATimeout() {
        // Any location will do: the last one's workers are frozen.
        String frozen = Gateway.LOCATIONS.getLast();
        openPage("/");
        Set<String> services;
        List<String> instances = topology.processes().workerInstances(frozen);
        instances.forEach(instance -> topology.processes().signal(instance, "STOP"));
        try {
            browser.byTestId("domain-input").sendKeys(Keys.ENTER);
            awaitLocationCards();
            // The page waits only for the services that answered: its trace is complete without the
            // frozen one (thawed only afterwards, so its late spans cannot sneak in).
            awaitCompleteTrace();
            services = rowsByAttribute("data-service");
        } finally {
            instances.forEach(instance -> topology.processes().signal(instance, "CONT"));
        }
        List<String> answering = TraceInJaegerTest.SERVICES.stream().filter(s -> !s.equals(ServiceNames.worker(frozen))).toList();
        assertThat(services).doesNotContain(ServiceNames.worker(frozen)).containsAll(answering);

        WebElement card = browser.driver().findElement(By.cssSelector("[data-testid='location-card'][data-location='" + frozen + "']"));
        assertThat(card.findElement(testId("location-status")).getText()).isEqualTo("timeout");
        assertThat(card.findElement(testId("location-error")).getText()).startsWith("no result within");
        assertThat(card.getText()).contains("did not answer in time");
        assertThat(browser.byTestId("answer-status").getText()).isEqualTo("partial");
        // The others still answered, and still differ: agreement is not "same" for want of a location.
        WebElement a = browser.driver().findElement(By.cssSelector("[data-testid='agreement-row'][data-record-type='A']"));
        assertThat(a.findElement(testId("agreement-verdict")).getDomAttribute("data-verdict")).isEqualTo("differ");
        assertThat(a.getText()).contains(frozen);
        awaitEveryLocationAnswersAgain();
    }

    @Test
    @Order(7)
    void aSpanWhoseParentHasNotArrivedKeepsThePageWaitingUntilItHas() throws InterruptedException {
        // Each service exports on its own schedule, so a child can reach Jaeger before its parent (the
        // orchestrator's outermost spans end last). Made here by hand: the child first, the parent later.
        ProbeSpan parent = ProbeSpan.root(LATE_PARENT_PROBE, ProbeSpan.randomTraceId(), "late_parent");
        ProbeSpan child = parent.child("early_child");
        assertThat(child.send(topology.jaegerOtlpHttpUrl(), Map.of()).status()).isEqualTo(200);

        openPage("/?trace=" + parent.traceId());
        browser.await(TRACE_BOUND, "the child span drawn", d -> rowsByAttribute("data-span-name").contains("early_child"));
        // The span count no longer changes; counting alone would call the trace complete within a second.
        Thread.sleep(PARENT_DELAY);
        assertThat(browser.byTestId("trace-progress").getDomAttribute("data-state"))
                .as("the page's state while a span's parent is missing: %s", browser.byTestId("trace-progress").getText())
                .isEqualTo("waiting");

        assertThat(parent.send(topology.jaegerOtlpHttpUrl(), Map.of()).status()).isEqualTo(200);
        awaitCompleteTrace();
        assertThat(browser.allByTestId("span-row").stream().map(row -> row.getDomAttribute("data-span-name")).toList())
                .as("the parent first, its child under it").containsExactly("late_parent", "early_child");
    }

    @Test
    @Order(8)
    void aParentThatNeverArrivesIsNamedWhenThePageStopsWaiting() {
        ProbeSpan child = ProbeSpan.root(LATE_PARENT_PROBE, ProbeSpan.randomTraceId(), "late_parent").child("orphan");
        assertThat(child.send(topology.jaegerOtlpHttpUrl(), Map.of()).status()).isEqualTo(200);

        openPage("/?trace=" + child.traceId());
        assertThat(awaitTraceVerdict()).isEqualTo("incomplete");
        assertThat(browser.byTestId("trace-progress").getText())
                .startsWith("This trace may be incomplete")
                .contains("1 span without its parent");
        assertThat(rowsByAttribute("data-span-name")).containsExactly("orphan");
    }

    @Test
    @Order(9)
    void aNameWithoutGeoAnswersIsMarkedTheSameForEveryone() {
        openPage("/");
        WebElement domain = browser.byTestId("domain-input");
        domain.clear();
        domain.sendKeys(SAME_FOR_EVERYONE_NAME);
        for (WebElement type : browser.allByTestId("record-type")) {
            if (type.isSelected() != "A".equals(type.getDomAttribute("value"))) {
                type.click();
            }
        }
        assertThat(checkedValues("record-type")).containsExactly("A");
        browser.byTestId("submit").click();
        awaitLocationCards();

        Set<String> firstAnswers = answerValues(card(Gateway.LOCATIONS.getFirst()), "A");
        assertThat(firstAnswers).as("A answers of %s", SAME_FOR_EVERYONE_NAME).isNotEmpty();
        for (String location : Gateway.LOCATIONS) {
            WebElement card = card(location);
            assertThat(answerValues(card, "A")).as("A answers on the card of %s", location).isEqualTo(firstAnswers);
            WebElement mark = ecsMark(card, "A");
            assertThat(mark.getDomProperty("textContent")).as("the ECS mark of %s's A answer", location).isEqualTo("scope /0");
            assertThat(mark.getDomAttribute("data-ecs")).isEqualTo("everyone");
            assertThat(mark.getDomAttribute("title")).isEqualTo("same for everyone (scope /0)");
        }
        WebElement verdict = agreementRow("A").findElement(testId("agreement-verdict"));
        assertThat(verdict.getDomAttribute("data-verdict")).isEqualTo("same");
        assertThat(verdict.getDomAttribute("data-tailored")).as("scope 0 is not tailored").isEqualTo("false");
        assertThat(verdict.getText()).isEqualTo("same everywhere");
    }

    /** Leaves the topology as found: after a thaw, a lookup succeeds again before the next test runs. */
    private void awaitEveryLocationAnswersAgain() {
        Gateway gateway = new Gateway(topology);
        await("every location answers again after SIGCONT").atMost(Duration.ofSeconds(30)).until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A")));
            return reply.status() == 200 && "success".equals(reply.json().path("status").asString());
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void openPage(String path) {
        browser.open(topology.gatewayUrl() + path);
        // The page marks itself ready once its options (record types, locations) are loaded.
        browser.await(PAGE_BOUND, "the page loaded its options",
                d -> "true".equals(browser.script("return document.documentElement.dataset.ready")));
    }

    private void awaitLocationCards() {
        browser.await(ANSWER_BOUND, "a card per location", d -> browser.allByTestId("location-card").size() == Gateway.LOCATIONS.size());
        assertThat(browser.allByTestId("location-card").stream().map(c -> c.getDomAttribute("data-location")).toList())
                .containsExactlyElementsOf(Gateway.LOCATIONS);
    }

    /** Waits until the page says the trace is complete; its own polling is bounded, and says so if not. */
    private void awaitCompleteTrace() {
        assertThat(awaitTraceVerdict()).as("the page's verdict on the trace: %s; rows %s", browser.byTestId("trace-progress").getText(),
                rowsByAttribute("data-span-name")).isEqualTo("complete");
    }

    /** The page's verdict once it stops polling for the trace: {@code complete} or {@code incomplete}. */
    private String awaitTraceVerdict() {
        return browser.await(TRACE_BOUND, "the page to finish waiting for the trace", d -> {
            String s = browser.byTestId("trace-progress").getDomAttribute("data-state");
            return "complete".equals(s) || "incomplete".equals(s) ? s : null;
        });
    }

    private List<String> checkedValues(String testId) {
        return browser.allByTestId(testId).stream().filter(WebElement::isSelected).map(e -> e.getDomAttribute("value")).toList();
    }

    private WebElement card(String location) {
        return browser.driver().findElement(By.cssSelector("[data-testid='location-card'][data-location='" + location + "']"));
    }

    private WebElement agreementRow(String type) {
        return browser.driver().findElement(By.cssSelector("[data-testid='agreement-row'][data-record-type='" + type + "']"));
    }

    /** The mark beside a record type's rcode on a card that says how its answer relates to the location's subnet. */
    private static WebElement ecsMark(WebElement card, String type) {
        List<WebElement> marks = card.findElements(
                By.cssSelector("[data-testid='record'][data-record-type='" + type + "'] [data-testid='answer-ecs']"));
        assertThat(marks).as("ECS marks of the %s row", type).hasSize(1);
        return marks.getFirst();
    }

    /**
     * Each location's client subnet as the launcher gave it to the gateway from the topology file (an IPv4
     * and/or an IPv6 prefix, comma-separated); every demo location has one and sends it.
     */
    private Map<String, String> configuredSubnets() {
        HttpJson.Reply reply = HttpJson.get(topology.gatewayUrl() + "/api/v1/locations");
        assertThat(reply.status()).as("locations: %s", reply.body()).isEqualTo(200);
        Map<String, String> subnets = new TreeMap<>();
        reply.json().get("locations").valueStream().forEach(location -> {
            String name = location.get("name").asString();
            JsonNode subnet = location.get("client_subnet");
            assertThat(subnet != null && subnet.isString()).as("client_subnet of %s: %s", name, subnet).isTrue();
            assertThat(location.get("ecs").asBoolean()).as("ECS on at %s", name).isTrue();
            subnets.put(name, subnet.asString());
        });
        assertThat(subnets).containsOnlyKeys(Gateway.LOCATIONS);
        return subnets;
    }

    /** The one a location's queries carry: the first of its configured subnets. */
    private static String sentSubnet(String configured) {
        return configured.split(",")[0].strip();
    }

    private static Set<String> answerValues(WebElement card, String type) {
        Set<String> values = new TreeSet<>();
        for (WebElement value : card.findElements(
                By.cssSelector("[data-testid='record'][data-record-type='" + type + "'] [data-testid='answer-value']"))) {
            values.add(value.getDomProperty("textContent"));
        }
        return values;
    }

    private Set<String> rowsByAttribute(String attribute) {
        Set<String> values = new LinkedHashSet<>();
        for (WebElement row : browser.allByTestId("span-row")) {
            values.add(row.getDomAttribute(attribute));
        }
        return values;
    }

    private WebElement spanRow(String name, String service) {
        return browser.driver().findElement(By.cssSelector(
                "[data-testid='span-row'][data-span-name='" + name + "'][data-service='" + service + "']"));
    }

    /**
     * One worker's {@code lookup_<type>_record} bars overlap on screen, as their spans do in time: the
     * rightmost left edge is left of the leftmost right edge.
     */
    private void assertLookupBarsOverlap(String service) {
        List<WebElement> rows = browser.driver().findElements(By.cssSelector(
                "[data-testid='span-row'][data-service='" + service + "'][data-span-name^='lookup_'][data-span-name$='_record']"));
        List<String> expected = DEFAULT_RECORD_TYPES.stream().map(t -> "lookup_" + t.toLowerCase(Locale.ROOT) + "_record").toList();
        assertThat(rows.stream().map(r -> r.getDomAttribute("data-span-name")).toList())
                .as("lookup spans of %s", service).containsExactlyInAnyOrderElementsOf(expected);
        List<String> ranges = new ArrayList<>();
        int latestStart = Integer.MIN_VALUE;
        int earliestEnd = Integer.MAX_VALUE;
        for (WebElement row : rows) {
            Rectangle bar = row.findElement(testId("span-bar")).getRect();
            latestStart = Math.max(latestStart, bar.getX());
            earliestEnd = Math.min(earliestEnd, bar.getX() + bar.getWidth());
            ranges.add(row.getDomAttribute("data-span-name") + " x=" + bar.getX() + "+" + bar.getWidth());
        }
        assertThat(latestStart).as("the lookup bars of %s overlap: %s", service, ranges).isLessThan(earliestEnd);
    }

    /** Waits for the details panel to show {@code spanName}; returns its attribute table. */
    private Map<String, String> awaitDetailsOf(String spanName) {
        WebElement details = browser.await(PAGE_BOUND, "details of " + spanName, d -> {
            List<WebElement> panels = browser.allByTestId("span-details");
            return panels.size() == 1 && panels.getFirst().getText().contains(spanName) ? panels.getFirst() : null;
        });
        assertThat(details.isDisplayed()).isTrue();
        Map<String, String> attributes = new TreeMap<>();
        for (WebElement row : details.findElements(By.cssSelector("[data-testid='span-attributes'] tr"))) {
            attributes.put(row.findElement(By.tagName("th")).getText(), row.findElement(By.tagName("td")).getText());
        }
        return attributes;
    }

    private long number(String script) {
        return ((Number) browser.script(script)).longValue();
    }

    private static By testId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }

    private String lookUpThroughTheApi() {
        HttpJson.Reply reply = new Gateway(topology).lookup(
                Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, DEFAULT_RECORD_TYPES));
        assertThat(reply.status()).as("lookup: %s", reply.body()).isEqualTo(200);
        return reply.json().path("trace_id").asString();
    }
}
