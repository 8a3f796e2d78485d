package io.semisyncsim.invariant;

import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;

/**
 * {@code Rpl_semi_sync_source_clients} equals the live binlog dump threads the plugin registered as
 * semisync: add_slave at a semisync dump's start, remove_slave at its end (the replica left, its zombie
 * was ended by its reconnect, KILL, shutdown), and nothing else moves it. A client counted with no dump
 * behind it, or a dump that ended without its remove_slave, breaks it.
 */
final class SemisyncClientsMatchDumpThreads extends PerSource<Void> {
    @Override
    Violation check(Mysqld node, SemisyncSourcePlugin plugin, Void unused, long now) {
        int clients = plugin.source().clients();
        int registered = node.dumps().semisync();
        if (clients != registered) {
            return new Violation(name(), now, node.name(), "clients is " + clients + " but " + registered
                    + " semisync binlog dump thread" + (registered == 1 ? " is" : "s are") + " alive");
        }
        return null;
    }
}
