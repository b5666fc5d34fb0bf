package dev.descent.run;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Types;
import dev.descent.api.ComponentKind;
import dev.descent.api.DataSource;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Outputs;
import dev.descent.io.OutputPolicy;
import dev.descent.train.ResumeFrom;
import dev.descent.train.Run;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import dev.descent.train.TrainingSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds one {@link Run} for the {@link Trainer}, part by part: every kind's interface to its
 * component ({@code Loss} to {@code squared}), a list kind's {@code List<Interface>} to its
 * components in order, {@code TrainingSettings} to the settings; and {@code Run} to a provider that
 * assembles the run from those bindings. Replace any of them with your own module:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Modules.override(new TrainerModule(run))
 *         .with(binder -> binder.bind(Loss.class).toInstance(new MyLoss())));
 * TrainingResult result = injector.getInstance(Trainer.class).train();
 * }</pre>
 *
 * Listeners are added with {@code Multibinder.newSetBinder(binder, TrainingListener.class)}; a
 * progress display with {@code OptionalBinder.newOptionalBinder(binder, LoadingProgress.class)
 * .setBinding()}, a saved run to continue with the same for {@link ResumeFrom}, and the run's output
 * policy (its inputs, which no output may replace) with the same for {@link Outputs}. The run's test
 * data ({@link Run#test()}) is not bound (it is a second {@code DataSource}): it comes with the run
 * given here ({@code run.withTest(source)}).
 */
public final class TrainerModule extends AbstractModule {

    private final Run run;

    public TrainerModule(Run run) {
        this.run = run;
    }

    @Override
    protected void configure() {
        Map<ComponentKind<?>, Provider<? extends List<?>>> parts = new LinkedHashMap<>();
        for (ComponentKind<?> kind : run.kinds()) {
            parts.put(kind, bindKind(kind));
        }
        bind(TrainingSettings.class).toInstance(run.settings());
        Provider<TrainingSettings> settings = getProvider(TrainingSettings.class);
        bind(Run.class).toProvider(new BoundRun(parts, settings, run.seed(), run.test())).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), TrainingListener.class);
        OptionalBinder.newOptionalBinder(binder(), LoadingProgress.class).setDefault().toInstance(LoadingProgress.NONE);
        OptionalBinder.newOptionalBinder(binder(), ResumeFrom.class);
        OptionalBinder.newOptionalBinder(binder(), Outputs.class).setDefault().toInstance(OutputPolicy.NO_INPUTS);
    }

    /** Binds {@code kind}'s component (or a list kind's list); the provider of what ends up bound, as a list. */
    @SuppressWarnings("unchecked")
    private <T> Provider<List<T>> bindKind(ComponentKind<T> kind) {
        if (kind.list()) {
            Key<List<T>> key = (Key<List<T>>) Key.get(Types.listOf(kind.type()));
            bind(key).toInstance(run.components(kind));
            return getProvider(key);
        }
        bind(kind.type()).toInstance(run.component(kind));
        Provider<T> single = getProvider(kind.type());
        return () -> List.of(single.get());
    }

    /**
     * The run as bound: each part from its binding, so that an overriding module's instance is the one
     * trained. A class, not a record: Guice hashes provider instances as it dedupes bindings, and a
     * record's hashCode is bootstrapped through method handles on first use, which a fresh JVM pays for.
     */
    private static final class BoundRun implements Provider<Run> {

        private final Map<ComponentKind<?>, Provider<? extends List<?>>> parts;
        private final Provider<TrainingSettings> settings;
        private final long seed;
        private final Optional<DataSource> test;

        BoundRun(Map<ComponentKind<?>, Provider<? extends List<?>>> parts, Provider<TrainingSettings> settings,
                 long seed, Optional<DataSource> test) {
            this.parts = parts;
            this.settings = settings;
            this.seed = seed;
            this.test = test;
        }

        @Override
        public Run get() {
            Map<ComponentKind<?>, List<?>> bound = new LinkedHashMap<>();
            parts.forEach((kind, provider) -> bound.put(kind, provider.get()));
            return new Run(bound, settings.get(), seed, test);
        }
    }
}
