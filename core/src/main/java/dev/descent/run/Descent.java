package dev.descent.run;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.Device;
import dev.descent.train.ResumeFrom;
import dev.descent.train.Run;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training in one call, for code that embeds Descent:
 *
 * <pre>{@code
 * TrainingResult result = Descent.train(RunConfig.empty().with("optimizer.lr", "0.1", "my service"));
 * float[] w = result.parameters().get("w");
 * }</pre>
 *
 * Components come from the class path through the {@link PluginRegistry}; the device is closed
 * when training ends.
 */
public final class Descent {

    private Descent() {
    }

    /**
     * Trains the run {@code config} describes, with the components on this class's class path and
     * in the plugin folders of its {@code plugins.dirs} key.
     */
    public static TrainingResult train(RunConfig config, TrainingListener... listeners) {
        return train(config, List.of(listeners), List.of());
    }

    /**
     * Trains with the components on the class path and in {@code plugins.dirs}, and Guice modules
     * whose bindings override the config's choices, e.g. a loss of your own:
     *
     * <pre>{@code
     * Descent.train(config, List.of(), List.of(binder -> binder.bind(Loss.class).toInstance(new MyLoss())));
     * }</pre>
     */
    public static TrainingResult train(RunConfig config, List<TrainingListener> listeners, List<Module> overrides) {
        List<Path> paths = PluginPaths.of(List.of(), config, false);
        try (PluginRegistry registry = PluginRegistry.discover(Descent.class.getClassLoader(), paths)) {
            return train(config, registry, listeners, overrides);
        }
    }

    /**
     * Trains with an explicit registry, listeners, and Guice modules whose bindings override the
     * config's choices (e.g. {@code binder -> binder.bind(Loss.class).toInstance(myLoss)}).
     */
    public static TrainingResult train(RunConfig config, PluginRegistry registry, List<TrainingListener> listeners,
                                       List<Module> overrides) {
        return train(RunResolver.resolve(config, registry), listeners, overrides);
    }

    /**
     * Continues a saved run as {@code descent train --resume} does: {@code plan}'s config resolved
     * with {@code registry}, trained from its saved parameters and states up to {@code train.epochs}.
     */
    public static TrainingResult resume(ResumePlan plan, PluginRegistry registry, List<TrainingListener> listeners) {
        return train(RunResolver.resolve(plan.config(), registry), listeners, List.of(binder -> OptionalBinder
                .newOptionalBinder(binder, ResumeFrom.class).setBinding().toInstance(plan.start())));
    }

    /**
     * Trains a resolved run (the result keeps it, to save the model afterwards). Closes the run's
     * device and, when an override bound another, that one too.
     */
    public static TrainingResult train(Run run, List<TrainingListener> listeners, List<Module> overrides) {
        Device used = null;
        try {
            Module listening = binder -> {
                Multibinder<TrainingListener> set = Multibinder.newSetBinder(binder, TrainingListener.class);
                listeners.forEach(l -> set.addBinding().toInstance(l));
            };
            List<Module> modules = new ArrayList<>();
            modules.add(Modules.override(new TrainerModule(run)).with(overrides));
            modules.add(listening);
            Trainer trainer = Guice.createInjector(modules).getInstance(Trainer.class);
            used = trainer.run().device();
            return trainer.train();
        } finally {
            run.device().close();
            if (used != null && used != run.device()) {
                used.close();
            }
        }
    }
}
