package dev.descent.train;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import dev.descent.api.ComponentKind;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Outputs;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A training run as Guice assembled it: every kind's component as bound (the config's choice, or an
 * instance a module put in its place), handed to the chosen {@link Engine} as a {@link TrainingJob}.
 *
 * <pre>{@code
 * TrainingResult result = Guice.createInjector(new TrainerModule(run)).getInstance(Trainer.class).train();
 * }</pre>
 */
public final class Trainer {

    private final Map<ComponentKind<?>, List<Object>> components;
    private final TrainingSettings settings;
    private final RandomStreams random;
    private final List<TrainingListener> listeners;
    private final LoadingProgress progress;
    private final Optional<ResumeFrom> resume;
    private final Optional<RunWriter> writer;
    private final Outputs outputs;

    @Inject
    Trainer(Injector injector, RunKinds kinds, TrainingSettings settings, RandomStreams random,
            Set<TrainingListener> listeners, LoadingProgress progress, Optional<ResumeFrom> resume,
            Optional<RunWriter> writer, Outputs outputs) {
        this.writer = writer;
        this.outputs = outputs;
        this.components = bound(injector, kinds.kinds());
        this.settings = settings;
        this.random = random;
        this.listeners = List.copyOf(listeners);
        this.progress = progress;
        this.resume = resume;
    }

    /** The components bound for each kind: what the run really uses, overrides included. */
    static Map<ComponentKind<?>, List<Object>> bound(Injector injector, List<ComponentKind<?>> kinds) {
        Map<ComponentKind<?>, List<Object>> components = new LinkedHashMap<>();
        for (ComponentKind<?> kind : kinds) {
            if (kind.list()) {
                List<?> list = (List<?>) injector.getInstance(Key.get(Types.listOf(kind.type())));
                components.put(kind, List.copyOf(list));
            } else {
                components.put(kind, List.of(injector.getInstance(kind.type())));
            }
        }
        return components;
    }

    /** The components this run trains with, by kind. */
    public Map<ComponentKind<?>, List<Object>> components() {
        return components;
    }

    /** Loads the data, initialises the model and trains it with the chosen engine. */
    public TrainingResult train() {
        Engine engine = (Engine) components.get(TrainerKinds.ENGINE).get(0);
        return engine.train(new TrainingJob(components, settings, random, listeners, progress, resume, writer, outputs));
    }
}
