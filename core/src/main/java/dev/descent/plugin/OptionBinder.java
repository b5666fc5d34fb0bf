package dev.descent.plugin;

import dev.descent.api.Option;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.api.KeysUnder;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the {@link Option} fields of a class and fills them from config values, rejecting keys the
 * class does not have.
 */
public final class OptionBinder {

    private OptionBinder() {
    }

    /** Read once per class: discovery, the trainer and provenance all ask, and reflection is slow in a fresh JVM. */
    private static final ClassValue<Map<String, OptionDescriptor>> OPTIONS = new ClassValue<>() {
        @Override
        protected Map<String, OptionDescriptor> computeValue(Class<?> type) {
            return java.util.Collections.unmodifiableMap(readOptions(type));
        }
    };

    /**
     * The options of {@code type} and its superclasses, in declaration order, by name.
     *
     * @throws IllegalArgumentException if an option is declared twice or has an unsupported type
     */
    public static Map<String, OptionDescriptor> optionsOf(Class<?> type) {
        return OPTIONS.get(type);
    }

    private static Map<String, OptionDescriptor> readOptions(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        Map<String, OptionDescriptor> options = new LinkedHashMap<>();
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option == null) {
                    continue;
                }
                if (options.put(option.name(), new OptionDescriptor(option, field)) != null) {
                    throw new IllegalArgumentException(type.getName() + " declares option '" + option.name() + "' twice");
                }
            }
        }
        return options;
    }

    /**
     * The prefix whose keys a component of {@code type} takes whole ({@link KeysUnder}), or null.
     *
     * @throws IllegalArgumentException if the annotated field is not a {@code Map}, or there are two
     */
    public static String keysPrefixOf(Class<?> type) {
        Field field = KEYS_UNDER.get(type);
        return field == null ? null : field.getAnnotation(KeysUnder.class).value();
    }

    /** Puts {@code keys} (whole keys under the component's {@link KeysUnder} prefix) into its map; nothing without one. */
    @SuppressWarnings("unchecked")
    public static void bindKeysUnder(Object target, Map<String, String> keys) {
        Field field = KEYS_UNDER.get(target.getClass());
        if (field == null) {
            return;
        }
        try {
            ((Map<String, String>) field.get(target)).putAll(keys);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field, e);
        }
    }

    private static final ClassValue<Field> KEYS_UNDER = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            Field found = null;
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.getAnnotation(KeysUnder.class) == null) {
                        continue;
                    }
                    if (!Map.class.isAssignableFrom(field.getType()) || found != null) {
                        throw new IllegalArgumentException(type.getName() + ": @KeysUnder marks one Map<String, String>"
                                + " field, not " + field);
                    }
                    field.setAccessible(true);
                    found = field;
                }
            }
            return found;
        }
    };

    /**
     * Writes each value of {@code section} (keyed by option name) into {@code target}'s matching field.
     *
     * @param prefix the config prefix of the section, e.g. {@code optimizer}, for messages
     * @param owner  what the options belong to, e.g. {@code optimizer 'sgd'}, for messages
     */
    public static void bind(Object target, Map<String, OptionDescriptor> options, String prefix, String owner,
                            Map<String, ConfigValue> section) {
        for (Map.Entry<String, ConfigValue> entry : section.entrySet()) {
            OptionDescriptor option = options.get(entry.getKey());
            if (option == null) {
                throw unknownKey(entry.getValue(), options, prefix, owner);
            }
            option.apply(target, entry.getValue());
        }
    }

    /** The error for a key under {@code prefix.} that names none of {@code options}: lists the valid keys. */
    public static ConfigException unknownKey(ConfigValue value, Map<String, OptionDescriptor> options,
                                              String prefix, String owner) {
        String name = value.key().substring(prefix.length() + 1);
        StringBuilder message = new StringBuilder("unknown key ").append(value.key()).append(" (")
                .append(value.origin()).append("): ").append(owner);
        if (options.isEmpty()) {
            return new ConfigException(message.append(" has no options").toString());
        }
        Optional<String> nearest = Names.nearest(name, options.keySet());
        String valid = options.keySet().stream().map(k -> prefix + "." + k).collect(Collectors.joining(", "));
        message.append(" has no option '").append(name).append("'");
        nearest.ifPresent(n -> message.append("; did you mean ").append(prefix).append('.').append(n).append('?'));
        message.append(nearest.isPresent() ? " Valid keys: " : "; valid keys: ").append(valid);
        return new ConfigException(message.toString());
    }
}
