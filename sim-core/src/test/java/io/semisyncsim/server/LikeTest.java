package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LikeTest {

    @Test
    void percentMatchesAnyRunIncludingNone() {
        assertTrue(new Like("%semi%").matches("rpl_semi_sync_master"));
        assertTrue(new Like("rpl%").matches("rpl"));
        assertFalse(new Like("%semi%").matches("binlog"));
    }

    @Test
    void underscoreMatchesExactlyOneCharacter() {
        assertTrue(new Like("a_c").matches("abc"));
        assertFalse(new Like("a_c").matches("ac"));
    }

    @Test
    void matchingIgnoresCaseAsMysqlCollationsDo() {
        assertTrue(new Like("RPL_SEMI%").matches("Rpl_semi_sync_master_status"));
    }

    @Test
    void backslashEscapesWildcards() {
        assertTrue(new Like("a\\_b").matches("a_b"));
        assertFalse(new Like("a\\_b").matches("axb"));
    }
}
