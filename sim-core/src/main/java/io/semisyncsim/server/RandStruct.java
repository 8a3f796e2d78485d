package io.semisyncsim.server;

/**
 * MySQL's pseudo-random generator, {@code struct rand_struct} (mysys/my_rnd.cc my_rnd_init and my_rnd, the same
 * in MariaDB): RAND() draws from the session's, RAND(N) from one of its own seeded with N
 * (item_func.cc Item_func_rand::seed_random), so that RAND(1) is 0.40540353712197724 on every server
 * (measured on MariaDB 10.11.18). Its two seeds are what a Rand event carries to a replica.
 */
final class RandStruct {
    private static final long MAX = 0x3FFFFFFFL;

    private long seed1;
    private long seed2;

    private RandStruct(long seed1, long seed2) {
        this.seed1 = seed1;
        this.seed2 = seed2;
    }

    /** my_rnd_init: seeds as unsigned longs, taken modulo the generator's range. */
    static RandStruct of(long seed1, long seed2) {
        return new RandStruct(Long.remainderUnsigned(seed1, MAX), Long.remainderUnsigned(seed2, MAX));
    }

    /** RAND(N)'s generator: N as a 32-bit unsigned number, spread over the two seeds (seed_random). */
    static RandStruct seeded(long n) {
        long tmp = n & 0xFFFFFFFFL;
        return of((tmp * 0x10001L + 55_555_555L) & 0xFFFFFFFFL, (tmp * 0x10000001L) & 0xFFFFFFFFL);
    }

    /** my_rnd: the next number in [0, 1). */
    double next() {
        seed1 = (seed1 * 3 + seed2) % MAX;
        seed2 = (seed1 + seed2 + 33) % MAX;
        return (double) seed1 / MAX;
    }

    long seed1() {
        return seed1;
    }

    long seed2() {
        return seed2;
    }
}
