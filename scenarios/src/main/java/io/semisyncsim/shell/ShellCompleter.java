package io.semisyncsim.shell;

import io.semisyncsim.live.Commands;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes what fits where the cursor stands: a meta command's name first on the line, a fault kind
 * after {@code \fault}, node names after {@code \c} and in fault commands, and elsewhere nodes and the
 * source's variable names (for SQL and paths such as {@code source.status.Rpl_semi_sync_source_status}).
 */
final class ShellCompleter implements Completer {
    private final List<String> nodes;
    private final List<String> words;

    ShellCompleter(List<String> nodes, List<String> words) {
        this.nodes = nodes;
        this.words = words;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, line.wordIndex());
        String first = before.isEmpty() ? "" : before.get(0);
        if (before.isEmpty() && line.word().startsWith("\\")) {
            Commands.names().forEach(n -> candidates.add(new Candidate(n)));
        } else if (first.equals("\\fault") && before.size() == 1) {
            Commands.faultKinds().forEach(k -> candidates.add(new Candidate(k)));
        } else if (first.startsWith("\\") && !first.equals("\\expect") && !first.equals("\\await")
                && !first.equals("\\let")) {
            nodes.forEach(n -> candidates.add(new Candidate(n)));
        } else {
            String w = line.word();
            int dot = w.lastIndexOf('.');
            String prefix = dot < 0 ? "" : w.substring(0, dot + 1); // source.status. + a variable
            if (dot < 0) {
                nodes.forEach(n -> candidates.add(new Candidate(n, n, null, null, null, null, false)));
            }
            for (String v : words) {
                candidates.add(new Candidate(prefix + v, v, null, null, null, null, true));
            }
            if (dot < 0) {
                for (String n : nodes) {
                    for (String kind : List.of("status.", "variables.", "plugins.", "replica_status.")) {
                        candidates.add(new Candidate(n + "." + kind, n + "." + kind, null, null, null, null, false));
                    }
                }
            }
        }
    }
}
