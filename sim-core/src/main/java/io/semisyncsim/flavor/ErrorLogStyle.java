package io.semisyncsim.flavor;

/** How a flavour writes its error log lines. */
public enum ErrorLogStyle {
    /** {@code 2026-01-01T00:00:00.000000Z 0 [Note] text} */
    MYSQL57,
    /** {@code 2026-01-01T00:00:00.000000Z 0 [Note] [MY-011155] [Repl] text} */
    MYSQL8,
    /** {@code 2026-01-01  0:00:00 0 [Note] text} */
    MARIADB
}
