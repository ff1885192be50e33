package dev.turnpike.gateway.webui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium through Debian's {@code chromium} and {@code chromium-driver} (no download:
 * both executables are given, so Selenium Manager is not used). {@link #start()} skips the calling test, with the
 * reason, when they are not installed. Waits are explicit and generous (a loaded 2-core machine is slow), and
 * screenshots go to {@code target/web-catalog/}, and also to the directory in the system property
 * {@code turnpike.screenshots} when it is set (how the docs' images are made).
 */
final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MAX_SHOT_HEIGHT = 2400;
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** Starts headless Chromium, or aborts the test (assumption) when Chromium or its driver is missing. */
    static Browser start() {
        Optional<String> chromium = executable("CHROME_BIN", CHROMIUM);
        Optional<String> driver = executable("CHROMEDRIVER", DRIVERS);
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(), "Chromium or chromium-driver is not"
                + " installed, so the web catalog's browser tests are skipped (install them with: apt-get install -y"
                + " chromium chromium-driver; .ci/run does)");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000", "--lang=en-US", "--disable-extensions", "--no-first-run");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.get())).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60)).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
        return new Browser(chrome);
    }

    private static Optional<String> executable(String env, List<String> candidates) {
        return Stream.concat(Stream.ofNullable(System.getenv(env)), candidates.stream())
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    /** Opens {@code url}, clears the session and logs in with {@code token}; waits for the APIs list. */
    void logIn(String url, String token) {
        driver.get(url);
        driver.executeScript("sessionStorage.clear();");
        driver.get(url + "#/apis");
        visible(By.id("token")).sendKeys(token + Keys.ENTER); // the keyboard submits the form
        visible(By.id("range"));
    }

    /** Goes to a hash route of the loaded page, as a click on a link would, and waits until it is shown. */
    void go(String hash) {
        driver.executeScript("location.hash = arguments[0];", hash);
        visible(By.cssSelector("#main > .view[data-route='" + hash.substring(1) + "']"));
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Clicks the element once it is clickable, finding it again if the page re-rendered it meanwhile. */
    void click(By by) {
        wait.until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** The text of the element {@code by} finds, found again if the live poll re-rendered it meanwhile. */
    String text(By by) {
        return wait.until(d -> d.findElement(by).getText());
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void waitUntil(java.util.function.Function<ChromeDriver, Boolean> condition) {
        wait.until(d -> condition.apply(driver));
    }

    /** Sets an input's value with an input event, as a user would: for inputs whose typing is locale-bound (dates). */
    void setValue(By by, String value) {
        wait.until(d -> {
            WebElement input = ExpectedConditions.visibilityOfElementLocated(by).apply(d);
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                    + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input, value);
            return true;
        });
    }

    /** Types into a text input, finding it again if the page re-rendered it meanwhile. */
    void type(By by, String text) {
        wait.until(d -> {
            ExpectedConditions.visibilityOfElementLocated(by).apply(d).sendKeys(text);
            return true;
        });
    }

    /** The page's form fields (outside the Swagger UI document) that have neither a label nor an aria-label. */
    @SuppressWarnings("unchecked")
    List<String> unlabelledFields() {
        return (List<String>) driver.executeScript("return [...document.querySelectorAll('#main input, #main select')]"
                + ".filter(e => !e.closest('#swagger'))"
                + ".filter(e => !(e.id && document.querySelector(`label[for=\"${e.id}\"]`)))"
                + ".filter(e => !e.getAttribute('aria-label'))"
                + ".map(e => e.outerHTML);");
    }

    /**
     * Saves the whole page (up to {@value #MAX_SHOT_HEIGHT} CSS pixels tall) as {@code <name>.png} under
     * target/web-catalog, and into the docs directory when asked.
     */
    Path screenshot(String name) {
        long height = Math.min(MAX_SHOT_HEIGHT, ((Number) driver.executeScript(
                "return document.documentElement.scrollHeight;")).longValue());
        long width = ((Number) driver.executeScript("return document.documentElement.clientWidth;")).longValue();
        return screenshot(name, 0, 0, width, height);
    }

    /** Saves the part of the page {@code element} covers (up to {@value #MAX_SHOT_HEIGHT} CSS pixels tall). */
    Path screenshot(String name, By element) {
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) driver.executeScript("const r = arguments[0]"
                + ".getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};",
                visible(element));
        return screenshot(name, box.get("x").longValue(), box.get("y").longValue(), box.get("w").longValue(),
                Math.min(MAX_SHOT_HEIGHT, box.get("h").longValue()));
    }

    private Path screenshot(String name, long x, long y, long width, long height) {
        try {
            Path dir = Path.of("target", "web-catalog");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", x, "y", y, "width", width, "height", height, "scale", 1)));
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            String docs = System.getProperty("turnpike.screenshots");
            if (docs != null && !docs.isBlank()) {
                Files.createDirectories(Path.of(docs));
                Files.copy(file, Path.of(docs, name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails when the console showed, since the last look, a Content-Security-Policy violation, another refusal or a
     * CORS error.
     */
    void assertNoRefusalsInConsole() {
        org.assertj.core.api.Assertions.assertThat(consoleMessages()).as("browser console")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to") || m.contains("CORS"));
    }

    /** The browser console's messages since the last call. */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
