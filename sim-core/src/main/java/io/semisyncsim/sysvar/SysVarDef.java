package io.semisyncsim.sysvar;

import java.util.List;
import java.util.Locale;

/**
 * A system variable's definition: name, type, default, range or allowed words, and whether SET may
 * change it at runtime. Every variable the model has is global; values are kept in canonical text
 * ("ON", "10000", "AFTER_SYNC") so what SHOW VARIABLES prints is exactly what is stored.
 *
 * @param owner the plugin that declares it, or null for the server's own variables
 * @param alias another name for the same variable (slave_net_timeout for replica_net_timeout)
 */
public record SysVarDef(String name, VarType type, String defaultValue, String min, String max,
                        List<String> values, boolean dynamic, String owner, String alias) {

    public SysVarDef {
        name = name.toLowerCase(Locale.ROOT);
        values = List.copyOf(values);
    }

    public SysVarDef withOwner(String plugin) {
        return new SysVarDef(name, type, defaultValue, min, max, values, dynamic, plugin, alias);
    }

    public SysVarDef withDefault(String value) {
        return new SysVarDef(name, type, value, min, max, values, dynamic, owner, alias);
    }

    public boolean isNumeric() {
        return type == VarType.ULONG || type == VarType.BOOL;
    }
}
