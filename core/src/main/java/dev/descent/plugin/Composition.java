package dev.descent.plugin;

import dev.descent.api.ComponentKind;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the components an option composes ({@code model.layers = linear:256, relu, dropout:0.5,
 * linear}) from its text: a list of items separated by commas, each a component's name followed by
 * its options, each after a colon, either by position (the component's options in the order it
 * declares them: {@code linear:256}) or by name ({@code linear:256:init=he-normal}).
 */
final class Composition {

    private Composition() {
    }

    /** One item of the list: the component's name, its options by name, and where it was written. */
    record Item(String name, Map<String, ConfigValue> options, ConfigValue choice) {
    }

    /**
     * The components {@code value} names, created by {@code registry} with their options set.
     *
     * @param several whether the option takes a list; if not, exactly one item
     */
    static List<Object> create(PluginRegistry registry, ComponentKind<?> kind, ConfigValue value, boolean several) {
        List<String> texts = new ArrayList<>();
        for (String part : value.value().split(",", -1)) {
            texts.add(part.strip());
        }
        if (texts.size() == 1 && texts.get(0).isEmpty()) {
            throw new ConfigException(value.key() + " (" + value.origin() + ") is empty; name " + (several
                    ? "the " + kind.plural() + ", e.g. " + value.key() + " = linear:256, relu, linear"
                    : "a " + kind.noun()));
        }
        if (!several && texts.size() > 1) {
            throw new ConfigException(value.key() + " (" + value.origin() + ") names " + texts.size() + " "
                    + kind.plural() + " (" + value.value() + "); it takes one");
        }
        List<Object> created = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String where = value.origin() + (several ? ", item " + (i + 1) : "");
            String text = texts.get(i);
            if (text.isEmpty()) {
                throw new ConfigException(value.key() + " (" + where + ") has an empty item; remove the extra comma");
            }
            String[] parts = text.split(":", -1);
            String name = parts[0].strip();
            ConfigValue choice = new ConfigValue(value.key(), name, where + " of " + value.key());
            PluginDescriptor descriptor = registry.require(kind, name, choice);
            Map<String, ConfigValue> options = options(descriptor, parts, value.key(), where);
            created.add(registry.create(descriptor, options));
        }
        return created;
    }

    /** The item's options by name: {@code 256} is its first option, {@code init=he-normal} the one named. */
    private static Map<String, ConfigValue> options(PluginDescriptor descriptor, String[] parts, String key,
                                                    String where) {
        List<String> declared = new ArrayList<>(descriptor.options().keySet());
        Map<String, ConfigValue> options = new LinkedHashMap<>();
        String name = descriptor.name();
        for (int p = 1; p < parts.length; p++) {
            String part = parts[p].strip();
            int equals = part.indexOf('=');
            String option;
            String text;
            if (equals >= 0) {
                option = part.substring(0, equals).strip();
                text = part.substring(equals + 1).strip();
                if (!descriptor.options().containsKey(option)) {
                    throw OptionBinder.unknownKey(new ConfigValue(name + ":" + option, text, where + " of " + key),
                            descriptor.options(), name, descriptor.label());
                }
            } else {
                if (p > declared.size()) {
                    throw new ConfigException(descriptor.label() + " (" + where + " of " + key + ") takes "
                            + (declared.isEmpty() ? "no options" : "at most " + declared.size() + " ("
                            + String.join(", ", declared) + ")") + ", but is given '" + String.join(":",
                            java.util.Arrays.copyOfRange(parts, 1, parts.length)) + "'");
                }
                option = declared.get(p - 1);
                text = part;
            }
            if (options.put(option, new ConfigValue(name + ":" + option, text, where + " of " + key)) != null) {
                throw new ConfigException(descriptor.label() + " (" + where + " of " + key + ") is given its option '"
                        + option + "' twice");
            }
        }
        return options;
    }
}
