package io.semisyncsim.sysvar;

import java.math.BigInteger;

/** A value given to SET or an option file, as MySQL's parser hands it over. */
public sealed interface Input {
    /** A quoted string or a bare word (ON, AFTER_SYNC). */
    record Text(String text) implements Input {
    }

    /** A whole number, possibly negative. */
    record Whole(BigInteger value) implements Input {
    }

    /** A number with a fraction or exponent. */
    record Decimal(String text) implements Input {
    }
}
