package io.semisyncsim.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settle window: the simulation reads its servers at a step's virtual instant, the real servers are
 * read milliseconds later; a difference the next step's reading no longer shows, after steps too short
 * for the simulation to have caught up, is settling, not a difference of the model.
 */
class ComparisonTest {
    private static final DiffSettings SETTINGS = DiffSettings.load();
    private static final long MS = 1000;
    private static final String POS = "replica1.replica_status.Exec_Master_Log_Pos";

    /** One side's steps: each {duration µs, value of POS} or {duration µs, value of POS, AWAIT}. */
    private static Recording recording(Object[]... steps) {
        Recording r = new Recording(List.of(), SETTINGS);
        int n = 0;
        for (Object[] s : steps) {
            long duration = (Long) s[0];
            boolean await = s.length > 2 && s[2] == AWAIT;
            r.records().add(new Recording.StepRecord("step " + ++n, Map.of(POS, (String) s[1]), Map.of(),
                    duration, 0, await));
        }
        return r;
    }

    private static final Object AWAIT = new Object();

    private static Field step(List<Field> fields, int step) {
        return fields.stream().filter(f -> f.step() == step && f.name().equals(POS)).findFirst().orElseThrow();
    }

    private static List<Field> compare(Recording real, Recording simulated) {
        return Comparison.compare(real, simulated, new Normaliser(Map.of()), SETTINGS);
    }

    @Test
    void aDifferenceGoneAfterTheNextStepOfAnInstantStepIsSettling() {
        List<Field> fields = compare(
                recording(new Object[] {20 * MS, "690"}, new Object[] {120 * MS, "871"}),
                recording(new Object[] {0L, "871"}, new Object[] {100 * MS, "871"}));
        assertTrue(step(fields, 1).settling());
        assertFalse(step(fields, 1).different());
    }

    @Test
    void aDifferenceAfterAQuietStepIsTheModels() {
        List<Field> fields = compare(
                recording(new Object[] {100 * MS, "690"}, new Object[] {100 * MS, "871"}),
                recording(new Object[] {100 * MS, "871"}, new Object[] {100 * MS, "871"}));
        assertTrue(step(fields, 1).different());
    }

    @Test
    void anAwaitIsReadTheInstantItsConditionCameTrueSoWhatFollowsFromItIsSettling() {
        List<Field> fields = compare(
                recording(new Object[] {350 * MS, "871"}, new Object[] {100 * MS, "871"}),
                recording(new Object[] {500 * MS, "690", AWAIT}, new Object[] {100 * MS, "871"}));
        assertTrue(step(fields, 1).settling());
    }

    @Test
    void aDifferenceAtTheLastStepHasNothingToSettleInto() {
        List<Field> fields = compare(recording(new Object[] {20 * MS, "690"}), recording(new Object[] {0L, "871"}));
        assertTrue(step(fields, 1).different());
    }

    @Test
    void aDifferenceThatOutlivesAQuietStepIsTheModelsEvenIfItLaterGoes() {
        List<Field> fields = compare(
                recording(new Object[] {20 * MS, "1"}, new Object[] {100 * MS, "1"}, new Object[] {5 * MS, "2"}),
                recording(new Object[] {0L, "2"}, new Object[] {100 * MS, "2"}, new Object[] {0L, "2"}));
        assertTrue(step(fields, 1).different());
    }

    @Test
    void timingsAgreeUnderTheFloorOrWithinTheTolerance() {
        assertTrue(SETTINGS.sameTiming(90 * MS, 1 * MS), "both under the 100 ms floor");
        assertTrue(SETTINGS.sameTiming(207 * MS, 4 * MS), "a step that does not wait, on a busy machine");
        assertFalse(SETTINGS.sameTiming(300 * MS, 4 * MS));
        assertTrue(SETTINGS.sameTiming(1_100 * MS, 1_000 * MS), "within 15% + 25 ms");
        assertFalse(SETTINGS.sameTiming(1_300 * MS, 1_000 * MS));
    }

    @Test
    void aFieldOnlyOneSideHasIsADifference() {
        Recording real = new Recording(List.of(), SETTINGS);
        real.records().add(new Recording.StepRecord("step 1", Map.of(), Map.of(), 0, 0, false));
        List<Field> fields = compare(real, recording(new Object[] {0L, "4"}));
        assertEquals(null, step(fields, 1).real());
        assertTrue(step(fields, 1).different());
    }
}
