package io.semisyncsim.scenario.lang;

import java.util.List;

/**
 * A kind of step as a file writes it: the key that names it ({@code sql}, {@code sleep}, ...), the
 * keys that may go with it, and how to read one. The registry of kinds is the only list of them.
 *
 * @param key     the key that makes a mapping this kind of step
 * @param keys    every key a step of this kind may have, its own key included
 * @param reader  reads one step, reporting problems to the {@link StepReader}; null when it is invalid
 */
public record StepKind(String key, List<String> keys, Reader reader) {

    @FunctionalInterface
    public interface Reader {
        Step read(StepReader r, YNode.Map step);
    }
}
