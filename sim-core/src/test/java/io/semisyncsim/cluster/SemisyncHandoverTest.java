package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** At a failover semisync moves with the source role, under the names the node's plugins give it. */
class SemisyncHandoverTest {

    @Test
    void thePromotedNodeTurnsItsSourceSideOnAndItsReplicaSideOff() {
        Set<String> vars = Set.of("rpl_semi_sync_source_enabled", "rpl_semi_sync_replica_enabled");
        assertEquals(List.of("SET GLOBAL rpl_semi_sync_source_enabled = ON", "SET GLOBAL rpl_semi_sync_replica_enabled = OFF"),
                SemisyncHandover.onPromoted("replica1", vars::contains));
    }

    @Test
    void theOldPluginsNamesAreUsedWhereTheyAreInstalled() {
        Set<String> vars = Set.of("rpl_semi_sync_master_enabled", "rpl_semi_sync_slave_enabled");
        assertEquals(List.of("SET GLOBAL rpl_semi_sync_slave_enabled = ON"), SemisyncHandover.onFollower("r2", vars::contains));
    }

    @Test
    void aNodeWithoutTheSourcePluginCannotTakeSemisyncOver() {
        Cluster.OperatorFailed e = assertThrows(Cluster.OperatorFailed.class,
                () -> SemisyncHandover.onPromoted("replica1", Set.of("rpl_semi_sync_replica_enabled")::contains));
        assertTrue(e.getMessage().startsWith("replica1 has no semisync source plugin installed"));
    }
}
