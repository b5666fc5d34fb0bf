package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.EpochEvent;
import dev.descent.api.Schedule;
import dev.descent.api.State;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Schedule} must do: give finite rates, 0 or more, the same ones every time, and
 * continue exactly after its state is saved and restored into a new instance. Extend it:
 *
 * <pre>{@code
 * class CosineScheduleTest extends ScheduleContract {
 *     @Override protected Schedule createSchedule() { return new CosineSchedule(); }
 * }
 * }</pre>
 *
 * The epochs it feeds have a loss that falls, then stalls, then rises, so a schedule that watches
 * the loss (a plateau) acts within them.
 */
public abstract class ScheduleContract {

    /** A new schedule with its default options. */
    protected abstract Schedule createSchedule();

    private static final int EPOCHS = 40;
    private static final double BASE = 0.1;

    /** The loss after epoch {@code e} (from 1): falls for 10 epochs, stalls for 15, then rises. */
    private static double loss(int e) {
        return e <= 10 ? 1.0 / e : e <= 25 ? 0.1 : 0.1 + 0.01 * (e - 25);
    }

    private static EpochEvent epoch(int e, boolean validation) {
        return new EpochEvent(e, EPOCHS, loss(e), validation ? OptionalDouble.of(loss(e) * 1.1) : OptionalDouble.empty(),
                OptionalDouble.empty(), List.of());
    }

    /** The rates of epochs {@code from..to} (the rate each ran at), continuing {@code schedule} from {@code rate}. */
    private static List<Double> rates(Schedule schedule, double rate, int from, int to, boolean validation) {
        List<Double> rates = new ArrayList<>();
        for (int e = from; e <= to; e++) {
            rates.add(rate);
            rate = schedule.next(epoch(e, validation), rate);
        }
        rates.add(rate);
        return rates;
    }

    @Test
    void ratesAreFiniteAndNeverNegative() {
        for (boolean validation : new boolean[] {false, true}) {
            Schedule schedule = createSchedule();
            for (double rate : rates(schedule, schedule.start(BASE, EPOCHS), 1, EPOCHS, validation)) {
                assertThat(rate).as("a rate (validation split: %s)", validation).isFinite().isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void theSameEpochsGiveTheSameRates() {
        Schedule a = createSchedule();
        Schedule b = createSchedule();
        assertThat(rates(a, a.start(BASE, EPOCHS), 1, EPOCHS, true))
                .isEqualTo(rates(b, b.start(BASE, EPOCHS), 1, EPOCHS, true));
    }

    @Test
    void aRestoredScheduleContinuesExactlyAsTheUninterruptedOne() {
        Schedule whole = createSchedule();
        List<Double> expected = rates(whole, whole.start(BASE, EPOCHS), 1, EPOCHS, true);

        Schedule first = createSchedule();
        List<Double> before = rates(first, first.start(BASE, EPOCHS), 1, 20, true);
        State saved = first.saveState();
        Schedule second = createSchedule();
        second.start(BASE, EPOCHS);
        second.restoreState(saved);
        List<Double> after = rates(second, before.get(before.size() - 1), 21, EPOCHS, true);
        assertThat(after).as("epochs 21-40 after saveState/restoreState into a new instance")
                .isEqualTo(expected.subList(20, expected.size()));
    }

    @Test
    void aConstantScheduleSaysSoAndAChangingOneChanges() {
        Schedule schedule = createSchedule();
        List<Double> rates = rates(schedule, schedule.start(BASE, EPOCHS), 1, EPOCHS, true);
        boolean changes = rates.stream().anyMatch(r -> r != BASE);
        assertThat(schedule.changesRate()).as("changesRate() must be true when the rate changes (it is %s here)",
                changes).isEqualTo(changes || schedule.changesRate());
        if (!schedule.changesRate()) {
            assertThat(rates).as("a schedule whose changesRate() is false").containsOnly(BASE);
        }
    }
}
