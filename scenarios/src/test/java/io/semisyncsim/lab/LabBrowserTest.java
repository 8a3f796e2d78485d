package io.semisyncsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.live.LiveSession;
import io.semisyncsim.live.CliProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lab as a teacher uses it, in Debian's chromium driven by Selenium through Debian's chromedriver:
 * semisync installed and enabled through the page's SQL console, the link cut on the topology picture,
 * a commit, the clock moved past the timeout, the status OFF on the page, the link healed, ON again,
 * a typo answered with the reader's message; then the scenario downloaded and replayed with
 * {@code run} to the trace digest the page shows. Under {@code CI=true} chromium and chromedriver must be
 * there (.ci/run installs them); elsewhere the test is skipped, saying why, when they are not.
 */
class LabBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    private LiveSession session;
    private LabServer server;
    private ChromeDriverService service;
    private WebDriver driver;
    private Set<Long> before;

    @BeforeEach
    void start() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (ci) {
                assertTrue(Files.isExecutable(p), "CI=true: the lab's browser test must run, and " + p
                        + " is missing (.ci/run installs chromium and chromium-driver)");
            } else {
                Assumptions.assumeTrue(Files.isExecutable(p), "skipped: " + p + " is not installed");
            }
        }
        before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        session = LiveSession.start(LiveSession.fresh("mysql-8.0", 1, 1).withSpeed(1).withFileWrites(false));
        server = LabServer.start(session, InetAddress.getLoopbackAddress(), 0);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--window-size=1400,1500", "--user-data-dir=" + dir.resolve("profile"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", dir.resolve("downloads").toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.close();
        }
        if (session != null) {
            session.close();
        }
        // Whatever chromium or chromedriver process this test started and that is still there, by its PID.
        ProcessHandle.current().descendants().filter(p -> before != null && !before.contains(p.pid()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private WebDriverWait waiting() {
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(50));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // redrawn between find and read
        return w;
    }

    private String console() {
        return driver.findElement(By.id("console-out")).getText();
    }

    private void waitForConsole(String text, int times) {
        waiting().withMessage(() -> "'" + text + "' x" + times + " in the console:\n" + console()).until(d -> {
            String c = console();
            int n = 0;
            for (int i = c.indexOf(text); i >= 0; i = c.indexOf(text, i + 1)) {
                n++;
            }
            return n >= times;
        });
    }

    private void type(String line) {
        WebElement in = driver.findElement(By.id("console-in"));
        in.sendKeys(line);
        in.sendKeys(Keys.ENTER);
    }

    /** A status cell's text, read in one go (the page redraws the table with every state it gets). */
    private String cell(String node, String cls) {
        return (String) ((JavascriptExecutor) driver).executeScript("var e = document.querySelector(arguments[0]);"
                + " return e ? e.textContent : null;", "#status-" + node + " td." + cls);
    }

    private void waitForCell(String node, String cls, String value) {
        waiting().withMessage(() -> node + " " + cls + " should read " + value + ", reads " + cell(node, cls)
                + "; console:\n" + console()).until(d -> value.equals(cell(node, cls)));
    }

    private void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    /**
     * A click on what {@code selector} finds now, found and clicked in one go in the page: the topology and
     * the node tabs are redrawn with every state the page gets, so an element found first may be gone.
     */
    private void clickNow(String selector) {
        ((JavascriptExecutor) driver).executeScript("document.querySelector(arguments[0]).dispatchEvent("
                + "new MouseEvent('click', {bubbles: true, clientX: 300, clientY: 150}))", selector);
    }

    private void linkMenu(String a, String b, String action) {
        clickNow("#link-" + a + "-" + b + " line.hit");
        driver.findElement(By.xpath("//div[@id='menu']/button[normalize-space(.)='" + action + "']")).click();
    }

    @Test
    void aTeacherCutsTheLinkWatchesTheTimeoutHealsAndDownloadsTheScenario() throws Exception {
        driver.get(server.url().toString());
        waiting().until(d -> "yes".equals(d.findElement(By.tagName("html")).getAttribute("data-connected"))
                && !d.findElements(By.cssSelector("#status-source")).isEmpty());
        new Select(driver.findElement(By.id("speed"))).selectByValue("instant");
        waiting().until(d -> session.state().speedText().equals("instant"));

        type("INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so';");
        waitForConsole("Query OK", 1);
        type("SET GLOBAL rpl_semi_sync_source_enabled = 1;");
        waitForConsole("Query OK", 2);
        clickNow(".node-tab[data-node='replica1']");
        type("INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'; "
                + "SET GLOBAL rpl_semi_sync_replica_enabled = 1; STOP REPLICA IO_THREAD; START REPLICA IO_THREAD;");
        waitForConsole("Query OK", 6);
        click("adv-quiet");
        waitForCell("source", "clients", "1");
        waitForCell("source", "semisync", "ON");
        waitForCell("replica1", "replica-semisync", "ON");

        linkMenu("source", "replica1", "cut both ways (packets held)");
        waiting().until(d -> d.findElement(By.id("cuts")).getText().contains("source → replica1 (hold)"));
        clickNow(".node-tab[data-node='source']");
        click("commit");
        waitForConsole("1 committed (0 acknowledged by a replica, 1 asynchronous)", 1);
        click("adv-10s");
        waitForConsole("clock +10s", 1);
        waitForCell("source", "semisync", "OFF");
        assertEquals("1", cell("source", "no"));

        type("\\fault partition source replica9");
        waitForConsole("ERROR: unknown node 'replica9' in partition; did you mean 'replica1'?", 1);

        linkMenu("source", "replica1", "heal this link");
        waiting().until(d -> d.findElement(By.id("cuts")).getText().equals("no link is cut"));
        click("adv-1s");
        waitForCell("source", "semisync", "ON");
        waiting().withMessage("the diagram draws the partition and the held packets").until(d -> {
            String svg = d.findElement(By.id("sequence")).getAttribute("innerHTML");
            return svg.contains("<g class=\"partition\"") && svg.contains("<g class=\"msg ev held\"");
        });
        assertTrue(driver.findElement(By.id("timelines")).getAttribute("innerHTML").contains("<svg"), "the timelines");
        assertNull(driver.findElement(By.tagName("html")).getAttribute("data-script-errors"), "no script error");

        click("download");
        Path downloads = dir.resolve("downloads");
        Path[] file = new Path[1];
        waiting().withMessage("the download arrives in " + downloads).until(d -> {
            try (Stream<Path> files = Files.exists(downloads) ? Files.list(downloads) : Stream.empty()) {
                file[0] = files.filter(f -> f.toString().endsWith(".yaml")).findFirst().orElse(null);
                return file[0] != null;
            } catch (IOException e) {
                return false;
            }
        });
        String digest = driver.findElement(By.id("digest")).getText();
        assertEquals(session.state().digest(), digest, "the page shows the session's digest");
        assertEquals(session.scenarioText(), Files.readString(file[0], StandardCharsets.UTF_8));

        // Replayed with `run`, in a process of its own, the downloaded file gives the same trace.
        Process p = new ProcessBuilder(CliProcess.command("run", file[0].toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Matcher m = Pattern.compile("PASS live-session: .* trace ([0-9a-f]{16}) ").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(digest, m.group(1), out);
    }
}
