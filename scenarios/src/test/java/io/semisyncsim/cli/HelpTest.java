package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every --help reads as written: no identifier or path cut across two lines, no footer line re-wrapped. */
class HelpTest {
    /**
     * A line that ends inside a word (mysql-8. | 4, network. | links) and goes on on the next, as a
     * continuation (at column 0 or indented 10 or more; an entry of a list is indented less).
     */
    private static final Pattern CUT = Pattern.compile("[^\\n]*[A-Za-z0-9][.\\-/<>_]\\n( {10,}|)[a-z0-9<][^\\n]*");

    @Test
    void noHelpCutsAnIdentifierOrRewrapsItsFooter() {
        CommandLine top = new CommandLine(new Cli());
        List<CommandLine> all = new java.util.ArrayList<>(List.of(top));
        all.addAll(top.getSubcommands().values());
        for (CommandLine c : all) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            c.usage(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String help = bytes.toString(StandardCharsets.UTF_8);
            String name = c.getCommandName();
            Matcher cut = CUT.matcher(help);
            assertFalse(cut.find(), name + ": a word cut across lines: " + (cut.hitEnd() ? "" : cut.group()));
            List<String> lines = help.lines().toList();
            for (String footer : c.getCommandSpec().usageMessage().footer()) {
                assertTrue(footer.isEmpty() || lines.contains(footer), name + ": the footer line '" + footer
                        + "' is wrapped (it is longer than the help's width)");
            }
        }
    }
}
