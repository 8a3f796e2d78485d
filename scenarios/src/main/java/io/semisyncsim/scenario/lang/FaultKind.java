package io.semisyncsim.scenario.lang;

import java.util.List;

/**
 * A kind of fault as a {@code fault:} step names it ({@code partition}, {@code crash}, ...), the keys
 * that go with it, and how to read one. The registry of fault kinds is the only list of them.
 *
 * @param name   the value of {@code fault:}
 * @param keys   every key a fault of this kind may have, {@code fault} included
 * @param reader reads one fault step; null when it is invalid (problems reported)
 */
public record FaultKind(String name, List<String> keys, StepKind.Reader reader) {
}
