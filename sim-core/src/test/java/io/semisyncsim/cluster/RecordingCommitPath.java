package io.semisyncsim.cluster;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.GroupCommit;
import java.util.ArrayList;
import java.util.List;

/** A commit path for tests: it writes what it is told into a shared list, and crashes with what it is given. */
final class RecordingCommitPath implements CommitPath {
    private final List<String> did;
    boolean running;
    /** What a crash finds prepared in the binlog, with each transaction's end. */
    final List<GroupCommit.Pending> prepared = new ArrayList<>();
    final List<BinlogPosition> ends = new ArrayList<>();

    RecordingCommitPath(List<String> did) {
        this.did = did;
    }

    @Override
    public void killed(long thread) {
        did.add("commit wait of " + thread + " sees the kill");
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void shutdownWake(long thread) {
        did.add("commit wait of " + thread + " woken by the shutdown");
    }

    @Override
    public List<GroupCommit.Pending> crash(List<BinlogPosition> endsOut) {
        did.add("commits crashed");
        endsOut.addAll(ends);
        return prepared;
    }

    @Override
    public void gone() {
        did.add("commit path gone");
    }
}
