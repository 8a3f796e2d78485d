package io.semisyncsim.server;

import java.util.TreeSet;

/**
 * slave_skip_errors: the errors a replica's SQL thread goes past (a startup option): OFF, ALL, or error
 * numbers, MariaDB's {@code ddl_exist_errors} standing for the DDL ones (slave.cc init_slave_skip_errors).
 * The server shows the numbers it keeps, in ascending order (measured on 10.11.18: 1062,1032 reads back
 * 1032,1062).
 */
public record SkipErrors(boolean all, TreeSet<Integer> codes) {
    /** MariaDB's ddl_exist_errors (slave.cc: ER_DB_CREATE_EXISTS ... ER_NO_SUCH_TABLE). */
    private static final int[] DDL_EXIST = {1007, 1008, 1050, 1051, 1054, 1060, 1061, 1068, 1091, 1146};

    public static final SkipErrors NONE = new SkipErrors(false, new TreeSet<>());

    /** The option's value as given; what is not a number, ALL, OFF or ddl_exist_errors is left out. */
    public static SkipErrors parse(String value) {
        if (value == null) {
            return NONE;
        }
        TreeSet<Integer> codes = new TreeSet<>();
        for (String part : value.split(",")) {
            String p = part.strip();
            if (p.equalsIgnoreCase("all")) {
                return new SkipErrors(true, codes);
            } else if (p.equalsIgnoreCase("ddl_exist_errors")) {
                for (int c : DDL_EXIST) {
                    codes.add(c);
                }
            } else if (p.matches("\\d{1,5}")) {
                codes.add(Integer.parseInt(p));
            }
        }
        return new SkipErrors(false, codes);
    }

    public boolean skips(int code) {
        return all || codes.contains(code);
    }

    public boolean isEmpty() {
        return !all && codes.isEmpty();
    }

    /** As @@slave_skip_errors shows it. */
    public String shown() {
        if (all) {
            return "ALL";
        }
        if (codes.isEmpty()) {
            return "OFF";
        }
        StringBuilder out = new StringBuilder();
        for (int c : codes) {
            out.append(out.length() == 0 ? "" : ",").append(c);
        }
        return out.toString();
    }
}
