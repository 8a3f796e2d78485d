package io.semisyncsim.sysvar;

import java.util.List;
import java.util.Locale;

/**
 * A system variable's definition: name, type, default, range or allowed words, and whether SET may
 * change it at runtime. Values are kept in canonical text ("ON", "10000", "AFTER_SYNC") so what SHOW
 * VARIABLES prints is exactly what is stored. A variable with a {@link SessionScope} has a session value
 * besides its global one, which each connection takes from the global when it opens.
 *
 * @param owner the plugin that declares it, or null for the server's own variables
 * @param alias another name for the same variable (slave_net_timeout for replica_net_timeout)
 * @param blockSize a whole number is taken rounded down to a multiple of this (sys_vars.cc BLOCK_SIZE;
 *                  getopt_ull_limit_value), 1 for none
 * @param session its session scope, or null for a GLOBAL-only variable
 * @param setModelled false for a variable the model shows with its default but whose setting it does not
 *                    model (a SET of it, or an option naming it, is the simulator's 9000)
 */
public record SysVarDef(String name, VarType type, String defaultValue, String min, String max,
                        List<String> values, boolean dynamic, String owner, String alias, long blockSize,
                        SessionScope session, boolean setModelled) {

    /**
     * A variable with a session value (sys_vars.cc SESSION_VAR).
     *
     * @param errorInTransaction the error SET SESSION gives inside a transaction (binlog_format's 1679), or 0
     * @param modelled false where the model has no session value of its own to give (SET SESSION is 9000)
     * @param shared the session value is the global one: SET SESSION changes it for all, and needs no
     *               privilege (MariaDB's multi-source max_relay_log_size, kept per master connection)
     * @param only a session value and no global one (MariaDB's in_transaction), which the server computes
     *             from the session's state
     */
    public record SessionScope(int errorInTransaction, boolean modelled, boolean shared, boolean only) {
    }

    public SysVarDef {
        name = name.toLowerCase(Locale.ROOT);
        values = List.copyOf(values);
        blockSize = Math.max(1, blockSize);
    }

    /** A variable whose setting is modelled. */
    public SysVarDef(String name, VarType type, String defaultValue, String min, String max,
                     List<String> values, boolean dynamic, String owner, String alias, long blockSize,
                     SessionScope session) {
        this(name, type, defaultValue, min, max, values, dynamic, owner, alias, blockSize, session, true);
    }

    /** A GLOBAL-only variable. */
    public SysVarDef(String name, VarType type, String defaultValue, String min, String max,
                     List<String> values, boolean dynamic, String owner, String alias, long blockSize) {
        this(name, type, defaultValue, min, max, values, dynamic, owner, alias, blockSize, null);
    }

    /** A GLOBAL-only variable without a block size. */
    public SysVarDef(String name, VarType type, String defaultValue, String min, String max,
                     List<String> values, boolean dynamic, String owner, String alias) {
        this(name, type, defaultValue, min, max, values, dynamic, owner, alias, 1);
    }

    public SysVarDef withOwner(String plugin) {
        return new SysVarDef(name, type, defaultValue, min, max, values, dynamic, plugin, alias, blockSize, session,
                setModelled);
    }

    public SysVarDef withDefault(String value) {
        return new SysVarDef(name, type, value, min, max, values, dynamic, owner, alias, blockSize, session,
                setModelled);
    }

    /** Whether it has a session value as well as a global one. */
    public boolean hasSession() {
        return session != null;
    }

    /**
     * Whether each session keeps a value of its own: not the global one under another name, not computed,
     * and modelled (a session value the model does not keep reads as the global one).
     */
    public boolean hasOwnSessionValue() {
        return session != null && !session.shared() && !session.only() && session.modelled();
    }

    /** Whether it has a session value and no global one. */
    public boolean isSessionOnly() {
        return session != null && session.only();
    }

    public boolean isNumeric() {
        return type == VarType.ULONG || type == VarType.BOOL;
    }
}
