package io.semisyncsim.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MariaDB or MySQL server on this machine: its binary, what it says it is, the tool that makes a data
 * directory for it, its plugin directory, and the flavour table that models it.
 *
 * @param pluginDir the build's plugin directory, or null for the server's compiled-in default
 * @param flavor    the flavour that models this server, or null when none does
 */
public record ServerBinary(Path server, Path installDb, Path basedir, RealSettings.Product product, String version,
                           String flavor, Path pluginDir) {

    private static final Pattern VERSION = Pattern.compile("Ver (\\d+)\\.(\\d+)\\.(\\d+)(\\S*)");

    /** "MariaDB 10.11.18" */
    public String describe() {
        return product.name() + " " + version + " (" + server + ")";
    }

    /**
     * Finds a server: in {@code basedir}'s bin/, sbin/ and libexec/ when given, else on PATH and in the
     * sbin directories packages install to.
     */
    public static ServerBinary find(Path basedir, RealSettings settings) {
        List<Path> dirs = basedir != null
                ? List.of(basedir.resolve("bin"), basedir.resolve("sbin"), basedir.resolve("libexec"), basedir)
                : searchPath();
        List<String> names = new ArrayList<>();
        for (String product : settings.products()) {
            for (String n : settings.product(product).servers()) {
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        names.sort((a, b) -> Boolean.compare(!a.startsWith("mariadb"), !b.startsWith("mariadb")));
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return describe(candidate, basedir, settings);
                }
            }
        }
        List<String> hints = new ArrayList<>();
        for (String product : settings.products()) {
            hints.add(product + ": " + settings.product(product).installHint());
        }
        throw new RealServerException(RealServerException.MISSING, "no MariaDB or MySQL server found (looked for "
                + String.join(", ", names) + " in " + (basedir != null ? basedir + "/{bin,sbin,libexec}" : "PATH and /usr/sbin")
                + "). To install one: " + String.join("; ", hints) + ".");
    }

    private static List<Path> searchPath() {
        Set<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        dirs.add(Path.of("/usr/sbin"));
        dirs.add(Path.of("/usr/local/sbin"));
        dirs.add(Path.of("/usr/local/mysql/bin"));
        return new ArrayList<>(dirs);
    }

    private static ServerBinary describe(Path server, Path basedir, RealSettings settings) {
        String out = run(List.of(server.toString(), "--version"));
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new RealServerException(RealServerException.MISSING, server + " --version did not say which version it is: "
                    + out.strip());
        }
        String productName = out.contains("MariaDB") ? "MariaDB" : "MySQL";
        RealSettings.Product product = settings.product(productName);
        String version = m.group(1) + "." + m.group(2) + "." + m.group(3);
        Path installDb = null;
        if (!product.installDb().isEmpty()) {
            List<Path> dirs = new ArrayList<>();
            if (basedir != null) {
                dirs.add(basedir.resolve("scripts"));
                dirs.add(basedir.resolve("bin"));
            }
            dirs.add(server.getParent());
            dirs.addAll(searchPath());
            search:
            for (String name : product.installDb()) {
                for (Path dir : dirs) {
                    Path candidate = dir.resolve(name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        installDb = candidate;
                        break search;
                    }
                }
            }
            if (installDb == null) {
                throw new RealServerException(RealServerException.MISSING, "found " + server + " but not "
                        + String.join(" or ", product.installDb()) + " to initialise its data directories. To install it: "
                        + product.installHint() + ".");
            }
        }
        Path pluginDir = null;
        if (basedir != null) {
            for (Path p : List.of(basedir.resolve("lib/plugin"), basedir.resolve("lib/mysql/plugin"),
                    basedir.resolve("lib64/mysql/plugin"))) {
                if (Files.isDirectory(p)) {
                    pluginDir = p;
                    break;
                }
            }
        }
        String flavor = settings.flavorFor(productName, m.group(1) + "." + m.group(2));
        return new ServerBinary(server, installDb, basedir, product, version, flavor, pluginDir);
    }

    /** Runs a short command and returns what it printed (stdout and stderr); the harness's own use only. */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RealServerException(RealServerException.MISSING, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RealServerException(RealServerException.FAILED, "interrupted while running " + command.get(0));
        }
    }
}
