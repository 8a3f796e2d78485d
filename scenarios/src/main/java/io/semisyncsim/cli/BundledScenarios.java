package io.semisyncsim.cli;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The scenario library as packaged in the jar ({@code library/...}), readable from any directory. */
final class BundledScenarios {
    private BundledScenarios() {
    }

    static Scenario read(String resource) throws IOException, InvalidScenarioException {
        try (InputStream in = BundledScenarios.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IOException("the bundled scenario " + resource + " is missing from the jar");
            }
            return ScenarioReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource,
                    Flavors.standard());
        }
    }
}
