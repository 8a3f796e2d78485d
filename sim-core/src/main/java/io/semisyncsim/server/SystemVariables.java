package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.plugin.PluginVariables;
import io.semisyncsim.sysvar.Input;
import io.semisyncsim.sysvar.SysVarDef;
import io.semisyncsim.sysvar.VarType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's system variables: definitions and current values, looked up case-insensitively as MySQL
 * does. Plugins add theirs on install and take them away on uninstall. Values are canonical text.
 */
public final class SystemVariables implements PluginVariables {
    private final Flavor flavor;
    private final Map<String, SysVarDef> defs = new TreeMap<>();
    private final Map<String, String> aliases = new TreeMap<>();
    private final Map<String, String> values = new TreeMap<>();
    /** Bumped by every definition and value change: readers cache what they derive until it moves. */
    private long changes;
    /** Variables whose value the server computes when read (gtid_executed...), by name; looked up only. */
    private final java.util.HashMap<String, java.util.function.Supplier<String>> computed = new java.util.HashMap<>();

    /** Option-file options that are no variables (flavors.conf sql.startup-options): hidden from SQL. */
    private final java.util.Set<String> startupOptions;

    public SystemVariables(Flavor flavor) {
        this.flavor = flavor;
        this.startupOptions = flavor.sql().startupOptions();
    }

    public void define(SysVarDef def) {
        changes++;
        defs.put(def.name(), def);
        values.put(def.name(), def.defaultValue());
        if (def.alias() != null) {
            aliases.put(def.alias().toLowerCase(Locale.ROOT), def.name());
        }
    }

