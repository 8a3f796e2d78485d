package io.semisyncsim.reports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses what a long run's pictures draw, as the items stream in: every rare item (faults, switches,
 * statements, thread changes) up to a budget; routine items (commits, binlog events, ACKs, applies)
 * at the start, just before and after each rare item, and at the end, up to a budget. What is left out
 * becomes an {@link Story.Omitted} item where it was, so the pictures say what they skipped. Memory is
 * bounded by the budgets, however long the run.
 */
final class Window {
    private final int first;
    private final int before;
    private final int after;
    private final int routineBudget;
    private final int rareBudget;
    private final java.util.function.Consumer<Story.Item> onOmit;

    private final List<Story.Item> kept = new ArrayList<>();
    private final ArrayDeque<Story.Item> ring = new ArrayDeque<>();
    private int keepAfter;
    private int routineKept;
    private int rareKept;

    private long omitFrom = -1;
    private long omitUntil;
    private long omitCommits;
    private long omitMessages;
    private long omitApplies;
    private long omitOthers;

    /**
     * {@code first} routine items from the start, {@code before} and {@code after} around each rare one;
     * at most {@code routineBudget} routine and {@code rareBudget} rare items in all (plus {@code before}
     * routine items at the end). {@code onOmit} hears of every item left out.
     */
    Window(int first, int before, int after, int routineBudget, int rareBudget,
           java.util.function.Consumer<Story.Item> onOmit) {
        this.onOmit = onOmit;
        this.first = first;
        this.before = before;
        this.after = after;
        this.routineBudget = routineBudget;
        this.rareBudget = rareBudget;
        this.keepAfter = first;
    }

    /** Everything, while it fits a budget: the library's runs are drawn whole. */
    void offer(Story.Item item) {
        if (!item.routine()) {
            if (rareKept >= rareBudget) {
                omit(item);
                return;
            }
            flushRing();
            keep(item);
            rareKept++;
            keepAfter = Math.max(keepAfter, after);
            return;
        }
        if (keepAfter > 0 && routineKept < routineBudget) {
            keepAfter--;
            routineKept++;
            keep(item);
            return;
        }
        if (before == 0) {
            omit(item);
            return;
        }
        ring.addLast(item);
        if (ring.size() > before) {
            omit(ring.removeFirst());
        }
    }

    private void flushRing() {
        while (!ring.isEmpty()) {
            Story.Item i = ring.removeFirst();
            if (routineKept < routineBudget) {
                routineKept++;
                keep(i);
            } else {
                omit(i);
            }
        }
    }

    private void keep(Story.Item item) {
        if (omitFrom >= 0) {
            kept.add(new Story.Omitted(omitFrom, omitUntil, omitCommits, omitMessages, omitApplies, omitOthers));
            omitFrom = -1;
            omitCommits = omitMessages = omitApplies = omitOthers = 0;
        }
        kept.add(item);
    }

    private void omit(Story.Item item) {
        if (omitFrom < 0) {
            omitFrom = item.time();
        }
        omitUntil = Math.max(omitUntil, item.time());
        onOmit.accept(item);
        if (item instanceof Story.Message) {
            omitMessages++;
        } else if (item instanceof Story.Note n && n.kind() == Story.NoteKind.COMMIT) {
            omitCommits++;
        } else if (item instanceof Story.Note n && n.kind() == Story.NoteKind.APPLIED) {
            omitApplies++;
        } else if (item instanceof Story.Note n && !n.routine()) {
            omitOthers++;
        } else if (item instanceof Story.Omitted o) {
            omitCommits += o.commits();
            omitMessages += o.messages();
            omitApplies += o.applies();
            omitOthers += o.others();
        }
        // a commit's wait, visibility and OK are counted with the commit itself
    }

    /**
     * What {@link #finish} would return now, leaving the window as it is (a live page draws the run so
     * far): the items kept, then a summary of what was left out since, then the recent routine items.
     */
    List<Story.Item> snapshot() {
        List<Story.Item> out = new ArrayList<>(kept.size() + ring.size() + 1);
        out.addAll(kept);
        if (omitFrom >= 0) {
            out.add(new Story.Omitted(omitFrom, omitUntil, omitCommits, omitMessages, omitApplies, omitOthers));
        }
        out.addAll(ring);
        return out;
    }

    /** The chosen items, in order, with the last routine ones and a final summary of what was left out. */
    List<Story.Item> finish() {
        while (!ring.isEmpty()) {
            Story.Item i = ring.removeFirst();
            routineKept++;
            keep(i);
        }
        if (omitFrom >= 0) {
            kept.add(new Story.Omitted(omitFrom, omitUntil, omitCommits, omitMessages, omitApplies, omitOthers));
            omitFrom = -1;
        }
        return kept;
    }
}
