package io.semisyncsim.sysvar;

/** The types of system variables the model has, as MySQL's sys_var classes distinguish them. */
public enum VarType {
    /** ON/OFF; SELECT @@ gives 1/0, SHOW VARIABLES gives ON/OFF. */
    BOOL,
    /** Unsigned whole number with a range; out-of-range values are clamped with warning 1292. */
    ULONG,
    /** One of a fixed list of words, case-insensitive, also settable by index. */
    ENUM,
    /** Free text (mostly read-only: version, plugin_dir). */
    STRING
}
