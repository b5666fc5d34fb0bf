package dev.descent.train;

import dev.descent.api.EpochEvent;
import dev.descent.api.LearningRate;
import dev.descent.api.Optimizer;
import dev.descent.api.Schedule;
import dev.descent.plugin.ComponentInfo;
import java.util.OptionalDouble;

/**
 * The schedule driving the optimizer's learning rate through {@link LearningRate}, epoch by epoch.
 * An optimizer without that capability trains at its own rate, under {@code schedule = constant} only.
 */
final class RateSchedule {

    private final Optimizer optimizer;
    private final Schedule schedule;
    private final int epochs;
    /** The optimizer's rate, which the schedule sets; null for an optimizer without {@link LearningRate}. */
    private final LearningRate learningRate;
    private double rate = Double.NaN;
    private double base = Double.NaN;

    RateSchedule(Optimizer optimizer, Schedule schedule, int epochs) {
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.epochs = epochs;
        this.learningRate = optimizer instanceof LearningRate rated ? rated : null;
    }

    /** Starts the schedule at the optimizer's configured rate; refuses a changing schedule for an optimizer without one. */
    void start() {
        if (learningRate != null) {
            base = learningRate.learningRate();
            rate = base;
            set(schedule.start(base, epochs));
        } else if (schedule.changesRate()) {
            throw new TrainingException("the schedule '" + ComponentInfo.of(schedule).name() + "' changes the learning"
                    + " rate, but the optimizer '" + ComponentInfo.of(optimizer).name() + "' does not let a schedule set"
                    + " its rate (it does not implement dev.descent.api.LearningRate); use schedule = constant with this"
                    + " optimizer, or implement LearningRate in it");
        }
    }

    /** Whether the optimizer has a rate the schedule sets. */
    boolean active() {
        return learningRate != null;
    }

    /** The rate the next epoch runs at; empty for an optimizer without one. */
    OptionalDouble current() {
        return learningRate == null ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    /** The rate for a saved state: NaN for an optimizer without one. */
    double forState() {
        return rate;
    }

    /** The configured rate, before the schedule changed it. */
    double base() {
        return base;
    }

    /** Continues at a saved run's rate. */
    void resumeAt(double saved) {
        if (learningRate != null) {
            set(saved);
        }
    }

    /** Moves to the next epoch's rate. */
    void next(EpochEvent event) {
        if (learningRate != null) {
            set(schedule.next(event, rate));
        }
    }

    /**
     * Puts the configured rate back: the saved config and provenance record it, while the state
     * carries where the schedule stands.
     */
    void finish() {
        if (learningRate != null) {
            learningRate.setLearningRate(base);
        }
    }

    private void set(double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new TrainingException("the schedule '" + ComponentInfo.of(schedule).name() + "' gave the learning rate "
                    + value + "; a learning rate must be a finite number, 0 or more");
        }
        rate = value;
        learningRate.setLearningRate(value);
    }
}
