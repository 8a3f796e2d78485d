package io.semisyncsim.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A diff as a terminal table, as Markdown, and as JSON: {@code field | real | simulated | same?}. */
public final class DiffReport {
    private DiffReport() {
    }

    /** The one-line summary. */
    public static String summary(DiffResult d) {
        return d.fields().size() + " fields compared after " + d.scenario().steps().size() + " steps: " + d.same()
                + " same, " + d.different() + " different, " + d.differences().size() + " distinct differences"
                + (d.settling() == 0 ? "" : "; " + d.settling() + " settling (differing only until the simulation's clock caught up)")
                + " (real: " + d.server() + ", simulated: " + d.scenario().flavor() + ")";
    }

    /**
     * The distinct differences (with {@code all}, every field instead) as a table for the terminal, long
     * values cut.
     */
    public static String table(DiffResult d, boolean all) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"field", "real", "simulated", "same?"});
        if (all) {
            for (Field f : d.fields()) {
                rows.add(new String[] {cut(f.stepLabel() + ": " + f.name(), 70), cut(show(f.real()), 45),
                        cut(show(f.simulated()), 45), verdict(f)});
            }
        } else {
            for (DiffResult.Difference x : d.differences()) {
                rows.add(new String[] {cut(x.steps() + ": " + x.name(), 70), cut(show(x.real()), 45),
                        cut(show(x.simulated()), 45), "NO"});
            }
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            for (int i = 0; i < 4; i++) {
                out.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", r[i]));
            }
            out.append('\n');
            if (k == 0) {
                for (int i = 0; i < 4; i++) {
                    out.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    public static String markdown(DiffResult d) {
        StringBuilder out = new StringBuilder();
        out.append("# diff: ").append(d.scenario().name()).append("\n\n").append(summary(d)).append("\n\n")
                .append("Real run: ").append(d.realPassed() ? "PASS" : "FAIL").append("; simulated run: ")
                .append(d.simulatedPassed() ? "PASS" : "FAIL").append(".\n\n")
                .append("## Differences\n\n| steps | field | real | simulated |\n|---|---|---|---|\n");
        for (DiffResult.Difference x : d.differences()) {
            out.append("| ").append(md(x.steps())).append(" | ").append(md(x.name())).append(" | ")
                    .append(md(show(x.real()))).append(" | ").append(md(show(x.simulated()))).append(" |\n");
        }
        out.append("\n## Every field\n\n| step | field | real | simulated | same? |\n|---|---|---|---|---|\n");
        for (Field f : d.fields()) {
            out.append("| ").append(md(f.stepLabel())).append(" | ").append(md(f.name())).append(" | ").append(md(show(f.real())))
                    .append(" | ").append(md(show(f.simulated()))).append(" | ")
                    .append(f.different() ? "**no**" : verdict(f)).append(" |\n");
        }
        return out.toString();
    }

    public static String json(DiffResult d) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("scenario", d.scenario().name());
        root.put("file", d.scenario().file());
        root.put("flavor", d.scenario().flavor());
        root.put("server", d.server());
        root.put("fields", d.fields().size());
        root.put("same", d.same());
        root.put("different", d.different());
        root.put("settling", d.settling());
        root.put("distinct_differences", d.differences().size());
        root.put("real_passed", d.realPassed());
        root.put("simulated_passed", d.simulatedPassed());
        ArrayNode rows = root.putArray("comparison");
        for (Field f : d.fields()) {
            ObjectNode row = rows.addObject();
            row.put("step", f.stepLabel());
            row.put("field", f.name());
            row.put("real", f.real());
            row.put("simulated", f.simulated());
            row.put("same", f.same());
            row.put("settling", f.settling());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** yes, NO, or "settling" for a field that differed only at an instant step's virtual moment. */
    private static String verdict(Field f) {
        return f.same() ? "yes" : f.settling() ? "settling" : "NO";
    }

    private static String show(String v) {
        return v == null ? "(absent)" : v;
    }

    private static String cut(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", "<br>");
    }
}
