package dev.descent.plugins.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.DescentException;
import dev.descent.api.EpochEvent;
import dev.descent.api.Monitor;
import dev.descent.api.Schedule;
import dev.descent.testkit.ScheduleContract;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The test kit's schedule contract for {@link PlateauSchedule} with its defaults, and its accuracy mode. */
class PlateauScheduleTest extends ScheduleContract {

    @Override
    protected Schedule createSchedule() {
        return new PlateauSchedule();
    }

    private static PlateauSchedule watching(Monitor monitor, int patience) throws ReflectiveOperationException {
        PlateauSchedule schedule = new PlateauSchedule();
        Field m = PlateauSchedule.class.getDeclaredField("monitor");
        m.setAccessible(true);
        m.set(schedule, monitor);
        Field p = PlateauSchedule.class.getDeclaredField("patience");
        p.setAccessible(true);
        p.set(schedule, patience);
        return schedule;
    }

    private static EpochEvent epoch(int e, double loss, double accuracy) {
        return new EpochEvent(e, 100, loss, OptionalDouble.empty(), OptionalDouble.of(0.1), List.of())
                .withMetrics(Map.of("accuracy", accuracy));
    }

    @Test
    void watchingTheAccuracyReducesTheRateOnlyWhenItStopsRisingWhateverTheLossDoes() throws ReflectiveOperationException {
        PlateauSchedule schedule = watching(Monitor.ACCURACY, 1);
        double rate = schedule.start(0.1, 100);
        double[] accuracy = {0.5, 0.6, 0.7, 0.7, 0.7};
        double[] rates = new double[accuracy.length];
        for (int e = 0; e < accuracy.length; e++) {
            // The loss falls all along: a loss-watching plateau would never reduce the rate here.
            rate = schedule.next(epoch(e + 1, 1.0 / (e + 1), accuracy[e]), rate);
            rates[e] = rate;
        }
        assertThat(rates).containsExactly(0.1, 0.1, 0.1, 0.1, 0.1 * 0.1);
    }

    @Test
    void watchingAnAccuracyThatARegressionRunLacksIsAClearError() throws ReflectiveOperationException {
        PlateauSchedule schedule = watching(Monitor.ACCURACY, 1);
        EpochEvent regression = new EpochEvent(1, 10, 0.5, OptionalDouble.empty(), OptionalDouble.of(0.1), List.of());
        assertThatThrownBy(() -> schedule.next(regression, 0.1)).isInstanceOf(DescentException.class)
                .hasMessageContaining("schedule.monitor = accuracy");
    }
}
