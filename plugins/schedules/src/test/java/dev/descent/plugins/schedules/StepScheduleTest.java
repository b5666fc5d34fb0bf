package dev.descent.plugins.schedules;

import dev.descent.api.Schedule;
import dev.descent.testkit.ScheduleContract;

/** The test kit's schedule contract for {@link StepSchedule} with its defaults. */
class StepScheduleTest extends ScheduleContract {

    @Override
    protected Schedule createSchedule() {
        return new StepSchedule();
    }
}
