package io.semisyncsim.gtid;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Errant transactions: what a server executed that another (its source) has not, from what each server
 * shows of its GTIDs, so the simulator and a real server answer alike. MySQL's is set arithmetic
 * (GTID_SUBTRACT of the two gtid_executed). MariaDB shows no set, only its binlog state (each server's
 * last GTID per domain) and its slave position: an entry of either that the other server holds neither
 * in its binlog state (that server's GTID at that number or later) nor at or past its slave position is
 * errant; one entry names the last errant transaction of its server and domain.
 */
public final class Errant {
    private Errant() {
    }

    /** GTID_SUBTRACT(mine, theirs), in MySQL's text. */
    public static String mysql(String mine, String theirs) {
        GtidSet a = GtidSet.parse(mine);
        GtidSet b = GtidSet.parse(theirs);
        return a == null || b == null ? "" : a.subtract(b).toString();
    }

    /** MariaDB: the entries of my binlog state and slave position the other server does not hold, in order. */
    public static List<String> mariadb(String myBinlogState, String mySlavePos, String theirBinlogState,
                                       String theirSlavePos) {
        BinlogState theirs = new BinlogState();
        for (Gtid.Domain g : entries(theirBinlogState)) {
            theirs.logged(g);
        }
        GtidList theirSlave = GtidList.parse(theirSlavePos).list();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<Gtid.Domain> mine = new ArrayList<>(entries(myBinlogState));
        mine.addAll(entries(mySlavePos));
        for (Gtid.Domain g : mine) {
            Gtid.Domain at = theirSlave == null ? null : theirSlave.get(g.domain());
            boolean held = theirs.holds(g) || at != null && at.server() == g.server() && at.seq() >= g.seq();
            if (!held) {
                out.add(g.toString());
            }
        }
        return new ArrayList<>(out);
    }

    /** The GTIDs of a comma-separated text (a binlog state may list several of one domain). */
    private static List<Gtid.Domain> entries(String text) {
        List<Gtid.Domain> out = new ArrayList<>();
        for (String part : text == null ? new String[0] : text.split(",")) {
            Gtid.Domain g = Gtid.Domain.parse(part);
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }
}
