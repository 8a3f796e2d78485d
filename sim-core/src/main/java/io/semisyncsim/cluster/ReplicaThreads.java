package io.semisyncsim.cluster;

import akka.actor.typed.ActorRef;
import io.semisyncsim.replication.IoThread;
import io.semisyncsim.replication.SqlThread;
import io.semisyncsim.server.ReplicationControl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A replica's I/O and SQL thread actors as START/STOP SLAVE, a crash and the node's supervision see
 * them. States of each thread: not running (null) -> running (START SLAVE, or a start of a configured
 * replica) -> stopping (STOP SLAVE told it to stop; an I/O thread stays "stopping" until its actor has
 * ended, because STOP SLAVE answers only then: rpl_slave.cc terminate_slave_threads waits for it; so does
 * a SQL thread whose transaction the server is still committing, which it finishes first) ->
 * not running. A thread that stops on its own (a fatal dump error) goes straight to not running.
 * The node's actor spawns and watches the actors; this class only keeps track of them.
 */
final class ReplicaThreads implements ReplicationControl {
    private final Supplier<ActorRef<IoThread.Command>> spawnIo;
    private final Supplier<ActorRef<SqlThread.Command>> spawnSql;
    private final Runnable binlogWritten;
    private ActorRef<IoThread.Command> io;
    private ActorRef<SqlThread.Command> sql;
    /** I/O threads told to stop whose actors have not ended yet. */
    private final List<ActorRef<IoThread.Command>> stoppingIo = new ArrayList<>();
    /**
     * A SQL thread told to stop while the server committed for it or while it waited for a row, whose actor has
     * not ended yet; or null.
     */
    private ActorRef<SqlThread.Command> stoppingSql;
    /** What waits for every stopping thread to have ended (a STOP SLAVE's answer). */
    private final List<Runnable> awaitingStop = new ArrayList<>();
    /** Whether the SQL thread waits for the server to commit a transaction it applied, or for a row. */
    private final BooleanSupplier sqlFinishing;

    ReplicaThreads(Supplier<ActorRef<IoThread.Command>> spawnIo, Supplier<ActorRef<SqlThread.Command>> spawnSql,
                   Runnable binlogWritten, BooleanSupplier sqlFinishing) {
        this.spawnIo = spawnIo;
        this.spawnSql = spawnSql;
        this.binlogWritten = binlogWritten;
        this.sqlFinishing = sqlFinishing;
    }

    @Override
    public void startIoThread() {
        io = spawnIo.get();
    }

    @Override
    public void stopIoThread() {
        io.tell(new IoThread.Stop());
        stoppingIo.add(io);
        io = null;
    }

    @Override
    public void startSqlThread() {
        sql = spawnSql.get();
    }

    @Override
    public void stopSqlThread() {
        sql.tell(new SqlThread.Stop(false));
        if (sqlFinishing.getAsBoolean()) {
            stoppingSql = sql; // it finishes that transaction or that wait first, and STOP SLAVE waits for it
        }
        sql = null;
    }

    @Override
    public void killSqlThread() {
        sql.tell(new SqlThread.Stop(true));
        sql = null;
    }

    @Override
    public boolean ioThreadRunning() {
        return io != null;
    }

    @Override
    public boolean sqlThreadRunning() {
        return sql != null;
    }

    /** The binary log grew or rotated outside group commit: this node's dump threads may send on. */
    @Override
    public void binlogWritten() {
        binlogWritten.run();
    }

    /** FLUSH RELAY LOGS wrote a Rotate and the new file's header: the SQL thread reads on. */
    @Override
    public void relayLogWritten() {
        if (sql != null) {
            sql.tell(new SqlThread.RelayAdvanced());
        }
    }

    /** STOP SLAVE of whichever threads run: the SQL thread first, as MySQL stops them. */
    void stopRunning() {
        if (sql != null) {
            stopSqlThread();
        }
        if (io != null) {
            stopIoThread();
        }
    }

    /** How many threads are stopping now: a statement that raised it waits for them to end. */
    int stopping() {
        return stoppingIo.size() + (stoppingSql == null ? 0 : 1);
    }

    /** Whether a SQL thread told to stop is still finishing the transaction the server commits for it. */
    boolean sqlStopping() {
        return stoppingSql != null;
    }

    /** Runs {@code then} once every thread that is stopping has ended. */
    void whenStopped(Runnable then) {
        awaitingStop.add(then);
    }

    /** A message for the I/O thread, if one runs (relay log space was freed). */
    void tellIo(IoThread.Command command) {
        if (io != null) {
            io.tell(command);
        }
    }

    /** A message for the SQL thread, if one runs (the relay log grew, ...). */
    void tellSql(SqlThread.Command command) {
        if (sql != null) {
            sql.tell(command);
        }
    }

    /** A watched actor ended: whichever of ours it was is not running any more. */
    void ended(ActorRef<?> ref) {
        if (io != null && io.equals(ref)) {
            io = null; // it stopped on its own (a fatal dump error)
        }
        boolean wasStopping = stoppingIo.remove(ref);
        if (stoppingSql != null && stoppingSql.equals(ref)) {
            stoppingSql = null;
            wasStopping = true;
        }
        if (wasStopping && stopping() == 0) {
            List<Runnable> waiting = new ArrayList<>(awaitingStop);
            awaitingStop.clear();
            waiting.forEach(Runnable::run); // STOP SLAVE returns once its threads have ended
        }
        if (sql != null && sql.equals(ref)) {
            sql = null;
        }
    }

    /**
     * The process is gone (a crash, or the end of a shutdown): the running threads' actors are stopped at
     * once with {@code stop}, and {@code ioGone}/{@code sqlGone} say which were running. An I/O thread still
     * stopping (a MariaDB semisync replica's KILL of its dump thread, its connect held up by a partition)
     * goes with the process too: it must not reach the source later and kill the dump of the next start.
     */
    void killed(Consumer<ActorRef<?>> stop, Runnable ioGone, Runnable sqlGone) {
        if (io != null) {
            stop.accept(io);
            io = null;
            ioGone.run();
        }
        if (!stoppingIo.isEmpty()) {
            stoppingIo.forEach(stop);
            stoppingIo.clear();
            ioGone.run();
        }
        awaitingStop.clear(); // the statement that waited for them went with its connection
        if (sql != null) {
            stop.accept(sql);
            sql = null;
            sqlGone.run();
        }
        if (stoppingSql != null) {
            stop.accept(stoppingSql);
            stoppingSql = null;
            sqlGone.run();
        }
    }
}
