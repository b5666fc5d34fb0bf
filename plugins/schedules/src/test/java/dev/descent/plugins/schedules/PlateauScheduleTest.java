package dev.descent.plugins.schedules;

import dev.descent.api.Schedule;
import dev.descent.testkit.ScheduleContract;

/** The test kit's schedule contract for {@link PlateauSchedule} with its defaults. */
class PlateauScheduleTest extends ScheduleContract {

    @Override
    protected Schedule createSchedule() {
        return new PlateauSchedule();
    }
}
