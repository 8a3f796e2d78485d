package io.semisyncsim.real;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.step.CommitStep;
import io.semisyncsim.sql.ParseException;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables a scenario writes without creating them: the simulator's tables exist implicitly (an
 * integer key and one value), so real servers get them created, unlogged, before time zero.
 */
final class ImplicitTables {
    private ImplicitTables() {
    }

    static Set<String> of(Scenario scenario, Flavor flavor) {
        Set<String> tables = new TreeSet<>();
        tables.add(CommitStep.TABLE);
        add(scenario.steps(), flavor, tables);
        return tables;
    }

    /** The tables of these steps' statements, commits and workloads, and of the steps they hold. */
    private static void add(java.util.List<Step> steps, Flavor flavor, Set<String> tables) {
        for (Step step : steps) {
            tables.addAll(step.tables());
            add(step.steps(), flavor, tables);
            for (String statement : step.statements()) {
                try {
                    Statement s = Parser.parse(statement, flavor.dialect());
                    if (s instanceof Statement.Insert i) {
                        tables.add(i.table());
                    } else if (s instanceof Statement.Update u) {
                        tables.add(u.table());
                    } else if (s instanceof Statement.Delete d) {
                        tables.add(d.table());
                    } else if (s instanceof Statement.CountRows c) {
                        tables.add(c.table());
                    }
                } catch (ParseException e) {
                    // not a statement the simulator knows: the real server will say what it thinks of it
                }
            }
        }
    }
}
