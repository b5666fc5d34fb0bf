package dev.descent.train;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import dev.descent.api.ComponentKind;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.Device;
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
        return train(RunComponents.resolve(config, registry), listeners, overrides);
    }

    /**
     * Trains components already resolved (keep {@code run} to save the model afterwards). Closes the
     * configured device and, when an override bound another, that one too.
     */
    public static TrainingResult train(RunComponents run, List<TrainingListener> listeners, List<Module> overrides) {
        Device used = null;
        try {
            Module listening = binder -> {
                Multibinder<TrainingListener> set = Multibinder.newSetBinder(binder, TrainingListener.class);
                listeners.forEach(l -> set.addBinding().toInstance(l));
            };
            List<Module> modules = new ArrayList<>();
            modules.add(Modules.override(new TrainerModule(run)).with(overrides));
            modules.add(listening);
            Injector injector = Guice.createInjector(modules);
            Trainer trainer = injector.getInstance(Trainer.class);
            used = (Device) trainer.components().get(ComponentKind.DEVICE).get(0);
            return trainer.train();
        } finally {
            run.device().close();
            if (used != null && used != run.device()) {
                used.close();
            }
        }
    }
}
