package io.semisyncsim.cli;

import io.semisyncsim.real.RealServerException;
import io.semisyncsim.real.RealSettings;
import io.semisyncsim.real.ServerBinary;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What `real` and `diff` share: finding the server, and narrowing each scenario to the flavour that
 * models it, refusing (before anything starts) a scenario the server here cannot play.
 */
final class RealServers {
    private RealServers() {
    }

    static ServerBinary find(Path basedir, RealSettings settings) {
        if (basedir != null && !java.nio.file.Files.isDirectory(basedir)) {
            throw new RealServerException(RealServerException.MISSING, "--basedir " + basedir + " is not a directory");
        }
        return ServerBinary.find(basedir, settings);
    }

    /**
     * Each scenario on the flavour that models the server ({@code forced} when given); a scenario that
     * does not run on it, or has a step real servers cannot play, is a problem with its place in the file.
     */
    static List<Scenario> playable(List<Scenario> scenarios, ServerBinary server, String forced, RealSettings settings,
                                   List<Problem> problems) {
        String flavor = forced != null ? forced : server.flavor();
        List<Scenario> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (flavor == null) {
                problems.add(new Problem(s.file(), new io.semisyncsim.scenario.lang.Pos(1, 1), "no flavour models "
                        + server.product().name() + " " + server.version() + " (flavours model " + String.join(", ",
                        settings.knownVersions()) + "); give --flavor F to play it as flavour F"));
                continue;
            }
            if (forced == null && !s.flavors().contains(flavor)) {
                problems.add(new Problem(s.file(), new io.semisyncsim.scenario.lang.Pos(1, 1), "the scenario runs on "
                        + String.join(", ", s.flavors()) + ", but the server here is " + server.describe()
                        + ", modelled by " + flavor + "; give --basedir of a server it runs on, or --flavor " + flavor
                        + " to play it anyway"));
                continue;
            }
            List<Problem> limits = io.semisyncsim.real.RealRunner.limits(s);
            problems.addAll(limits);
            if (limits.isEmpty()) {
                out.add(s.on(flavor));
            }
        }
        return out;
    }
}
