package dev.geodig.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver ({@code ./geodig test} installs both).
 * Both paths are given explicitly, so Selenium never asks Selenium Manager to download a browser or a
 * driver; the surefire configuration also sets {@code SE_OFFLINE} in case it is consulted at all.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("geodig.e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("geodig.e2e.chromedriver", "/usr/bin/chromedriver"));
    static final Dimension DESKTOP = new Dimension(1280, 900);
    /**
     * Only chromedriver's own CDP relay is used (screenshots, phone width), never Selenium's
     * version-bound DevTools classes, so their warning that none matches this Chromium is noise. Held
     * in a field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser with a profile of its own under {@code targetDir}. */
    static Browser start(Path targetDir) {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: ./geodig test installs the Debian packages"
                        + " chromium and chromium-driver (apt-get install chromium chromium-driver)");
            }
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        try {
            Files.createDirectories(targetDir);
            Path profile = Files.createTempDirectory(targetDir, "chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(targetDir.resolve("chromedriver.log").toFile())
                    .withLogLevel(ChromiumDriverLogLevel.WARNING)
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
            driver.manage().window().setSize(DESKTOP);
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits (bounded) until {@code condition} yields something other than null or false. */
    <T> T await(Duration bound, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, bound, Duration.ofMillis(100)).withMessage(what).until(condition);
    }

    WebElement byTestId(String testId) {
        return driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    List<WebElement> allByTestId(String testId) {
        return driver.findElements(By.cssSelector("[data-testid='" + testId + "']"));
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * The whole page, not just the viewport, as a PNG (through the DevTools protocol, which chromedriver
     * relays: independent of the browser's version).
     */
    void fullPageScreenshot(Path file) {
        Number width = (Number) script("return document.documentElement.clientWidth");
        Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, window.innerHeight)");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays the page out as a phone of {@code width} CSS pixels would (overlay scrollbars, touch). */
    void emulatePhoneWidth(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
    }

    void stopEmulation() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Override
    public void close() {
        driver.quit();
        // Every run starts from a fresh profile; the old ones are only megabytes of cache.
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[e2e] could not remove the browser profile " + profile + ": " + e);
        }
    }
}
