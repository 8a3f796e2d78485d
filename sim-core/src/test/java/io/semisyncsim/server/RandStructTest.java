package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** MySQL's RAND(N), number for number as a real server draws it (measured on MariaDB 10.11.18). */
class RandStructTest {
    @Test
    void randOfANumberIsTheSameOnEveryServer() {
        assertEquals(0.40540353712197724, RandStruct.seeded(1).next());
        assertEquals(0.6555866465490187, RandStruct.seeded(2).next());
        assertEquals(0.15522042769493574, RandStruct.seeded(0).next());
        assertEquals(0.9050373219931845, RandStruct.seeded(-1).next(), "a negative N as 32 unsigned bits");
        assertEquals(0.9065021936842261, RandStruct.seeded(7).next());
    }

    @Test
    void aGeneratorRestartedFromItsSeedsDrawsTheSameNumbers() {
        RandStruct r = RandStruct.of(960_984_282L, 25_215_492L);
        RandStruct again = RandStruct.of(r.seed1(), r.seed2());
        assertEquals(r.next(), again.next());
        assertEquals(r.next(), again.next());
    }
}
