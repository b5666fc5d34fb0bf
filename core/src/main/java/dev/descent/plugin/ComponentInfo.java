package dev.descent.plugin;

import dev.descent.api.Plugin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a component instance is, read from the instance itself: its name, version, jar and option
 * values. Taken from the objects a run actually used, so that a model file's provenance names an
 * instance bound in code ({@code Modules.override}) as faithfully as one chosen in the config.
 *
 * @param name    its {@code @Plugin} name, or its class name when it has none
 * @param version its jar's {@code Implementation-Version}, or {@code unversioned}
 * @param source  the jar or class folder it was loaded from
 * @param options every {@code @Option} with its current value, in declaration order
 */
public record ComponentInfo(String name, String version, String source, Map<String, String> options) {

    public ComponentInfo {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The description of {@code component}, with its options as they are now. */
    public static ComponentInfo of(Object component) {
        Class<?> type = component.getClass();
        Plugin plugin = type.getAnnotation(Plugin.class);
        Map<String, String> options = new LinkedHashMap<>();
        try {
            OptionBinder.optionsOf(type).forEach((name, option) -> options.put(name, option.valueText(component)));
        } catch (IllegalArgumentException e) {
            // An instance bound in code need not follow the @Option rules; it then records no options.
        }
        String version = Optional.ofNullable(type.getPackage()).map(Package::getImplementationVersion)
                .orElse("unversioned");
        return new ComponentInfo(plugin != null ? plugin.name() : type.getName(), version,
                PluginRegistry.sourceOf(type), options);
    }
}
