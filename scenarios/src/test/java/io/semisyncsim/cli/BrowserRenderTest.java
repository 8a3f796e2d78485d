package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teaching reports open in a real browser, offline: Debian's chromium, headless. The page runs
 * its script without an error, the sequence diagram has the marks a teacher points at (crashes, the
 * partition band, the engine commit, held and lost packets, the failover), and a screenshot is a
 * picture, not a blank page. Under {@code CI=true} chromium must be there (.ci/run installs it);
 * elsewhere the test is skipped, saying why, when it is not.
 */
class BrowserRenderTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path dir;

    private static Path report;

    @BeforeAll
    static void reportTheTeachingScenarios() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) {
            assertTrue(Files.isExecutable(CHROMIUM), "CI=true: the browser test must run, and " + CHROMIUM
                    + " is missing (.ci/run installs it: apt-get install -y chromium)");
        } else {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                    "skipped: " + CHROMIUM + " is not installed (apt-get install chromium to run this check)");
        }
        report = dir.resolve("report");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report", report.toString(),
                "library/teaching/timeout-and-switch-back-on.yaml", "library/teaching/after-sync-vs-after-commit.yaml"));
    }

    private static List<String> chromium(String... args) {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--enable-logging=stderr", "--v=0"));
        command.add("--user-data-dir=" + dir.resolve("profile-" + System.nanoTime()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs chromium, returns its stdout; its log (with any console error) goes to {@code log}. */
    private static String run(Path log, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout-" + System.nanoTime());
        Process p = new ProcessBuilder(chromium(args)).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(log));
        }
        return Files.readString(out);
    }

    /** The page as chromium left it after its scripts ran. */
    private static String dom(String run) throws IOException, InterruptedException {
        Path log = dir.resolve(run + "-dom.log");
        String dom = run(log, "--dump-dom", report.resolve(run).resolve("report.html").toUri().toString());
        String console = Files.readString(log);
        assertFalse(console.contains("Uncaught"), "no script error in the console: " + console);
        String html = dom.substring(dom.indexOf("<html"), dom.indexOf('>', dom.indexOf("<html")) + 1);
        assertTrue(html.contains("data-ready=\"yes\""), "the page's script ran to its end: " + html + console);
        assertFalse(html.contains("data-script-errors"), "no script error was counted: " + html);
        return dom;
    }

    @Test
    void theTimeoutReportDrawsThePartitionTheHeldPacketsTheCutAndTheSwitches() throws Exception {
        String dom = dom("timeout-and-switch-back-on");
        for (String mark : List.of("partition", "cut", "heal", "msg ev held", "break", "switch", "wait", "visible")) {
            assertTrue(dom.contains("<g class=\"" + mark + "\""), "a " + mark + " mark");
        }
        assertTrue(dom.contains("semisync switched OFF") && dom.contains("semisync switched ON"));
    }

    @Test
    void theWaitPointReportDrawsVisibilityTheCrashAndTheFailover() throws Exception {
        String dom = dom("after-sync-vs-after-commit");
        for (String mark : List.of("visible", "crash", "down", "partition", "failover", "msg ev lost")) {
            assertTrue(dom.contains("<g class=\"" + mark + "\""), "a " + mark + " mark");
        }
        assertTrue(dom.contains("1 visible (trx 2)"), "the failover says what it lost");
    }

    @Test
    void aScreenshotIsAPictureNotABlankPage() throws Exception {
        Path png = dir.resolve("report.png");
        Path log = dir.resolve("screenshot.log");
        run(log, "--hide-scrollbars", "--window-size=1300,1600", "--screenshot=" + png,
                report.resolve("after-sync-vs-after-commit").resolve("report.html").toUri().toString());
        assertTrue(Files.exists(png), "a screenshot: " + Files.readString(log));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1300, image.getWidth());
        long coloured = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    coloured++;
                }
            }
        }
        long sampled = (long) (image.getHeight() / 2) * (image.getWidth() / 2);
        assertTrue(coloured > sampled / 20, "at least 5% of the page is drawn: " + coloured + " of " + sampled);
        assertTrue(colours.size() > 100, "text, lines and bands in many colours: " + colours.size());
    }

    @Test
    void theIndexListsBothRuns() throws Exception {
        String dom = run(dir.resolve("index.log"), "--dump-dom", report.resolve("index.html").toUri().toString());
        assertTrue(dom.contains("2 passed, 0 failed, 0 invalid"), dom);
        assertTrue(dom.contains("timeout-and-switch-back-on/report.html") && dom.contains("after-sync-vs-after-commit/report.html"));
    }
}
