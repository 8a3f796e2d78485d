package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/**
 * A fault on one node: {@code crash} (the process dies, no shutdown, as kill -9: its sockets close and
 * its files keep what it wrote), {@code power-off} (the machine goes: no one hears, and what was not
 * fsynced is lost), {@code stop} (a clean shutdown, as SIGTERM), {@code restart} (starts again, reading
 * its option file), {@code slow-disk} (every fsync costs {@code fsync: D} from now on), {@code pause}
 * (frozen {@code for: D}, as SIGSTOP then SIGCONT; the next steps run meanwhile).
 */
public record NodeFault(Pos pos, String kind, String node, long micros) implements Step {

    public static final FaultKind CRASH = kind("crash", null);
    public static final FaultKind POWER_OFF = kind("power-off", null);
    public static final FaultKind STOP = kind("stop", null);
    public static final FaultKind RESTART = kind("restart", null);
    public static final FaultKind SLOW_DISK = kind("slow-disk", "fsync");
    public static final FaultKind PAUSE = kind("pause", "for");

    private static FaultKind kind(String name, String amount) {
        List<String> keys = amount == null ? List.of("fault", "node") : List.of("fault", "node", amount);
        return new FaultKind(name, keys, (r, m) -> read(r, m, name, amount));
    }

    private static Step read(StepReader r, YNode.Map m, String kind, String amount) {
        long micros = -1;
        if (amount != null) {
            if (!m.entries().containsKey(amount)) {
                r.problem(m.pos(), kind + " needs " + amount + ", e.g. " + amount + ": "
                        + (kind.equals("pause") ? "5s" : "50ms"));
                return null;
            }
            micros = r.optionalDuration(m, amount, 0);
        }
        String node = FaultStep.node(r, m, kind);
        if (node == null) {
            return null;
        }
        Pos down = r.downAt(node);
        switch (kind) {
            case "crash", "power-off", "stop" -> {
                if (down != null) {
                    r.problem(m.pos(), kind + " of " + node + ", which is down at this point (it went down "
                            + r.at(down) + ")");
                }
                r.down(node, m.pos());
            }
            case "restart" -> {
                if (down == null) {
                    r.problem(m.pos(), "restart of " + node + ", which is running at this point (crash or stop it first)");
                }
                r.up(node);
            }
            case "pause" -> {
                if (down != null) {
                    r.problem(m.pos(), "pause of " + node + ", which is down at this point (it went down "
                            + r.at(down) + ")");
                }
            }
            default -> {
            }
        }
        return new NodeFault(m.pos(), kind, node, micros);
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "fault " + kind + " " + node + switch (kind) {
            case "slow-disk" -> ": fsync takes " + Durations.format(micros);
            case "pause" -> " for " + Durations.format(micros);
            default -> "";
        });
        switch (kind) {
            case "crash" -> {
                p.target().crash(node);
                p.nodeDown(node);
            }
            case "power-off" -> {
                p.target().powerOff(node);
                p.nodeDown(node);
            }
            case "stop" -> {
                p.target().stop(node);
                p.nodeDown(node);
            }
            case "slow-disk" -> p.target().slowDisk(node, micros);
            case "pause" -> p.target().pause(node, micros);
            default -> p.listener().note(p.now(), node + " is " + p.target().restart(node));
        }
    }

    @Override
    public String realServerLimit() {
        return switch (kind) {
            case "slow-disk" -> "a slow disk cannot be made on real servers here; slow-disk runs in the simulator only";
            case "power-off" -> "a machine's power cannot be cut on real servers here (the OS would keep what the"
                    + " server wrote); power-off runs in the simulator only, crash (kill -9) runs on both";
            default -> null;
        };
    }
}
