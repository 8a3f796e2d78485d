package io.semisyncsim.real;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.step.CommitStep;
import io.semisyncsim.scenario.step.SqlStep;
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
        for (Step step : scenario.steps()) {
            if (step instanceof SqlStep sql) {
                for (String statement : sql.statements()) {
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
        return tables;
    }
}
