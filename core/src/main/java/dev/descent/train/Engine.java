package dev.descent.train;

/**
 * How a run is executed: {@code local} runs the book's loop on this machine; a distributed engine
 * (Spark) runs the same steps on many. Chosen with {@code engine = NAME} like any component, and
 * created by the registry with its {@code engine.*} options.
 *
 * <p>An engine is given a {@link TrainingJob}: the run's components and settings, and the pieces of
 * the loop — loading, initialising (and resuming), one {@link TrainingStep} with its seams, the
 * epoch's loss, and the end of an epoch (schedule, callbacks, listeners). Using them keeps an engine's
 * results those of every other engine: same events, same stop rules, same result.
 */
public interface Engine {

    /** Trains the job's model until its epochs are done or a callback stops it; the result of the run. */
    TrainingResult train(TrainingJob job);
}
