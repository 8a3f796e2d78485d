import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What two threads of one JVM get on this machine from work that only allocates: small records into a
 * short queue and a map, as a simulation run does, without any simulator code. Compare its speed-up with
 * {@code bench --workload sweep}'s (docs/PERFORMANCE.md, "Another machine").
 *
 * <pre>java -XX:+UseParallelGC -XX:MaxNewSize=256m docs/bench/AllocPair.java</pre>
 */
public class AllocPair {
    record Event(long t, Object a, Object b, long[] x) {
    }

    static long work(long n) {
        ArrayDeque<Event> queue = new ArrayDeque<>();
        HashMap<Long, Event> latest = new HashMap<>();
        long sum = 0;
        for (long i = 0; i < n; i++) {
            Event e = new Event(i, Long.valueOf(i * 31), new Object[] {"a", i, "b"}, new long[4]);
            queue.add(e);
            latest.put(i & 65535, e);
            if (queue.size() > 2000) {
                sum += queue.poll().t();
            }
        }
        return sum + latest.size();
    }

    public static void main(String[] args) throws Exception {
        long n = 20_000_000;
        for (int w = 0; w < 3; w++) {
            work(n / 4);
        }
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            work(n);
            work(n);
            long t1 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Long> a = pool.submit(() -> work(n));
            Future<Long> b = pool.submit(() -> work(n));
            a.get();
            b.get();
            long t2 = System.nanoTime();
            pool.shutdown();
            System.out.printf("one thread %.2f s, two threads %.2f s, speed-up %.2f%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    (double) (t1 - t0) / (t2 - t1));
        }
    }
}
