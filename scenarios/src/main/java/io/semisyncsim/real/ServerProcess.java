package io.semisyncsim.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One real server of a cluster: its scratch directory (data, socket, option file, error log), its
 * port on 127.0.0.1, and its process. Signals go to the process by its PID: TERM to shut down, KILL
 * for a crash, STOP and CONT for a pause.
 */
final class ServerProcess {
    private final String node;
    private final ServerBinary binary;
    private final Path dir;
    private final int port;
    private Process process;
    private String binlogBasename;

    ServerProcess(String node, ServerBinary binary, Path dir, int port) {
        this.node = node;
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    String node() {
        return node;
    }

    int port() {
        return port;
    }

    Path errorLog() {
        return dir.resolve("error.log");
    }

    private Path datadir() {
        return dir.resolve("data");
    }

    /** The node's own tmpdir: in the shared /tmp, two bootstraps at once can remove each other's temporary tables. */
    private Path tmpdir() {
        Path t = dir.resolve("tmp");
        try {
            Files.createDirectories(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }

    private Path optionFile() {
        return dir.resolve("my.cnf");
    }

    /**
     * Writes the node's option file: where it lives and listens (127.0.0.1 only), its server_id, its
     * binary and relay logs, then the scenario's own settings for it, as written.
     */
    /**
     * The binary log's end as the files show it: the last file the index names and its size, which is
     * the position SHOW MASTER STATUS gives once a group is written (each group's flush_and_sync writes
     * it out), read without the server's LOCK_log; null when there is no index yet.
     */
    String binlogEndOnDisk() {
        try {
            List<String> files = Files.readAllLines(datadir().resolve(binlogBasename + ".index"));
            String last = files.isEmpty() ? null : files.get(files.size() - 1).strip();
            if (last == null || last.isEmpty()) {
                return null;
            }
            Path file = datadir().resolve(last);
            return file.getFileName() + ":" + Files.size(file);
        } catch (IOException e) {
            return null;
        }
    }

    void writeOptionFile(long serverId, String binlogBasename, Map<String, String> scenarioOptions) {
        this.binlogBasename = binlogBasename;
        List<String> lines = new ArrayList<>();
        lines.add("[mysqld]");
        lines.add("datadir = " + datadir());
        lines.add("socket = " + dir.resolve("mysqld.sock"));
        lines.add("tmpdir = " + tmpdir());
        lines.add("port = " + port);
        lines.add("bind-address = 127.0.0.1");
        lines.add("pid-file = " + dir.resolve("mysqld.pid"));
        lines.add("log-error = " + errorLog());
        lines.add("server-id = " + serverId);
        lines.add("log-bin = " + binlogBasename);
        lines.add("relay-log = " + node + "-relay-bin");
        if ("root".equals(System.getProperty("user.name"))) {
            lines.add("user = root"); // mysqld refuses to run as root unless told to
        }
        if (binary.pluginDir() != null) {
            lines.add("plugin-dir = " + binary.pluginDir());
        }
        lines.addAll(binary.product().options());
        lines.add("# the scenario's config for " + node);
        scenarioOptions.forEach((k, v) -> lines.add(k + " = " + v));
        try {
            Files.writeString(optionFile(), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the data directory with the server's own tool. */
    void initialise() {
        List<String> command = new ArrayList<>();
        for (String part : binary.product().init()) {
            command.add(part.replace("{install-db}", String.valueOf(binary.installDb()))
                    .replace("{server}", binary.server().toString())
                    .replace("{datadir}", datadir().toString()));
        }
        if (binary.basedir() != null) {
            command.add("--basedir=" + binary.basedir());
        }
        command.add("--tmpdir=" + tmpdir());
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root");
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("init.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RealServerException(RealServerException.FAILED, node + ": " + command.get(0)
                        + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new RealServerException(RealServerException.FAILED, node + ": " + String.join(" ", command)
                        + " failed with exit code " + p.exitValue() + ". What it said first:\n"
                        + head(dir.resolve("init.log"), 15));
            }
        } catch (IOException e) {
            throw new RealServerException(RealServerException.FAILED, node + ": cannot run " + command.get(0) + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RealServerException(RealServerException.FAILED, "interrupted");
        }
    }

    /** Starts the server and waits until it accepts connections; a server that dies or hangs is FAILED. */
    void start(Duration timeout) {
        try {
            process = new ProcessBuilder(binary.server().toString(), "--defaults-file=" + optionFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("server.out").toFile())).start();
        } catch (IOException e) {
            throw new RealServerException(RealServerException.FAILED, node + ": cannot start " + binary.server() + ": "
                    + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new RealServerException(RealServerException.FAILED, node + ": " + binary.server()
                        + " exited with code " + process.exitValue() + " while starting. Its error log ends:\n"
                        + tail(errorLog(), 25));
            }
            try (Connection c = connect("root", null)) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    kill();
                    throw new RealServerException(RealServerException.FAILED, node + ": did not accept connections within "
                            + timeout.toSeconds() + " s. Its error log ends:\n" + tail(errorLog(), 25));
                }
            }
            pause(50);
        }
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGKILL: the process dies at once, as in a crash. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM: a clean shutdown; a server that does not exit within the limit is killed. */
    void stop(Duration limit) {
        if (process != null && process.isAlive()) {
            signal("CONT"); // a paused server cannot shut down
            process.destroy();
            if (!waitFor(limit)) {
                kill();
            }
        }
    }

    /** SIGSTOP or SIGCONT, by PID. */
    void signal(String name) {
        if (process != null && process.isAlive()) {
            ServerBinary.run(List.of("kill", "-" + name, Long.toString(process.pid())));
        }
    }

    private boolean waitFor(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A client connection over TCP to 127.0.0.1, as {@code user} (no password), into {@code database}. */
    Connection connect(String user, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "2000");
        p.setProperty("allowPublicKeyRetrieval", "true");
        // Affected rows, as the mysql client reports them and the model answers: without it the driver asks
        // for found rows (CLIENT_FOUND_ROWS), and an UPDATE that leaves a row as it was says 1.
        p.setProperty("useAffectedRows", "true");
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + (database == null ? "" : database), p);
    }

    List<String> errorLogLines() {
        try {
            return Files.exists(errorLog()) ? Files.readAllLines(errorLog(), StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String head(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "  " + String.join("\n  ", all.subList(0, Math.min(lines, all.size())));
        } catch (IOException e) {
            return "  (cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "  (" + file + " does not exist)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "  " + String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "  (cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
