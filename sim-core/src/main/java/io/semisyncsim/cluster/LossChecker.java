package io.semisyncsim.cluster;

import java.util.Set;

/**
 * What a failover lost. {@code acknowledged}: rows whose commit a client got OK for on the old source
 * and the new source lacks (durability broken). {@code visible}: rows other sessions could read on
 * the old source and the new source lacks (a "phantom read" after failover, AFTER_COMMIT's risk).
 */
public final class LossChecker {
    private LossChecker() {
    }

    public record Losses(long acknowledged, long visible) {
    }

    public static Losses check(Set<Long> acknowledgedOnOld, Set<Long> visibleOnOld, Set<Long> onNew) {
        return new Losses(missing(acknowledgedOnOld, onNew), missing(visibleOnOld, onNew));
    }

    private static long missing(Set<Long> wanted, Set<Long> present) {
        long n = 0;
        for (long key : wanted) {
            if (!present.contains(key)) {
                n++;
            }
        }
        return n;
    }
}
