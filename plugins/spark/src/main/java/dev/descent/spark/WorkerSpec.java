package dev.descent.spark;

import dev.descent.api.ComponentKind;
import dev.descent.plugin.ComponentInfo;
import dev.descent.plugin.OptionBinder;
import dev.descent.train.TrainingJob;
import dev.descent.train.TrainingSettings;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an executor needs to rebuild the run's model, loss, optimizer and device: their names and
 * options as the driver resolved them (defaults included), the {@code train.*} settings, the data's
 * shape, and the jars of components that came from a plugin folder rather than the application.
 *
 * @param run        this run's id: executors keep their components per run and partition
 * @param config     {@code model}, {@code loss}, {@code optimizer}, {@code device} and their options,
 *                   {@code train.*}
 * @param classNames the components' classes, to tell whether the executor's class path has them
 * @param pluginJars jars the driver loaded components from outside its class path
 */
record WorkerSpec(String run, Map<String, String> config, List<String> classNames, List<String> pluginJars,
                  int features, int outputs, List<String> classes, long seed) implements Serializable {

    /** The kinds an executor creates. */
    static final List<ComponentKind<?>> KINDS = List.of(ComponentKind.MODEL, ComponentKind.LOSS,
            ComponentKind.OPTIMIZER, ComponentKind.DEVICE);

    static WorkerSpec of(String run, TrainingJob job, int features, int outputs, List<String> classes) {
        Map<String, String> config = new LinkedHashMap<>();
        List<String> classNames = new ArrayList<>();
        Set<String> jars = new LinkedHashSet<>();
        for (ComponentKind<?> kind : KINDS) {
            Object component = job.run().components(kind).get(0);
            config.putAll(configOf(kind, component));
            classNames.add(component.getClass().getName());
            // A class the application's own loader did not load came from a plugin folder's jar.
            Path jar = location(component.getClass());
            if (component.getClass().getClassLoader() != WorkerSpec.class.getClassLoader() && jar != null
                    && Files.isRegularFile(jar)) {
                jars.add(jar.toString());
            }
        }
        TrainingSettings settings = job.run().settings();
        OptionBinder.optionsOf(TrainingSettings.class).values()
                .forEach(o -> config.put("train." + o.name(), o.valueText(settings)));
        return new WorkerSpec(run, Map.copyOf(config), List.copyOf(classNames), List.copyOf(jars), features, outputs,
                List.copyOf(classes), job.random().seed());
    }

    /** {@code kind = name} and its options, as a config would set them. */
    static Map<String, String> configOf(ComponentKind<?> kind, Object component) {
        Map<String, String> config = new LinkedHashMap<>();
        ComponentInfo info = ComponentInfo.of(component);
        config.put(kind.key(), info.name());
        String prefix = kind.optionPrefix(info.name());
        info.options().forEach((name, value) -> config.put(prefix + "." + name, value));
        return config;
    }

    /** The jar (or folder) a class was loaded from, or null when unknown. */
    static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
