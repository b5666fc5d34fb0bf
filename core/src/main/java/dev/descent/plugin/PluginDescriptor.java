package dev.descent.plugin;

import dev.descent.api.ComponentKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is known of a component without creating it: its kind, name, class, where it was loaded
 * from and its options.
 *
 * @param kind        what it is
 * @param name        the name users select it by
 * @param description one line from its {@code @Plugin}
 * @param type        the implementing class
 * @param source      the jar (or class folder) the class was loaded from
 * @param version     the jar's {@code Implementation-Version}, or {@code unversioned}
 * @param options     its options by name, in declaration order
 * @param problem     why it cannot be used (no usable constructor, built for another API version), or
 *                    {@code null} when it can
 */
public record PluginDescriptor(ComponentKind<?> kind, String name, String description, Class<?> type, String source,
                               String version, Map<String, OptionDescriptor> options, String problem) {

    public PluginDescriptor {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Whether the component can be created; if not, {@link #problem()} says why. */
    public boolean usable() {
        return problem == null;
    }

    /** {@code loss 'squared'}, for messages. */
    public String label() {
        return kind.label(name);
    }

    /** The config prefix of its options: {@code optimizer} for {@code optimizer.lr}, its name for a list kind's component. */
    public String optionPrefix() {
        return kind.optionPrefix(name);
    }
}
