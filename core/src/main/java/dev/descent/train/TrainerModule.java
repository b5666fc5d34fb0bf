package dev.descent.train;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Types;
import dev.descent.api.ComponentKind;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Outputs;
import dev.descent.io.ModelFiles;
import dev.descent.io.OutputPolicy;
import java.time.Instant;
import java.util.List;

/**
 * Binds the components of one run for the {@link Trainer}: every kind's interface to the config's
 * choice ({@code Loss} to {@code squared}), and a list kind's {@code List<Interface>} to its choices
 * in order. Replace any of them with your own module:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Modules.override(new TrainerModule(run))
 *         .with(binder -> binder.bind(Loss.class).toInstance(new MyLoss())));
 * TrainingResult result = injector.getInstance(Trainer.class).train();
 * }</pre>
 *
 * Listeners are added with {@code Multibinder.newSetBinder(binder, TrainingListener.class)}; a
 * progress display with {@code OptionalBinder.newOptionalBinder(binder, LoadingProgress.class)
 * .setBinding()}, a saved model to continue from with the same for {@link ResumeFrom}, and the run's
 * output policy (its inputs, which no output may replace) with the same for {@link Outputs}.
 */
public final class TrainerModule extends AbstractModule {

    private final RunComponents run;

    public TrainerModule(RunComponents run) {
        this.run = run;
    }

    @Override
    protected void configure() {
        for (ComponentKind<?> kind : run.kinds()) {
            bindKind(kind);
        }
        bind(RunKinds.class).toInstance(new RunKinds(run.kinds()));
        bind(TrainingSettings.class).toInstance(run.settings());
        bind(RandomStreams.class).toInstance(new RandomStreams(run.seed()));
        Multibinder.newSetBinder(binder(), TrainingListener.class);
        OptionalBinder.newOptionalBinder(binder(), LoadingProgress.class).setDefault().toInstance(LoadingProgress.NONE);
        OptionalBinder.newOptionalBinder(binder(), ResumeFrom.class);
        OptionalBinder.newOptionalBinder(binder(), RunWriter.class).setDefault()
                .toInstance((snapshot, file, outputs) -> ModelFiles.write(run.toModelFile(snapshot, Instant.now()), file,
                        outputs, "a checkpoint"));
        OptionalBinder.newOptionalBinder(binder(), Outputs.class).setDefault().toInstance(OutputPolicy.NO_INPUTS);
    }

    @SuppressWarnings("unchecked")
    private <T> void bindKind(ComponentKind<T> kind) {
        if (kind.list()) {
            Key<List<T>> key = (Key<List<T>>) Key.get(Types.listOf(kind.type()));
            bind(key).toInstance(run.components(kind));
        } else {
            bind(kind.type()).toInstance(run.component(kind));
        }
    }
}
