package io.semisyncsim.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two error logs thread by thread. A real server's threads write side by side, so the order
 * of two threads' lines at the same moment is a race (an I/O thread's start line and the SQL thread's
 * are seen either way round from one run to the next); each thread's own lines are in order. So the
 * threads of the two logs are paired by their first line (the n-th thread that starts with the same
 * line, in the same run of the process), and each pair's lines are aligned on their longest common
 * subsequence. Threads are numbered T1, T2... in each process run as the simulation's log first shows
 * them; 0 is the server's own (main) thread, and "0 NAME" a background thread diff.conf names.
 */
final class ErrorLogs {
    private ErrorLogs() {
    }

    /** One thread's lines in one run of the process. */
    private record Thread(int process, String rawId, List<String> lines) {
        String first() {
            return lines.get(0);
        }
    }

    static List<Field> compare(String name, List<Normaliser.LogLine> real, List<Normaliser.LogLine> simulated) {
        List<Thread> simThreads = threads(simulated);
        List<Thread> realThreads = threads(real);
        Map<Thread, Thread> pairs = new LinkedHashMap<>(); // sim thread -> its real twin
        List<Thread> unpaired = new ArrayList<>(realThreads);
        for (Thread s : simThreads) {
            for (Thread r : unpaired) {
                if (r.process() == s.process() && (serverOwn(s.rawId()) ? r.rawId().equals(s.rawId())
                        : !serverOwn(r.rawId()) && r.first().equals(s.first()))) {
                    pairs.put(s, r);
                    unpaired.remove(r);
                    break;
                }
            }
        }
        List<Field> out = new ArrayList<>();
        Map<Integer, Integer> numbered = new LinkedHashMap<>(); // per process, the last T number given
        for (Thread s : simThreads) {
            String label = label(s, numbered);
            Thread r = pairs.get(s);
            out.addAll(align(name, label, r == null ? List.of() : r.lines(), s.lines()));
        }
        for (Thread r : unpaired) {
            out.addAll(align(name, label(r, numbered), r.lines(), List.of()));
        }
        return out;
    }

    /** Thread 0 (the main thread) and the background threads diff.conf names ("0 ack receiver"). */
    private static boolean serverOwn(String rawId) {
        return rawId.equals("0") || rawId.startsWith("0 ");
    }

    private static String label(Thread t, Map<Integer, Integer> numbered) {
        if (serverOwn(t.rawId())) {
            return t.rawId();
        }
        int n = numbered.merge(t.process(), 1, Integer::sum);
        return (t.process() > 1 ? "run " + t.process() + " " : "") + "T" + n;
    }

    /** The threads of one log, in the order each first writes, a thread per process run and raw id. */
    private static List<Thread> threads(List<Normaliser.LogLine> log) {
        Map<String, Thread> byKey = new LinkedHashMap<>();
        for (Normaliser.LogLine l : log) {
            byKey.computeIfAbsent(l.process() + "/" + l.thread(),
                    k -> new Thread(l.process(), l.thread(), new ArrayList<>())).lines().add(l.text());
        }
        return new ArrayList<>(byKey.values());
    }

    /** One thread's lines aligned on their longest common subsequence: each the same, or on one side only. */
    static List<Field> align(String name, String thread, List<String> real, List<String> simulated) {
        int n = real.size();
        int m = simulated.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = real.get(i).equals(simulated.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Field> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        String prefix = thread + " ";
        while (i < n || j < m) {
            if (i < n && j < m && real.get(i).equals(simulated.get(j))) {
                out.add(new Field(0, "error log", name, prefix + real.get(i++), prefix + simulated.get(j++), true));
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new Field(0, "error log", name, null, prefix + simulated.get(j++), false));
            } else {
                out.add(new Field(0, "error log", name, prefix + real.get(i++), null, false));
            }
        }
        return out;
    }
}
