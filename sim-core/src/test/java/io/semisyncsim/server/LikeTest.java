package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Assertions;
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

    @Test
    void manyPercentSignsDoNotBacktrack() {
        // '%_%_...#' against a long name without '#': exponential for a backtracking matcher (over a
        // minute on INFORMATION_SCHEMA.PLUGINS); a walk over the text answers at once. The timeout only
        // guards against a hang, it measures nothing.
        String pattern = "%_".repeat(30) + "#";
        String text = "rpl_semi_sync_master_wait_for_slave_count_and_more_characters";
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(new Like(pattern).matches(text)));
        assertTrue(new Like("%_".repeat(30) + "s").matches(text + "s"));
    }

    @Test
    void doublePercentIsOnePercent() {
        assertTrue(new Like("a%%b").matches("axxb"));
        assertTrue(new Like("%").matches(""));
        assertFalse(new Like("_").matches(""));
    }
}
