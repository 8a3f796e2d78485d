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
 * @param blockSize a whole number is taken rounded down to a multiple of this (sys_vars.cc BLOCK_SIZE;
 *                  getopt_ull_limit_value), 1 for none
 */
public record SysVarDef(String name, VarType type, String defaultValue, String min, String max,
                        List<String> values, boolean dynamic, String owner, String alias, long blockSize) {

    public SysVarDef {
        name = name.toLowerCase(Locale.ROOT);
        values = List.copyOf(values);
        blockSize = Math.max(1, blockSize);
    }

    /** A variable without a block size. */
    public SysVarDef(String name, VarType type, String defaultValue, String min, String max,
                     List<String> values, boolean dynamic, String owner, String alias) {
        this(name, type, defaultValue, min, max, values, dynamic, owner, alias, 1);
    }

    public SysVarDef withOwner(String plugin) {
        return new SysVarDef(name, type, defaultValue, min, max, values, dynamic, plugin, alias, blockSize);
    }

    public SysVarDef withDefault(String value) {
        return new SysVarDef(name, type, value, min, max, values, dynamic, owner, alias, blockSize);
    }

    public boolean isNumeric() {
        return type == VarType.ULONG || type == VarType.BOOL;
    }
}
