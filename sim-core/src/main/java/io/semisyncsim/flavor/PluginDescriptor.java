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
 * @param status PLUGIN_STATUS: ACTIVE, or DISABLED for one the server has but does not start (MariaDB's
 *     FEEDBACK, whose option is OFF by default)
 * @param loadOption LOAD_OPTION as given (ON, OFF, FORCE), or null: FORCE for a compiled-in plugin and ON
 *     for a loaded one, as the server's plugin_load_option default ({@link #effectiveLoadOption(boolean)})
 * @param maturity MariaDB's PLUGIN_MATURITY
 * @param authVersion MariaDB's PLUGIN_AUTH_VERSION, the version string of the plugin's own source
 */
public record PluginDescriptor(String name, String kind, Terms terms, String type, String version, String author,
                               String description, String license, String library, String deprecatedBy,
                               String conflictsWith, boolean listed, String status, String loadOption,
                               String maturity, String authVersion) {

    static PluginDescriptor from(String name, Config c, String library) {
        String version = c.hasPath("version") ? c.getString("version") : "1.0";
        return new PluginDescriptor(
                name,
                c.hasPath("kind") ? c.getString("kind") : null,
                c.hasPath("terms") ? Terms.valueOf(c.getString("terms").toUpperCase(Locale.ROOT)) : Terms.NEW,
                c.getString("type"),
                version,
                c.getString("author"),
                c.getString("description"),
                c.getString("license"),
                library,
                c.hasPath("deprecated-by") ? c.getString("deprecated-by") : null,
                c.hasPath("conflicts-with") ? c.getString("conflicts-with") : null,
                !c.hasPath("listed") || c.getBoolean("listed"),
                c.hasPath("status") ? c.getString("status") : "ACTIVE",
                c.hasPath("load-option") ? c.getString("load-option") : null,
                c.hasPath("maturity") ? c.getString("maturity") : "Stable",
                c.hasPath("auth-version") ? c.getString("auth-version") : version);
    }

    PluginDescriptor withLibrary(String file) {
        return new PluginDescriptor(name, kind, terms, type, version, author, description, license, file,
                deprecatedBy, conflictsWith, listed, status, loadOption, maturity, authVersion);
    }

    /** LOAD_OPTION: as the flavour table gives it, else FORCE when compiled in and ON when loaded. */
    public String effectiveLoadOption(boolean builtin) {
        return loadOption != null ? loadOption : builtin ? "FORCE" : "ON";
    }
}
