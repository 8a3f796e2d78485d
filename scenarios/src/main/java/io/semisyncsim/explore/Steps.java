package io.semisyncsim.explore;

import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.YNode;
import java.util.LinkedHashMap;
import java.util.List;

/** Scenario steps built as YAML nodes, so that a schedule is read, run and written as a file would be. */
final class Steps {
    /** Where a drawn step stands: in no file yet. */
    private static final Pos DRAWN = new Pos(1, 1);

    private Steps() {
    }

    static YNode.Scalar s(String text) {
        return new YNode.Scalar(DRAWN, text);
    }

    /** A mapping of alternating keys and values (strings become scalars). */
    static YNode.Map map(Object... kv) {
        LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            entries.put((String) kv[i], new YNode.Entry(DRAWN, v instanceof YNode n ? n : s(String.valueOf(v))));
        }
        return new YNode.Map(DRAWN, entries);
    }

    static YNode.Seq list(String... items) {
        return new YNode.Seq(DRAWN, List.of(java.util.Arrays.stream(items).map(Steps::s).toArray(YNode[]::new)));
    }

    static YNode.Seq seq(List<YNode> items) {
        return new YNode.Seq(DRAWN, List.copyOf(items));
    }

    /** A duration as the language writes it: whole milliseconds. */
    static String ms(long millis) {
        return millis + "ms";
    }

    /** The step's kind and what it acts on, for messages: {@code fault crash replica1}. */
    static String describe(YNode step) {
        if (!(step instanceof YNode.Map m)) {
            return step.describe();
        }
        StringBuilder out = new StringBuilder();
        m.entries().forEach((k, e) -> {
            if (e.value() instanceof YNode.Scalar sc) {
                out.append(out.length() == 0 ? "" : " ").append(k).append('=').append(sc.text());
            } else {
                out.append(out.length() == 0 ? "" : " ").append(k).append("=…");
            }
        });
        return out.toString();
    }
}
