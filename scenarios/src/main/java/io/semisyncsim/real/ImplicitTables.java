package io.semisyncsim.real;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.step.CommitStep;
import io.semisyncsim.sql.ParseException;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables a scenario uses without creating them: the simulator's tables in the default database
 * exist implicitly (an integer key and one value), so real servers get them created, unlogged, before
 * time zero; a table the scenario creates itself with CREATE TABLE is left to it.
 */
final class ImplicitTables {
    private ImplicitTables() {
    }

    static Set<String> of(Scenario scenario, Flavor flavor) {
        Set<String> tables = new TreeSet<>();
        Set<String> created = new TreeSet<>();
        tables.add(CommitStep.TABLE);
        add(scenario.steps(), flavor, tables, created);
        tables.removeAll(created);
        return tables;
    }

    /** The tables of these steps' statements, commits and workloads, and of the steps they hold. */
    private static void add(List<Step> steps, Flavor flavor, Set<String> tables, Set<String> created) {
        for (Step step : steps) {
            tables.addAll(step.tables());
            add(step.steps(), flavor, tables, created);
            for (String statement : step.statements()) {
                try {
                    Statement s = Parser.parse(Parser.withoutTerminator(statement), flavor.dialect());
                    if (s instanceof Statement.CreateTable c && inDefaultDatabase(c.table())) {
                        created.add(c.table().name()); // created by the scenario: not implicit
                    } else if (s instanceof Statement.Insert i && inDefaultDatabase(i.table())) {
                        tables.add(i.table().name());
                    } else if (s instanceof Statement.Update u && inDefaultDatabase(u.table())) {
                        tables.add(u.table().name());
                    } else if (s instanceof Statement.Delete d && inDefaultDatabase(d.table())) {
                        tables.add(d.table().name());
                    } else if (s instanceof Statement.Select q && q.from() != null && inDefaultDatabase(q.from())) {
                        tables.add(q.from().name());
                    }
                } catch (ParseException e) {
                    // not a statement the simulator knows: the real server will say what it thinks of it
                }
            }
        }
    }

    /** Implicit tables live in the default database, {@code test}; a scenario that USEs another names it. */
    private static boolean inDefaultDatabase(Statement.TableRef t) {
        return t.db() == null || t.db().equals(io.semisyncsim.table.Catalog.DEFAULT_DB);
    }
}
