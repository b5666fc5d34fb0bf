package dev.descent.plugins.schedules;

import dev.descent.api.Schedule;
import dev.descent.testkit.ScheduleContract;

/** The test kit's schedule contract for {@link ExponentialSchedule} with its defaults. */
class ExponentialScheduleTest extends ScheduleContract {

    @Override
    protected Schedule createSchedule() {
        return new ExponentialSchedule();
    }
}
