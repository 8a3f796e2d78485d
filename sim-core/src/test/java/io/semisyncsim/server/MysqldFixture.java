package io.semisyncsim.server;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.LinkedHashMap;
import java.util.Map;

/** A running node of a flavour, for tests; time stands still at zero. */
final class MysqldFixture {
    private MysqldFixture() {
    }

    static Mysqld node(String flavor, String... options) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            settings.put(options[i], options[i + 1]);
        }
        Mysqld node = new Mysqld("source", 1, Flavors.standard().get(flavor), OptionFile.of(settings),
                SemisyncPlugins.register(new PluginFactories()), () -> 0L);
        node.start();
        return node;
    }

    /** A statement format's logging (MariaDB's MIXED and STATEMENT alike: what the statement itself decides). */
    static final io.semisyncsim.binlog.Transaction.Logging STATEMENTS =
            new io.semisyncsim.binlog.Transaction.Logging(true, true, 0);

    /** Runs {@code sql} as root, writes what it commits to the binlog as statement format does, and applies it. */
    static java.util.List<io.semisyncsim.binlog.BinlogEvent> binlogged(Mysqld node, Session session, String sql) {
        StatementResult r = node.execute(Account.ROOT, sql, session);
        if (!(r instanceof StatementResult.CommitNeeded c)) {
            throw new AssertionError("expected a commit, got " + r);
        }
        io.semisyncsim.binlog.Transaction trx = c.transaction(node.store().appliedTransactions() + 1, 0, 0, STATEMENTS);
        java.util.List<io.semisyncsim.binlog.BinlogEvent> events = node.binlog().write(trx);
        node.store().apply(trx);
        return events;
    }

    static StatementResult root(Mysqld node, String sql) {
        return node.execute(Account.ROOT, sql);
    }

    static String error(StatementResult r) {
        return r instanceof StatementResult.Failed f ? f.error().toString() : "no error: " + r;
    }

    /**
     * Runs a statement as {@code user} in {@code session} and commits what it asks to commit at once, as
     * the node's group commit would (running it again after an implicit commit, as the node actor does).
     */
    static StatementResult committed(Mysqld node, Session session, String user, String sql) {
        StatementResult r = node.execute(Account.named(user), sql, session);
        while (r instanceof StatementResult.CommitNeeded c) {
            node.store().apply(c.transaction(node.store().appliedTransactions() + 1, node.now()));
            r = c.thenRerun() ? node.execute(Account.named(user), sql, session) : c.answer();
        }
        return r;
    }

    /** The result set's rows of a statement that must answer one. */
    static java.util.List<java.util.List<String>> rows(StatementResult r) {
        if (r instanceof StatementResult.Rows rows) {
            return rows.resultSet().rows();
        }
        throw new AssertionError("expected a result set, got " + r);
    }
}
