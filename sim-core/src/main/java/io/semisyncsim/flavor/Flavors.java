package io.semisyncsim.flavor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The flavour tables of a configuration, by name. */
public final class Flavors {
    private static final String BASE = "mysql-base";
    private final Map<String, Flavor> byName = new TreeMap<>();
    private final String defaultName;

    public Flavors(Config config) {
        Config root = config.getConfig("semisync-sim");
        Config tables = root.getConfig("flavors");
        Config kinds = root.getConfig("plugin-kinds");
        for (String name : tables.root().keySet()) {
            if (!name.equals(BASE)) {
                byName.put(name, new Flavor(name, tables.getConfig(Flavor.quote(name)), kinds));
            }
        }
        this.defaultName = root.getString("default-flavor");
    }

    private static Flavors standard;

    /** The flavours of the default configuration (reference.conf), loaded once. */
    public static synchronized Flavors standard() {
        if (standard == null) {
            standard = new Flavors(ConfigFactory.load());
        }
        return standard;
    }

    /** The named flavour, or null. */
    public Flavor get(String name) {
        return byName.get(name);
    }

    public Flavor defaultFlavor() {
        return byName.get(defaultName);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
