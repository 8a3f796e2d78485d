package io.semisyncsim.cli;

import io.semisyncsim.reports.JUnitXml;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.RunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a {@code run}: how many runs passed and failed and how many files were invalid, then each
 * failure with its first failed expectation, the one command that plays it again, and its trace
 * digest, and each invalid file with its first problem. Printed even with {@code --quiet}.
 */
final class Summary {
    private final List<JUnitXml.Invalid> invalid;
    private final List<ScenarioFiles.InternalError> internalErrors;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    Summary(List<JUnitXml.Invalid> invalid) {
        this(invalid, List.of());
    }

    /** With the files whose reading met an internal error (a bug), each a line that names its file. */
    Summary(List<JUnitXml.Invalid> invalid, List<ScenarioFiles.InternalError> internalErrors) {
        this.invalid = invalid;
        this.internalErrors = internalErrors;
    }

    void add(RunResult r, String reproduce) {
        if (r.passed()) {
            passed++;
            return;
        }
        Outcome first = r.outcomes().stream().filter(o -> !o.held()).findFirst().orElseThrow();
        String actual = first.actualOnOneLine();
        long more = r.failures() - 1;
        failures.add("FAIL " + r.scenario().name() + ": " + r.scenario().file() + ":" + first.pos() + ": expected "
                + first.description() + ", actual " + actual + (more > 0 ? " (and " + more + " more)" : "")
                + "\n     reproduce: " + reproduce
                + "\n     trace digest: " + r.traceDigest());
    }

    int failed() {
        return failures.size();
    }

    void print(PrintStream out) {
        out.println();
        out.println("Summary: " + passed + " passed, " + failures.size() + " failed, " + invalid.size() + " invalid"
                + (internalErrors.isEmpty() ? "" : ", " + internalErrors.size() + " internal error"
                + (internalErrors.size() == 1 ? "" : "s")));
        failures.forEach(out::println);
        for (JUnitXml.Invalid i : invalid) {
            out.println("INVALID " + i.file() + ": " + (i.problems().size() == 1 ? "" : i.problems().size()
                    + " problems, the first: ") + i.problems().get(0));
        }
        internalErrors.forEach(e -> out.println("ERROR " + e));
    }
}
