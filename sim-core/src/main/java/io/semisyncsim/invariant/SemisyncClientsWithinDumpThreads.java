package io.semisyncsim.invariant;

import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.Threads;

/**
 * {@code Rpl_semi_sync_source_clients} never counts more replicas than there are binlog dump threads
 * in the process list: every semisync client is a live dump thread (add_slave at its start,
 * remove_slave at its end). The issue asks for equality with the live semisync dump registrations; those
 * are private to the server's actor, and a dump thread does not say whether it is semisync, so this
 * checks the bound that the process list can tell: a client that outlives its dump thread breaks it.
 */
final class SemisyncClientsWithinDumpThreads extends PerSource<Void> {
    @Override
    Violation check(Mysqld node, SemisyncSourcePlugin plugin, Void unused, long now) {
        int dumps = 0;
        for (Threads.Thread t : node.threads().all()) {
            if (t.kind() == Threads.Kind.BINLOG_DUMP) {
                dumps++;
            }
        }
        int clients = plugin.source().clients();
        if (clients > dumps) {
            return new Violation(name(), now, node.name(), "clients is " + clients + " but " + dumps
                    + " binlog dump thread" + (dumps == 1 ? " is" : "s are") + " alive");
        }
        return null;
    }
}