    public void undefine(String name) {
        changes++;
        SysVarDef def = defs.remove(name);
        values.remove(name);
        if (def != null && def.alias() != null) {
            aliases.remove(def.alias().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The definition SQL, an option file or SHOW reaches by this name: {@link #find}, less the model's own
     * name of a variable the flavour knows only by its alias ({@link Flavor#aliasOnlyVariables}).
     */
    public SysVarDef named(String name) {
        SysVarDef def = find(name);
        return def != null && def.name().equalsIgnoreCase(name) && flavor.aliasOnlyVariables().contains(def.name())
                ? null : def;
    }

    /** The definition by name or alias, case-insensitively; null if unknown (the model's own lookups). */
    public SysVarDef find(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        SysVarDef def = defs.get(key);
        if (def == null && aliases.containsKey(key)) {
            def = defs.get(aliases.get(key));
        }
        return def;
    }

    /**
     * The definition, or 1193 for a name the server does not have; a variable every server has but the
     * model does not (autocommit, sql_mode...) is the simulator's 9000 instead of a misleading 1193.
     */
    public SysVarDef require(String name) throws SqlError {
        SysVarDef def = named(name);
        if (def != null && startupOptions.contains(def.name())) {
            def = null; // an option only: the server reads it at start, SQL cannot name it
        }
        if (def == null) {
            String lower = name.toLowerCase(Locale.ROOT);
            java.util.Set<String> real = flavor.variableNames(); // the real server's, where measured
            if (real != null ? real.contains(lower) : flavor.sql().unmodelledVariables().contains(lower)) {
                throw flavor.error("9000-variable", lower);
            }
            throw flavor.error(1193, name);
        }
        return def;
    }

    /** How many definitions and values have changed since this set was made. */
    public long changes() {
        return changes;
    }

    /**
     * Makes a defined variable's value the server's to compute whenever it is read (gtid_executed,
     * gtid_binlog_pos...); SET still goes through {@link #put}, which the computation may ignore.
     */
    public void compute(String name, java.util.function.Supplier<String> value) {
        if (defs.containsKey(name)) {
            computed.put(name, value);
        }
    }

    private String value(String name) {
        java.util.function.Supplier<String> c = computed.isEmpty() ? null : computed.get(name);
        return c == null ? values.get(name) : c.get();
    }

    /** Canonical text value ("ON", "10000"). */
    public String get(String name) {
        SysVarDef def = find(name);
        if (def == null) {
            throw new IllegalArgumentException("no system variable " + name);
        }
        return value(def.name());
    }

    public boolean getBool(String name) {
        return "ON".equals(get(name));
    }

    public long getLong(String name) {
        return Long.parseUnsignedLong(get(name));
    }

    /** Stores an already validated canonical value (option files and SET use {@link #validate}). */
    public void put(SysVarDef def, String canonical) {
        changes++;
        values.put(def.name(), canonical);
    }

    /**
     * Every variable with a global value, sorted by name, with the names SHOW GLOBAL VARIABLES prints (aliases
     * included).
     */
    public List<Map.Entry<String, String>> all() {
        TreeMap<String, String> shown = new TreeMap<>();
        for (String name : values.keySet()) {
            if (!startupOptions.contains(name) && !defs.get(name).isSessionOnly()
                    && !flavor.aliasOnlyVariables().contains(name)) {
                shown.put(name, value(name));
            }
        }
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            shown.put(alias.getKey(), value(alias.getValue()));
        }
        return new ArrayList<>(shown.entrySet());
    }

    /**
     * The global values of the variables that have a session value, by name: what a connection takes when
     * it opens (THD::init copies global_system_variables).
     */
    public TreeMap<String, String> sessionDefaults() {
        TreeMap<String, String> out = new TreeMap<>();
        for (SysVarDef def : defs.values()) {
            if (def.hasOwnSessionValue()) {
                out.put(def.name(), value(def.name()));
            }
        }
        return out;
    }

    public Collection<SysVarDef> definitions() {
        return defs.values();
    }

    /** The canonical value for {@code input}, clamped with warnings where the server clamps. */
    public record Validated(String canonical, List<StatementResult.Warning> warnings) {
        public Validated {
            warnings = List.copyOf(warnings);
        }
    }

    /** Checks {@code input} against the variable's type and range, as sys_var::check does. */
    public Validated validate(SysVarDef def, Input input) throws SqlError {
        return switch (def.type()) {
            case BOOL -> new Validated(bool(def, input), List.of());
            case ENUM -> new Validated(enumValue(def, input), List.of());
            case STRING -> new Validated(text(def, input), List.of());
            case ULONG -> ulong(def, input);
        };
    }

    private static final BigInteger ULONGLONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private String bool(SysVarDef def, Input input) throws SqlError {
        if (input instanceof Input.Whole w) {
            if (w.value().equals(BigInteger.ZERO)) {
                return "OFF";
            }
            if (w.value().equals(BigInteger.ONE)) {
                return "ON";
            }
            throw flavor.error(1231, def.name(), w.value().toString());
        }
        if (input instanceof Input.Text t) {
            switch (t.text().toUpperCase(Locale.ROOT)) {
                case "ON", "TRUE" -> {
                    return "ON";
                }
                case "OFF", "FALSE" -> {
                    return "OFF";
                }
                default -> throw flavor.error(1231, def.name(), t.text());
            }
        }
        throw flavor.error(1232, def.name());
    }

    private String enumValue(SysVarDef def, Input input) throws SqlError {
        if (input instanceof Input.Whole w) {
            BigInteger index = w.value();
            if (index.signum() >= 0 && index.compareTo(BigInteger.valueOf(def.values().size())) < 0) {
                return def.values().get(index.intValue());
            }
            throw flavor.error(1231, def.name(), index.toString());
        }
        if (input instanceof Input.Text t) {
            for (String allowed : def.values()) {
                if (allowed.equalsIgnoreCase(t.text())) {
                    return allowed;
                }
            }
            throw flavor.error(1231, def.name(), t.text());
        }
        throw flavor.error(1232, def.name());
    }

    private String text(SysVarDef def, Input input) throws SqlError {
        if (input instanceof Input.Text t) {
            return t.text();
        }
        if (input instanceof Input.Whole w) {
            return w.value().toString();
        }
        throw flavor.error(1232, def.name());
    }

    /**
     * An integer variable: a value past 64 bits is, in MySQL, a DECIMAL the variable refuses (1232);
     * MariaDB warns 1916 and takes the largest (or smallest) signed 64-bit value. Then the range as
     * getopt_ull_limit_value applies it: the maximum, the block size (rounded down), the minimum; a value
     * so changed is taken with 1292, whose text cuts the variable's name as the server's format does.
     */
    private Validated ulong(SysVarDef def, Input input) throws SqlError {
        if (!(input instanceof Input.Whole w)) {
            throw flavor.error(1232, def.name());
        }
        List<StatementResult.Warning> warnings = new ArrayList<>();
        BigInteger v = w.value();
        if (v.compareTo(ULONGLONG_MAX) > 0 || v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
            if (!flavor.sql().integerOverflowWarning()) {
                throw flavor.error(1232, def.name());
            }
            warnings.add(new StatementResult.Warning("Warning", 1916, flavor.errorText(1916, v.toString())));
            v = BigInteger.valueOf(v.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
        BigInteger min = new BigInteger(def.min() == null ? "0" : def.min());
        BigInteger max = new BigInteger(def.max() == null ? "18446744073709551615" : def.max());
        BigInteger clamped = v.compareTo(max) > 0 ? max : v;
        if (def.blockSize() > 1) {
            BigInteger block = BigInteger.valueOf(def.blockSize());
            clamped = clamped.divide(block).multiply(block);
        }
        if (clamped.compareTo(min) < 0) {
            clamped = min;
        }
        if (!clamped.equals(v)) {
            io.semisyncsim.flavor.Flavor.SqlRules rules = flavor.sql();
            // the name the server knows it by: MariaDB's slave_net_timeout, never the model's replica_net_timeout
            String known = flavor.aliasOnlyVariables().contains(def.name()) ? def.alias() : def.name();
            String name = io.semisyncsim.flavor.Flavor.SqlRules.cut(known, rules.variableNameMax(),
                    rules.variableNameEllipsis());
            String value = io.semisyncsim.flavor.Flavor.SqlRules.cut(v.toString(), 128, rules.variableNameEllipsis());
            warnings.add(new StatementResult.Warning("Warning", 1292, flavor.errorText(1292, name, value)));
        }
        return new Validated(clamped.toString(), warnings);
    }

    /** What SELECT @@var returns: booleans as 1/0, the rest as stored. */
    public String selectValue(SysVarDef def) {
        return selectValue(def, value(def.name()));
    }

    /** How SELECT shows {@code v}, a value of {@code def} (a session's, say): a boolean as 1 or 0. */
    public static String selectValue(SysVarDef def, String v) {
        if (def.type() == VarType.BOOL) {
            return "ON".equals(v) ? "1" : "0";
        }
        return v;
    }
}
