package dev.descent.plugins.schedules;

import dev.descent.api.Schedule;
import dev.descent.testkit.ScheduleContract;

/** The test kit's schedule contract for {@link WarmupCosineSchedule} with its defaults. */
class WarmupCosineScheduleTest extends ScheduleContract {

    @Override
    protected Schedule createSchedule() {
        return new WarmupCosineSchedule();
    }
}
