package io.semisyncsim.flavor;

import com.typesafe.config.Config;
import java.util.Locale;

/**
 * What SHOW PLUGINS and INFORMATION_SCHEMA.PLUGINS say of a plugin, plus the behaviour kind that
 * implements it and its relations to the other semisync names (deprecation, conflicts).
 *
 * @param library the library file, or null for a plugin compiled into the server
 * @param kind the behaviour factory key ({@code semisync-source}), or null for a plugin we do not model
 * @param listed false for code that is part of the server and not a plugin to the user (MariaDB's semisync
 *     since 10.3.3): SHOW PLUGINS leaves it out, INSTALL finds no library and UNINSTALL no plugin
 */
public record PluginDescriptor(String name, String kind, Terms terms, String type, String version, String author,
                               String description, String license, String library, String deprecatedBy,
                               String conflictsWith, boolean listed) {

    static PluginDescriptor from(String name, Config c, String library) {
        return new PluginDescriptor(
                name,
                c.hasPath("kind") ? c.getString("kind") : null,
                c.hasPath("terms") ? Terms.valueOf(c.getString("terms").toUpperCase(Locale.ROOT)) : Terms.NEW,
                c.getString("type"),
                c.hasPath("version") ? c.getString("version") : "1.0",
                c.getString("author"),
                c.getString("description"),
                c.getString("license"),
                library,
                c.hasPath("deprecated-by") ? c.getString("deprecated-by") : null,
                c.hasPath("conflicts-with") ? c.getString("conflicts-with") : null,
                !c.hasPath("listed") || c.getBoolean("listed"));
    }

    PluginDescriptor withLibrary(String file) {
        return new PluginDescriptor(name, kind, terms, type, version, author, description, license, file,
                deprecatedBy, conflictsWith, listed);
    }
}
