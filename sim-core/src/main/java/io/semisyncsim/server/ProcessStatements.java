package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.ThreadStyle;
import io.semisyncsim.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements about the server's threads: SHOW [FULL] PROCESSLIST (sql_show.cc mysqld_list_processes),
 * KILL [CONNECTION | QUERY] (sql_parse.cc kill_one_thread) and SHUTDOWN. What a KILL or a SHUTDOWN does
 * to connections is the node actor's ({@link ConnectionControl}); here are the checks and the answers.
 */
final class ProcessStatements {
    /** Info is cut to this many characters without FULL (PROCESS_LIST_WIDTH). */
    private static final int INFO_WIDTH = 100;

    private final Mysqld server;

    ProcessStatements(Mysqld server) {
        this.server = server;
    }

    static boolean handles(Statement s) {
        return s instanceof Statement.ShowProcesslist || s instanceof Statement.Kill || s instanceof Statement.Shutdown;
    }

    StatementResult run(Account account, Statement s, Session session) throws SqlError {
        if (s instanceof Statement.ShowProcesslist show) {
            return processlist(account, show.full(), session);
        }
        if (s instanceof Statement.Kill kill) {
            return kill(account, kill, session);
        }
        StatementExecutor.require(account, flavor().privileges().need("shutdown"), flavor());
        server.connections().shutdown(flavor().shutdownStatementUser(account.user()));
        return StatementExecutor.ok(List.of());
    }

    private Flavor flavor() {
        return server.flavor();
    }

    /** The threads the account may see ({@link ProcessRow}); Info cut at 100 characters unless FULL. */
    private StatementResult processlist(Account account, boolean full, Session session) {
        ThreadStyle style = flavor().threadStyle();
        boolean all = holds(account, flavor().privileges().need("process"));
        long now = server.now();
        List<List<String>> rows = new ArrayList<>();
        for (ProcessRow p : ProcessRow.visible(server, all, account.user(), session.connectionId())) {
            Threads.Thread t = p.thread();
            String info = p.self() ? (full ? "SHOW FULL PROCESSLIST" : "SHOW PROCESSLIST") : t.info();
            if (info != null && !full && info.length() > INFO_WIDTH) {
                info = info.substring(0, INFO_WIDTH);
            }
            List<String> row = new ArrayList<>();
            for (String column : style.processlistColumns()) {
                row.add(switch (column) {
                    case "Id" -> Long.toString(t.id());
                    case "User" -> t.user();
                    case "Host" -> t.host();
                    case "db" -> p.db(session);
                    case "Command" -> p.command();
                    case "Time" -> Long.toString(p.micros(now) / 1_000_000);
                    case "State" -> p.state(style.selfState());
                    case "Info" -> info;
                    case "Progress" -> "0.000";
                    default -> throw new IllegalStateException("no value for process-list column " + column);
                });
            }
            rows.add(row);
        }
        List<ResultSet.Column> columns = new ArrayList<>();
        for (String c : style.processlistColumns()) {
            columns.add(new ResultSet.Column(c, c.equals("Id") || c.equals("Time") || c.equals("Progress"),
                    c.equals("db") || c.equals("State") || c.equals("Info")));
        }
        return new StatementResult.Rows(new ResultSet(columns, rows), List.of());
    }

    /** Whether {@code account} has one of the privileges {@code need} accepts. */
    static boolean holds(Account account, Flavor.Privileges.Need need) {
        return need.any().stream().anyMatch(p -> account.has(Privilege.key(p)));
    }

    /** kill_one_thread: an unknown id is 1094; another user's thread needs the flavour's privilege (1095). */
    private StatementResult kill(Account account, Statement.Kill kill, Session session) throws SqlError {
        Object value = new Evaluator(server, session, account).eval(kill.thread());
        long id;
        try {
            id = value == null ? -1 : new java.math.BigDecimal(value.toString()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw flavor().error(1094, String.valueOf(value));
        }
        Threads.Thread t = server.threads().find(id);
        if (t == null || !t.listed()) {
            throw flavor().error(1094, Long.toString(id));
        }
        if (!t.user().equals(account.user()) && !holds(account, flavor().privileges().need("kill-other"))) {
            throw flavor().error(1095, Long.toString(id));
        }
        server.connections().kill(id, kill.queryOnly(), session.connectionId());
        return StatementExecutor.ok(List.of());
    }
}
