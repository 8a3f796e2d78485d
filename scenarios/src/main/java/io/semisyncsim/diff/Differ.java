package io.semisyncsim.diff;

import io.semisyncsim.real.RealRunner;
import io.semisyncsim.real.RealSettings;
import io.semisyncsim.real.RealTarget;
import io.semisyncsim.real.ServerBinary;
import io.semisyncsim.scenario.Listeners;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plays a scenario on the simulator and on real servers, recording after every step what each side
 * shows, and compares the two field by field.
 */
public final class Differ {
    private final ServerBinary server;
    private final RealSettings realSettings;
    private final DiffSettings settings = DiffSettings.load();
    private final boolean keep;

    public Differ(ServerBinary server, RealSettings realSettings, boolean keep) {
        this.server = server;
        this.realSettings = realSettings;
        this.keep = keep;
    }

    /** {@code listener} hears the real run (the simulated one is quick and quiet). */
    public DiffResult diff(Scenario scenario, RunListener listener) {
        Recording simulated = new Recording(scenario.steps(), settings);
        RunResult sim = new ScenarioRunner().run(scenario, simulated, simulated::afterStep);
        Recording real = new Recording(scenario.steps(), settings);
        Map<Integer, String> ports = new TreeMap<>();
        RunResult realResult = new RealRunner(server, realSettings, keep).run(scenario, new Listeners(listener, real),
                target -> {
                    real.afterStep(target);
                    ports.putAll(((RealTarget) target).portNames());
                });
        return new DiffResult(scenario, server.product().name() + " " + server.version(),
                Comparison.compare(real, simulated, new Normaliser(ports, server.version(),
                        io.semisyncsim.flavor.Flavors.standard().get(scenario.flavor()).version()), settings),
                realResult.passed(), sim.passed());
    }
}
