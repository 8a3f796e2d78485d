package io.semisyncsim.scenario;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.invariant.Invariant;
import io.semisyncsim.invariant.Violation;
import io.semisyncsim.scenario.lang.Expectation;
import io.semisyncsim.scenario.lang.Matcher;
import io.semisyncsim.scenario.lang.Play;

/**
 * An invariant a scenario declares ({@code invariants: ["lost.acknowledged == 0"]}): its check must hold
 * at every quiescent instant. A value that is absent (no failover yet, a node down) is not checked: the
 * invariant speaks of the value whenever there is one.
 */
final class DeclaredInvariant implements Invariant {
    private final Expectation check;
    private final Play play;

    DeclaredInvariant(Expectation check, Play play) {
        this.check = check;
        this.play = play;
    }

    @Override
    public String name() {
        return name(check);
    }

    static String name(Expectation check) {
        return "invariant '" + check.describe() + "'";
    }

    @Override
    public Violation check(Cluster cluster) {
        String value = play.read(check.path());
        Matcher m = check.matcher();
        if (value == null || m.test(value)) {
            return null;
        }
        // No line:column here: the message is copied into explore's shrunk files, where the line differs.
        return new Violation(name(), cluster.kernel().now(), check.path().node(), check.path() + " is " + value);
    }
}
