package io.semisyncsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The compressed time axis every picture of a report shares. Each instant something is drawn at gets
 * room for its rows; the time between two instants adds length growing with the square root of the
 * gap, so a 20 ms hop looks slower than a 0.5 ms one without a 10 s wait taking the page; a quiet
 * stretch longer than {@link #CUT} is cut to a fixed {@link #BREAK} and marked with its length.
 */
final class TimeAxis {
    static final double ROW = 17;
    static final long CUT = 100_000; // µs: longer quiet stretches are cut
    static final double BREAK = 40;

    private final long[] times;
    private final double[] tops;
    private final int[] rows;
    private final double length;

    /** A stretch cut out of the axis: from {@code from} to {@code to}, drawn between {@code y0} and {@code y1}. */
    record Break(long from, long to, double y0, double y1) {
        String label() {
            return Labels.duration(to - from) + " later";
        }
    }

    private TimeAxis(long[] times, double[] tops, int[] rows, double length) {
        this.times = times;
        this.tops = tops;
        this.rows = rows;
        this.length = length;
    }

    /** The length the gap between two instants adds: 0 for none, up to ~113 for 100 ms, {@link #BREAK} beyond. */
    static double gap(long micros) {
        if (micros <= 0) {
            return 0;
        }
        if (micros > CUT) {
            return BREAK;
        }
        return 3 + 11 * Math.sqrt(micros / 1000.0);
    }

    /** An axis with {@code rowsAt} rows at each instant (0: an instant only reached, as an arrival), starting at 0. */
    static TimeAxis of(SortedMap<Long, Integer> rowsAt) {
        SortedMap<Long, Integer> all = rowsAt.isEmpty() ? new TreeMap<>(Map.of(0L, 0)) : rowsAt;
        long[] times = new long[all.size()];
        double[] tops = new double[all.size()];
        int[] rows = new int[all.size()];
        int i = 0;
        double y = 0;
        long previous = -1;
        for (Map.Entry<Long, Integer> e : all.entrySet()) {
            if (i > 0) {
                y += rows[i - 1] * ROW + gap(e.getKey() - previous);
            }
            times[i] = e.getKey();
            tops[i] = y;
            rows[i] = e.getValue();
            previous = e.getKey();
            i++;
        }
        double length = y + rows[rows.length - 1] * ROW;
        return new TimeAxis(times, tops, rows, length);
    }

    /** Where time {@code t} lies: an instant's top, or proportionally within the gap around it. */
    double at(long t) {
        int i = floor(t);
        if (i < 0) {
            return 0;
        }
        if (times[i] == t || i == times.length - 1) {
            return tops[i];
        }
        double start = tops[i] + rows[i] * ROW;
        double end = tops[i + 1];
        return start + (end - start) * (t - times[i]) / (double) (times[i + 1] - times[i]);
    }

    /** The middle of row {@code row} at instant {@code t} (which must be an instant of the axis). */
    double row(long t, int row) {
        int i = floor(t);
        return (i < 0 ? 0 : tops[i]) + row * ROW + ROW / 2;
    }

    /** The middle of the first row at {@code t}, or the position of {@code t} if it is no instant. */
    double point(long t) {
        int i = floor(t);
        return i >= 0 && times[i] == t ? tops[i] + ROW / 2 : at(t);
    }

    double length() {
        return length;
    }

    long first() {
        return times[0];
    }

    long last() {
        return times[times.length - 1];
    }

    /** A moment something is drawn at: its top on the axis and how many rows it holds. */
    record Instant(long time, double top, int rows) {
    }

    /** The instants, in order: for time labels. */
    List<Instant> instants() {
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            out.add(new Instant(times[i], tops[i], rows[i]));
        }
        return out;
    }

    /** The stretches the axis cut. */
    List<Break> breaks() {
        List<Break> out = new ArrayList<>();
        for (int i = 0; i + 1 < times.length; i++) {
            if (times[i + 1] - times[i] > CUT) {
                double y0 = tops[i] + rows[i] * ROW;
                out.add(new Break(times[i], times[i + 1], y0, tops[i + 1]));
            }
        }
        return out;
    }

    private int floor(long t) {
        int lo = 0;
        int hi = times.length - 1;
        if (t < times[0]) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** A coordinate for SVG: one decimal at most. */
    static String px(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }
}
