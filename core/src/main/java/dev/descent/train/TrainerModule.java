package dev.descent.train;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.descent.api.DataSource;
import dev.descent.api.Device;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.Optimizer;

/**
 * Binds the components of one run for the {@link Trainer}. Replace any of them with your own
 * module:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Modules.override(new TrainerModule(run))
 *         .with(binder -> binder.bind(Loss.class).toInstance(new MyLoss())));
 * TrainingResult result = injector.getInstance(Trainer.class).train();
 * }</pre>
 *
 * Listeners are added with {@code Multibinder.newSetBinder(binder, TrainingListener.class)}; a
 * progress display with {@code OptionalBinder.newOptionalBinder(binder, LoadingProgress.class)
 * .setBinding()}, and a saved model to continue from with the same for {@link ResumeFrom}.
 */
public final class TrainerModule extends AbstractModule {

    private final RunComponents run;

    public TrainerModule(RunComponents run) {
        this.run = run;
    }

    @Override
    protected void configure() {
        bind(DataSource.class).toInstance(run.data());
        bind(Model.class).toInstance(run.model());
        bind(Loss.class).toInstance(run.loss());
        bind(Optimizer.class).toInstance(run.optimizer());
        bind(Device.class).toInstance(run.device());
        bind(TrainingSettings.class).toInstance(run.settings());
        bind(RandomStreams.class).toInstance(new RandomStreams(run.seed()));
        Multibinder.newSetBinder(binder(), TrainingListener.class);
        OptionalBinder.newOptionalBinder(binder(), LoadingProgress.class).setDefault().toInstance(LoadingProgress.NONE);
        OptionalBinder.newOptionalBinder(binder(), ResumeFrom.class);
    }
}
