package io.semisyncsim.channel;

import io.semisyncsim.gtid.GtidList;
import io.semisyncsim.gtid.GtidSet;

/**
 * What a replica sends when it asks for a dump by GTID: MySQL's executed and retrieved set
 * ({@code set}), or MariaDB's position ({@code position}, gtid_slave_pos or gtid_current_pos) with its
 * {@code @slave_gtid_strict_mode}. Immutable copies: the replica's state goes on moving.
 */
public record GtidRequest(GtidSet set, GtidList position, boolean strict) {

    @Override
    public String toString() {
        return set != null ? set.toString() : position.toString();
    }
}
