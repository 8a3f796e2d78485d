package io.semisyncsim.invariant;

import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.Threads;

/**
 * {@code Rpl_semi_sync_source_wait_sessions} equals the sessions actually waiting: the threads whose
 * process-list state is the plugin's wait state ("Waiting for semi-sync ACK from replica").
 */
final class WaitSessionsMatchWaitingThreads extends PerSource<Void> {
    @Override
    Violation check(Mysqld node, SemisyncSourcePlugin plugin, Void unused, long now) {
        String waitState = plugin.waitState();
        int waiting = node.threads().inState(waitState);
        int counted = plugin.source().waitSessions();
        if (counted != waiting) {
            return new Violation(name(), now, node.name(), "wait_sessions is " + counted + " but " + waiting
                    + " thread" + (waiting == 1 ? " is" : "s are") + " in state '" + waitState + "'");
        }
        return null;
    }
}
