package io.semisyncsim.scenario.lang;

import java.util.LinkedHashMap;
import java.util.List;

/** A YAML node that remembers where it stood, so every validation message can name the place. */
public sealed interface YNode {
    Pos pos();

    /** What a user would call this kind of value in a message. */
    String describe();

    /** A single value as written; {@code isNull} when YAML reads it as null ({@code ~}, {@code null}, nothing). */
    record Scalar(Pos pos, String text, boolean isNull) implements YNode {
        public Scalar(Pos pos, String text) {
            this(pos, text, false);
        }

        @Override
        public String describe() {
            return "'" + Printable.clip(text) + "'";
        }
    }

    record Seq(Pos pos, List<YNode> items) implements YNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping; each key keeps its own position (for "unknown key" messages). */
    record Map(Pos pos, LinkedHashMap<String, Entry> entries) implements YNode {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Entry(Pos keyPos, YNode value) {
    }
}
