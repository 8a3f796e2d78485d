package io.semisyncsim.diff;

/**
 * One compared field: after which step ({@code step}, 1-based; 0 for the error logs, compared whole at
 * the end), what it is ({@code name}), what the real server and the simulation showed (null: absent),
 * and whether they agree.
 */
public record Field(int step, String stepLabel, String name, String real, String simulated, boolean same) {
}
