package io.semisyncsim.scenario.lang;

/** A place in a scenario file, 1-based, as editors count. */
public record Pos(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
