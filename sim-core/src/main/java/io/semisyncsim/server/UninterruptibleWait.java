package io.semisyncsim.server;

import java.util.List;

/**
 * A statement's wait on something inside the server that KILL does not interrupt (a mutex, a condition
 * the server waits on without checking the kill flag): KILL QUERY leaves it waiting, KILL CONNECTION closes
 * the client's socket at once (THD::awake), and the process list shows the statement still "starting".
 */
abstract class UninterruptibleWait implements ReplicationWaits.Target {

    @Override
    public final ReplicationWaits.Outcome killed() {
        throw new IllegalStateException("an uninterruptible wait is never woken by KILL");
    }

    @Override
    public final boolean interruptible() {
        return false;
    }

    @Override
    public String state(List<ReplicationWaits.Target> others) {
        return "starting"; // no stage is set before the wait ends
    }
}
