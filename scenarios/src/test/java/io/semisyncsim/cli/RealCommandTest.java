package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.semisyncsim.real.RealServerException;
import io.semisyncsim.real.RealSettings;
import io.semisyncsim.real.ServerBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `real` on a real MariaDB: a report as `run` writes one, and no server process left behind. Under
 * CI=true the server must be there (.ci/run installs it); elsewhere the test is skipped, saying why.
 */
class RealCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void aServerIsInstalled() {
        try {
            ServerBinary.find(null, RealSettings.load());
        } catch (RealServerException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true: real-server tests must run, and no MariaDB server was found: " + e.getMessage());
            }
            Assumptions.abort("skipped: no real server here (" + e.getMessage() + ")");
        }
    }

    /** The server processes of this JVM's runs: children of this process, whatever their depth. */
    private static List<ProcessHandle> servers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .toList();
    }

    @Test
    void aRealRunWritesItsReportAndLeavesNoServerBehind() throws Exception {
        assertEquals(List.of(), servers());
        Path out = dir.resolve("report");
        int exit = Cli.run("real", "--quiet", "--report", out.toString(), "library/teaching/mariadb-built-in.yaml");
        assertEquals(Cli.OK, exit);
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("failures=\"0\"") && junit.contains("./semisync-sim real"), junit);
        assertTrue(Files.readString(out.resolve("index.html")).contains("mariadb-built-in"));
        assertTrue(Files.readString(out.resolve("mariadb-built-in").resolve("report.html"))
                .contains("played on real servers"));
        assertEquals(List.of(), servers(), "every server the run started is stopped");
    }

    @Test
    void diffIntoAFileIsAUsageErrorNotACrash() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "");
        assertEquals(Cli.INVALID, Cli.run("diff", "--quiet", "--out", file.toString(),
                "library/teaching/mariadb-built-in.yaml"));
        assertEquals(List.of(), servers());
    }
}
