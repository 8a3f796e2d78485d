package io.semisyncsim.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** What Tab offers where the cursor is: nodes, meta commands, paths and variables. */
class ShellCompleterTest {
    private static final ShellCompleter COMPLETER = new ShellCompleter(List.of("source", "replica1"),
            List.of("server_id", "rpl_semi_sync_source_timeout"));

    private static List<String> offered(String line) {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(null);
        List<Candidate> candidates = new ArrayList<>();
        COMPLETER.complete(null, parser.parse(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void aSystemVariableAfterTwoAtSignsCompletesWithThem() {
        assertTrue(offered("SELECT @@server_i").contains("@@server_id"));
        assertTrue(offered("SELECT @@global.rpl").contains("@@global.rpl_semi_sync_source_timeout"));
    }

    @Test
    void aPathCompletesFromTheNodeAndItsKind() {
        assertTrue(offered("\\expect source.status.ser").contains("source.status.server_id"));
        assertTrue(offered("\\expect sou").contains("source.status."));
    }
}
