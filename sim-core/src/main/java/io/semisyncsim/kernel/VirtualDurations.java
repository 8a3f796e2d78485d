package io.semisyncsim.kernel;

import java.time.Duration;
import scala.concurrent.duration.FiniteDuration;

/** Conversions to the kernel's unit, virtual microseconds; a partial microsecond rounds up, never to zero. */
public final class VirtualDurations {
    private VirtualDurations() {
    }

    public static long micros(FiniteDuration d) {
        return ceilMicros(d.toNanos());
    }

    public static long micros(Duration d) {
        return ceilMicros(d.toNanos());
    }

    public static Duration toDuration(long micros) {
        return Duration.ofNanos(Math.multiplyExact(micros, 1000L));
    }

    private static long ceilMicros(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999) / 1000;
    }
}
