package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.FaultKind;
import java.util.List;

/** Every fault kind a {@code fault:} step can name, in the order messages list them. */
public final class Faults {
    private Faults() {
    }

    public static final List<FaultKind> KINDS = List.of(
            NodeFault.CRASH, NodeFault.POWER_OFF, NodeFault.STOP, NodeFault.RESTART, NodeFault.SLOW_DISK, NodeFault.PAUSE,
            PartitionFault.KIND, HealFault.KIND, FlapFault.KIND, ResetFault.KIND, LatencyFault.KIND);
}
