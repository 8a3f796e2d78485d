package io.semisyncsim.sweep;

import io.semisyncsim.scenario.lang.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The problems of a sweep's combinations, each told once. Every combination is read as a file is, so a
 * problem that every value of one {@code --set} has (an unknown path, a value of the wrong kind, a file's
 * variable that no swept flavour knows) comes back once per value, or once per combination; here each is
 * said once, naming the option and the values concerned.
 */
final class PlanProblems {
    private final List<Setting> settings;
    private final List<Told> told = new ArrayList<>();

    /**
     * One problem as it will be told: as first found, the combinations found to have it, and the setting
     * whose value the message names, if it names one: the problems of other values of that setting are this
     * one said of them. A problem at line 0 stands at a {@code --set}'s marker: it is that option's, and
     * only its values vary it.
     */
    private static final class Told {
        final Problem first;
        final List<String> combination;
        final Set<List<String>> combinations = new LinkedHashSet<>();
        int varying;
        boolean sameText = true;

        Told(Problem first, List<String> combination) {
            this.first = first;
            this.combination = combination;
            this.varying = ofOption() ? first.pos().column() - 1 : -1;
            combinations.add(combination);
        }

        boolean ofOption() {
            return first.pos().line() == 0;
        }

        /** Whether {@code p}, of {@code c}, is this problem, the same text or said of another value of one setting. */
        boolean takes(Problem p, List<String> c) {
            if (!p.pos().equals(first.pos()) || !p.file().equals(first.file())) {
                return false;
            }
            if (p.message().equals(first.message())) {
                return true;
            }
            for (int j = 0; j < c.size(); j++) {
                if ((varying == -1 || varying == j) && !c.get(j).equals(combination.get(j))
                        && sameBut(first.message(), combination.get(j), p.message(), c.get(j))) {
                    varying = j;
                    sameText = false;
                    return true;
                }
            }
            return false;
        }
    }

    PlanProblems(List<Setting> settings) {
        this.settings = settings;
    }

    boolean isEmpty() {
        return told.isEmpty();
    }

    /** A problem of the combination {@code values}. */
    void add(Problem p, List<String> values) {
        for (Told t : told) {
            if (t.takes(p, values)) {
                t.combinations.add(values);
                return;
            }
        }
        told.add(new Told(p, values));
    }

    /**
     * Whether {@code other}, said of value {@code w}, is {@code message}, said of {@code v}, with some of
     * the places that named {@code v} naming {@code w} instead: the same problem of another value. Some
     * places, as a short value may also stand in the message's own words ('a' of "a whole number"); and only
     * where {@code v} stands as a word of its own, so that a value 1 is not found in "10us".
     */
    static boolean sameBut(String message, String v, String other, String w) {
        String either = "(?:" + Pattern.quote(v) + "|" + Pattern.quote(w) + ")";
        StringBuilder regex = new StringBuilder();
        String[] parts = message.split("(?<![\\w.])" + Pattern.quote(v) + "(?![\\w.])", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : either).append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(other).matches();
    }

    /** Every problem, once each, in the order first found. */
    String text() {
        List<String> lines = new ArrayList<>();
        for (Told t : told) {
            lines.add(t.ofOption() ? option(t) : inFile(t));
        }
        return String.join("\n", lines);
    }

    /**
     * {@code --set PATH: MESSAGE} when every value has the very same problem (it is the path's);
     * {@code --set PATH=V1,V2: MESSAGE} naming the values that have it otherwise, the message as the first
     * one's, and the others it is said of likewise.
     */
    private String option(Told t) {
        Setting s = settings.get(t.varying);
        List<String> values = valuesOf(t, t.varying);
        String head = "semisync-sim: --set " + s.path()
                + (t.sameText && values.size() == s.values().size() && values.size() > 1 ? "" : "=" + Setting.join(values));
        return head + ": " + t.first.message() + sameFor(t, values);
    }

    /** {@code " (the same for V2, V3)"}: the values of the varying setting the message was not said of. */
    private static String sameFor(Told t, List<String> values) {
        if (t.sameText) {
            return "";
        }
        String said = t.combination.get(t.varying);
        List<String> others = values.stream().filter(v -> !v.equals(said)).map(Setting::written).toList();
        return " (the same for " + String.join(", ", others) + ")";
    }

    /** Setting {@code i}'s values among the combinations that have the problem, in the setting's order. */
    private List<String> valuesOf(Told t, int i) {
        Set<String> seen = new LinkedHashSet<>();
        t.combinations.forEach(c -> seen.add(c.get(i)));
        return settings.get(i).values().stream().filter(seen::contains).toList();
    }

    /**
     * The file's problem and the settings' values that cause it: when they are every mix of some values,
     * only the settings not at every value (the others make no difference); else each combination.
     */
    private String inFile(Told t) {
        long product = 1;
        for (int i = 0; i < settings.size(); i++) {
            product *= valuesOf(t, i).size();
        }
        List<String> with = new ArrayList<>();
        if (product != t.combinations.size()) {
            for (List<String> c : t.combinations) {
                List<String> given = new ArrayList<>();
                for (int i = 0; i < settings.size(); i++) {
                    given.add(settings.get(i).path() + "=" + Setting.written(c.get(i)));
                }
                with.add(String.join(", ", given));
            }
            return t.first + " (with " + String.join("; ", with) + ")";
        }
        for (int i = 0; i < settings.size(); i++) {
            Setting s = settings.get(i);
            List<String> values = valuesOf(t, i);
            if (i == t.varying) { // the message is said of the first combination's value
                with.add(s.path() + "=" + Setting.written(t.combination.get(i)));
            } else if (values.size() < s.values().size()) {
                with.add(s.path() + "=" + Setting.join(values));
            }
        }
        if (with.isEmpty()) {
            return t.first + " (with every value of " + String.join(" and ",
                    settings.stream().map(s -> "--set " + s.path()).toList()) + ")";
        }
        return t.first + " (with " + String.join(", ", with) + ")" + (t.sameText ? "" : sameFor(t, valuesOf(t, t.varying)));
    }
}
