package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A teaching report opens in a real browser, offline: Debian's chromium, when it is installed. */
class BrowserRenderTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void teachingReportRendersInHeadlessChromium() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is not installed (apt-get install chromium to run this check)");
        Path out = dir.resolve("report");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report", out.toString(), "--flavor", "mysql-8.0",
                "library/regression/switch-on-after-catch-up.yaml"));
        Path html = out.resolve("switch-on-after-catch-up_mysql-8.0").resolve("report.html");
        Path png = dir.resolve("report.png");
        Process browser = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1200,1600",
                "--screenshot=" + png, html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!browser.waitFor(60, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s");
        }
        assertTrue(Files.exists(png) && Files.size(png) > 20_000,
                "a screenshot of the rendered page: " + Files.readString(dir.resolve("chromium.log")));
    }
}
