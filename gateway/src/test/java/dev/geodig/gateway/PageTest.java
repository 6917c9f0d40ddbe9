package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page as the gateway serves it: at {@code /}, with every file it loads, under a Content-Security-
 * Policy that allows only its own origin, and with no way for a DNS answer to become markup. (What it
 * shows is proven in a real browser, by the e2e module's BrowserTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageTest {

    private static final Path PAGE_SOURCES = Path.of("src/main/resources/ui");
    private static final Pattern LINKED_FILE = Pattern.compile("(?:src|href)=\"(/(?:ui|webjars)/[^\"]+)\"");
    private static final Pattern IMPORTED_MODULE = Pattern.compile("(?:import|from)\\s*\\(?\\s*['\"](\\./[^'\"]+|/(?:ui|webjars)/[^'\"]+)['\"]");

    @DynamicPropertySource
    static void nothingBehind(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    private GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
    }

    @Test
    void thePageIsAtTheRootUnderAPolicyThatAllowsOnlyItsOwnOrigin() {
        Answer page = gateway.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.response().body()).contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
    }

    @Test
    void everyFileThePageLoadsIsServedWithItsType() throws IOException {
        Set<String> files = filesThePageLoads();
        assertThat(files).contains("/ui/app.js", "/ui/style.css", "/webjars/uplot/dist/uPlot.esm.js", "/ui/client-subnet.js");

        for (String file : files) {
            Answer answer = gateway.get(file);
            assertThat(answer.status()).as(file).isEqualTo(200);
            assertThat(answer.contentType()).as(file).startsWith(expectedType(file));
            assertThat(answer.header("Content-Security-Policy")).as(file).isNotNull();
        }
    }

    @Test
    void theAssetsUseNoHtmlSinkNoInlineCodeAndNothingFromTheNetwork() throws IOException {
        try (Stream<Path> files = Files.list(PAGE_SOURCES)) {
            for (Path file : files.toList()) {
                // An SVG names its XML namespace with a URL (in markup, and where a script creates SVG
                // elements); that is an identifier, nothing is loaded from it.
                String text = Files.readString(file).replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
                        .replace("'http://www.w3.org/2000/svg'", "");
                assertThat(text).as(file.toString())
                        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                                "new Function", "http://", "https://", "style=\"", "onclick=", "onload=");
                if (file.toString().endsWith(".html")) {
                    assertThat(text).as("inline script or style in %s", file).doesNotContainPattern("<script(?![^>]*src=)")
                            .doesNotContain("<style");
                }
            }
        }
    }

    @Test
    void everyViewInTheBarHasItsOwnPartOfThePageAndItsModule() throws IOException {
        String index = Files.readString(PAGE_SOURCES.resolve("index.html"));
        String app = Files.readString(PAGE_SOURCES.resolve("app.js"));
        List<String> views = matches(Pattern.compile("data-view-link=\"([a-z]+)\""), index);

        assertThat(views).containsExactly("lookup", "traces", "services", "faults");
        for (String view : views) {
            assertThat(index).as("the part of the page of %s", view).containsOnlyOnce("<main data-view=\"" + view + "\"");
            assertThat(app).as("the module of %s in app.js's views", view).containsPattern("\\b" + view + ": [a-z]+View\\b");
        }
    }

    @Test
    void theAnswerAndTheTraceEachCarryTheInjectedFaultsBanner() throws IOException {
        String index = Files.readString(PAGE_SOURCES.resolve("index.html"));
        // The answer's cards are drawn into answer-body, so redrawing them leaves the banner in place.
        String answer = index.substring(index.indexOf("<section id=\"answer\""), index.indexOf("</section>", index.indexOf("<section id=\"answer\"")));
        String trace = index.substring(index.indexOf("<section class=\"trace\""), index.indexOf("</section>", index.indexOf("<section class=\"trace\"")));

        assertThat(answer).contains("data-fault-banner", "data-testid=\"fault-banner-answer\"", "data-testid=\"answer-body\"");
        assertThat(trace).contains("data-fault-banner", "data-testid=\"fault-banner-trace\"");
        assertThat(Files.readString(PAGE_SOURCES.resolve("api.js"))).as("the faults read every 2 s makes no trace")
                .containsPattern("faults = \\(signal\\) => request\\('GET', '/api/v1/faults', \\{ signal, untraced: true \\}\\)");
    }

    @Test
    void onlyGetReachesThePage() {
        Answer post = gateway.send(gateway.request("/").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(post, 405);
    }

    @Test
    void nothingOutsideThePageFolderIsServed() {
        for (String path : List.of("/ui/../application.yml", "/ui/%2e%2e/application.yml", "/application.yml",
                "/ui/nothing-here.js", "/dev/geodig/gateway/GatewayApplication.class")) {
            Answer answer = gateway.get(path);
            assertThat(answer.status()).as(path).isIn(400, 404);
            assertThat(answer.response().body()).as(path).doesNotContain("orchestrator-url");
        }
    }

    /** The files index.html links and every module the scripts import, transitively. */
    private static Set<String> filesThePageLoads() throws IOException {
        Set<String> files = new LinkedHashSet<>();
        List<String> toRead = new ArrayList<>(matches(LINKED_FILE, Files.readString(PAGE_SOURCES.resolve("index.html"))));
        while (!toRead.isEmpty()) {
            String file = toRead.removeFirst();
            // A WebJar's files come from its jar, not from the page's sources: served, not read here.
            if (!files.add(file) || !file.endsWith(".js") || file.startsWith("/webjars/")) {
                continue;
            }
            for (String imported : matches(IMPORTED_MODULE, Files.readString(PAGE_SOURCES.resolve(file.substring("/ui/".length()))))) {
                toRead.add(imported.startsWith("./") ? "/ui/" + imported.substring(2) : imported);
            }
        }
        return files;
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String expectedType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript";
        }
        if (file.endsWith(".css")) {
            return "text/css";
        }
        if (file.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "";
    }
}
