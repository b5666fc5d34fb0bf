package dev.descent.plugins.schedules;

import com.google.auto.service.AutoService;
import dev.descent.api.EpochEvent;
import dev.descent.api.Plugin;
import dev.descent.api.Schedule;

/** The book's schedule: the optimizer's {@code lr} for every epoch. */
@AutoService(Schedule.class)
@Plugin(name = "constant", description = "The optimizer's lr, unchanged, for every epoch")
public final class ConstantSchedule implements Schedule {

    @Override
    public double next(EpochEvent finished, double rate) {
        return rate;
    }

    @Override
    public boolean changesRate() {
        return false;
    }
}
