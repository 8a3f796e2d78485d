package io.semisyncsim.real;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.semisyncsim.flavor.Flavor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real-server table (real-servers.conf): how each product is found and initialised, and how each
 * flavour spells the statements the harness sets replication up with.
 */
public final class RealSettings {
    private final Config config;

    private RealSettings(Config config) {
        this.config = config;
    }

    public static RealSettings load() {
        return new RealSettings(ConfigFactory.parseResources("real-servers.conf").resolve()
                .getConfig("semisync-sim.real"));
    }

    public Duration answerTimeout() {
        return config.getDuration("answer-timeout");
    }

    public Duration startupTimeout() {
        return config.getDuration("startup-timeout");
    }

    public Duration pollInterval() {
        return config.getDuration("poll-interval");
    }

    /** The first writable directory of scratch-roots, or null for the JVM's temporary directory. */
    public java.nio.file.Path scratchRoot() {
        for (String root : config.getStringList("scratch-roots")) {
            java.nio.file.Path p = java.nio.file.Path.of(root);
            if (java.nio.file.Files.isDirectory(p) && java.nio.file.Files.isWritable(p)) {
                return p;
            }
        }
        return null;
    }

    /** One product's entry (MariaDB, MySQL). */
    public Product product(String name) {
        Config p = config.getConfig("products." + name);
        return new Product(name, p.getStringList("servers"), p.getStringList("install-db"), p.getStringList("init"),
                p.getStringList("options"), p.getString("install-hint"));
    }

    public List<String> products() {
        return config.getConfig("products").root().keySet().stream().sorted().toList();
    }

    /** The flavour that models {@code product major.minor}, or null when none does. */
    public String flavorFor(String product, String majorMinor) {
        String key = "\"" + product + " " + majorMinor + "\"";
        return config.hasPath("versions." + key) ? config.getString("versions." + key) : null;
    }

    /** The versions some flavour models, as "MariaDB 10.11". */
    public List<String> knownVersions() {
        return config.getConfig("versions").root().keySet().stream().sorted().toList();
    }

    /**
     * One statement the harness runs, placeholders {name} filled from {@code values}: the harness's own
     * (creating the replication user) from this table, an operator's from the flavour's, with this
     * table's extra CHANGE MASTER options.
     */
    public String statement(Flavor flavor, String name, Map<String, Object> values) {
        String own = "flavors." + flavor.name() + "." + name;
        if (config.hasPath(own)) {
            String text = config.getString(own);
            for (Map.Entry<String, Object> v : values.entrySet()) {
                text = text.replace("{" + v.getKey() + "}", String.valueOf(v.getValue()));
            }
            return text;
        }
        Map<String, Object> all = new java.util.HashMap<>(values);
        all.put("extra", config.getString("flavors." + flavor.name() + ".change-source-extra"));
        return flavor.operatorStatement(name, all);
    }

    public String statement(Flavor flavor, String name) {
        return statement(flavor, name, Map.of());
    }

    /** Whether the harness reads a node's binlog end from its files rather than by asking the server. */
    public boolean binlogEndFromFiles(Flavor flavor) {
        return config.getBoolean("flavors." + flavor.name() + ".binlog-end-from-files");
    }

    /**
     * @param servers   binary names, in the order they are looked for
     * @param installDb data-directory tools, in the order they are looked for
     * @param init      the command that initialises a data directory ({install-db}, {server}, {datadir})
     * @param options   [mysqld] lines every node gets
     * @param installHint what to install when no server is found
     */
    public record Product(String name, List<String> servers, List<String> installDb, List<String> init,
                          List<String> options, String installHint) {
    }
}
