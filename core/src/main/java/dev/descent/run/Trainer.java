package dev.descent.run;

import dev.descent.api.LoadingProgress;
import dev.descent.api.Outputs;
import dev.descent.train.Engine;
import dev.descent.train.ResumeFrom;
import dev.descent.train.Run;
import dev.descent.train.TrainingJob;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A training run as Guice assembled it: the {@link Run} as bound (the config's choices, or the
 * instances a module put in their place), its listeners, progress display, outputs and the saved run
 * it continues, handed to the run's {@link Engine} as a {@link TrainingJob}.
 *
 * <pre>{@code
 * TrainingResult result = Guice.createInjector(new TrainerModule(run)).getInstance(Trainer.class).train();
 * }</pre>
 */
public final class Trainer {

    private final Run run;
    private final List<TrainingListener> listeners;
    private final LoadingProgress progress;
    private final Optional<ResumeFrom> resume;
    private final Outputs outputs;

    @Inject
    Trainer(Run run, Set<TrainingListener> listeners, LoadingProgress progress, Optional<ResumeFrom> resume,
            Outputs outputs) {
        this.run = run;
        this.listeners = List.copyOf(listeners);
        this.progress = progress;
        this.resume = resume;
        this.outputs = outputs;
    }

    /** The run this trainer trains: every kind's component as bound, overrides included. */
    public Run run() {
        return run;
    }

    /** Loads the data, initialises the model and trains it with the run's engine. */
    public TrainingResult train() {
        return run.engine().train(new TrainingJob(run, listeners, progress, resume, outputs));
    }
}
