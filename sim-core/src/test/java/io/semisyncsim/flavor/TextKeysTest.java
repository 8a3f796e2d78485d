package io.semisyncsim.flavor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text a flavour is asked for exists in its table (STYLE: flavour differences are data): each
 * error-log message, error, privilege need, column clause, replica-status setting and operator
 * statement the simulator's code looks up by key, in every flavour, with the arguments its text needs.
 * A missing log message would otherwise just never be written, and a missing error fail only when a
 * scenario reaches it.
 */
class TextKeysTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Flavors FLAVORS = Flavors.standard();

    private static TextKeys.Scan scanSources() throws IOException {
        List<TextKeys.Use> uses = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                TextKeys.Scan s = TextKeys.scan(f.getFileName().toString(), Files.readString(f));
                uses.addAll(s.uses());
                unreadable.addAll(s.unreadable());
            }
        }
        return new TextKeys.Scan(uses, unreadable);
    }

    @Test
    void everyKeyTheCodeUsesIsInEveryFlavoursTableWithTheArgumentsItsTextNeeds() throws IOException {
        TextKeys.Scan scan = scanSources();
        assertTrue(scan.uses().size() > 200, "the scan found only " + scan.uses().size() + " lookups; is it reading the sources?");
        assertEquals(List.of(), scan.unreadable());
        List<String> problems = new ArrayList<>();
        for (String name : FLAVORS.names()) {
            problems.addAll(TextKeys.problems(FLAVORS.get(name), scan.uses()));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyErrorLogMessageInTheTablesIsOneTheCodeWrites() throws IOException {
        Set<String> used = new TreeSet<>();
        for (TextKeys.Use u : scanSources().uses()) {
            if (u.kind() == TextKeys.Kind.LOG) {
                u.paths().forEach(p -> used.add(p.substring("error-log.messages.".length()).replace("\"", "")));
            }
        }
        for (String name : FLAVORS.names()) {
            Set<String> unused = new TreeSet<>(FLAVORS.get(name).logMessageIds());
            unused.removeAll(used);
            assertEquals(Set.of(), unused, name + ": error-log messages nothing writes (misspelt, or dead)");
        }
    }

    @Test
    void theCodesTheTablesNameForNotesAndRefusalsHaveTexts() {
        for (String name : FLAVORS.names()) {
            Flavor f = FLAVORS.get(name);
            for (int code : List.of(f.replicaRunningNote(), f.replicaStoppedNote(), f.privileges().grantToMissingUser())) {
                assertTrue(f.hasError(Integer.toString(code)), name + " names error " + code + " but has no text for it");
            }
        }
    }

    @Test
    void theErrorsOfASessionVariableInsideATransactionHaveTexts() {
        for (String name : FLAVORS.names()) {
            for (var def : FLAVORS.get(name).systemVariables().values()) {
                if (def.hasSession() && def.session().errorInTransaction() != 0) {
                    String code = Integer.toString(def.session().errorInTransaction());
                    assertTrue(FLAVORS.get(name).hasError(code), name + ": " + def.name() + " names error " + code
                            + " but has no text for it");
                }
            }
        }
    }

    // --- the check itself can fail

    private static List<String> problemsOf(String source) {
        TextKeys.Scan s = TextKeys.scan("Example.java", source);
        List<String> out = new ArrayList<>(s.unreadable());
        out.addAll(TextKeys.problems(FLAVORS.get("mariadb-10.11"), s.uses()));
        return out;
    }

    @Test
    void aLogMessageNoTableHasIsReported() {
        List<String> p = problemsOf("class X { void f() { server.errorLog().log(\"semisync-swiched-on\"); } }");
        assertEquals(List.of("mariadb-10.11: Example.java:1 uses error-log.messages.\"semisync-swiched-on\", which its table lacks"), p);
    }

    @Test
    void anArgumentTheFlavoursTextNeedsButTheCallDoesNotGiveIsReported() {
        // MariaDB's switched-ON line names the replica's server_id; MySQL's does not.
        String call = "class X { void f() { ctx.errorLog().log(\"semisync-switched-on\", \"file\", f, \"pos\", p); } }";
        assertEquals(List.of("mariadb-10.11: error-log.messages.\"semisync-switched-on\" needs {server_id}, which Example.java:1 does not give"),
                problemsOf(call));
        assertEquals(List.of(), TextKeys.problems(FLAVORS.get("mysql-8.0"), TextKeys.scan("Example.java", call).uses()));
    }

    @Test
    void anErrorCalledWithFewerArgumentsThanItsTextFormatsIsReported() {
        List<String> p = problemsOf("class X { void f() throws SqlError { throw flavor().error(1198, \"x\"); } "
                + "void g() throws SqlError { throw flavor.error(1142, a, b, c); } }");
        assertEquals(List.of("mariadb-10.11: errors.\"1142\" needs 5 arguments, Example.java:1 gives 3"), p);
    }

    @Test
    void aKeyThatIsNotALiteralIsReportedBecauseNoTestCouldSeeIt() {
        List<String> p = problemsOf("class X { void f(String which) { ctx.errorLog().log(which); } }");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("the key of log(which, ...) is not a literal"), p.get(0));
    }

    @Test
    void bothBranchesOfAConditionalKeyAreChecked() {
        List<String> p = problemsOf("class X { void f() { ctx.errorLog().log(on ? \"semisync-dump-stop\" : \"no-such-stop\", \"server_id\", 2); } }");
        assertEquals(List.of("mariadb-10.11: Example.java:1 uses error-log.messages.\"no-such-stop\", which its table lacks"), p);
    }

    @Test
    void aMessageAFlavourNeverWritesCountsAsPresent() {
        // semisync-disabled is null in MariaDB's table: it writes no "disabled on the master" line.
        assertEquals(List.of(), problemsOf("class X { void f() { ctx.errorLog().log(\"semisync-disabled\"); } }"));
    }
}
