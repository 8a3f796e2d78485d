package io.semisyncsim.server.plugin;

import io.semisyncsim.sysvar.SysVarDef;

/**
 * The system variables as a plugin reads them: by name or alias, case-insensitively, values in canonical
 * text ("ON", "10000"). A MySQL plugin reads its variables through the storage its SYS_VAR declarations
 * bind; defining and setting them stays the server's.
 */
public interface PluginVariables {

    /** The definition by name or alias; null when the server has no such variable. */
    SysVarDef find(String name);

    /** Canonical text value of a defined variable. */
    String get(String name);

    boolean getBool(String name);

    long getLong(String name);

    /** A count that moves with every definition and value change: what a plugin derives holds until it moves. */
    long changes();
}
