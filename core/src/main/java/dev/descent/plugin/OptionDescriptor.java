package dev.descent.plugin;

import dev.descent.api.Option;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.data.Decimals;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One {@link Option} field of a component: its name, type, range, and how text becomes a value.
 */
public final class OptionDescriptor {

    private final Option option;
    private final Field field;

    OptionDescriptor(Option option, Field field) {
        this.option = option;
        this.field = field;
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
            throw new IllegalArgumentException("@Option field " + field.getDeclaringClass().getName() + "."
                    + field.getName() + " must be neither static nor final");
        }
        if (!isSupported(field.getType())) {
            throw new IllegalArgumentException("@Option field " + field.getDeclaringClass().getName() + "."
                    + field.getName() + " has unsupported type " + field.getType().getSimpleName()
                    + "; use int, long, float, double, boolean, String, Path, an enum, int[], float[], double[],"
                    + " String[], or a composed kind's interface (Layer) or an array of it");
        }
        field.setAccessible(true);
    }

    public String name() {
        return option.name();
    }

    public String description() {
        return option.description();
    }

    /**
     * The interface of the components this option holds ({@code Layer} for a {@code Layer} or
     * {@code Layer[]} field), which the registry creates from the option's text; null for a plain value.
     */
    public Class<?> componentType() {
        Class<?> type = field.getType().isArray() ? field.getType().getComponentType() : field.getType();
        return isComponentInterface(type) ? type : null;
    }

    /** Whether the option holds several components ({@code Layer[]}) rather than one. */
    public boolean holdsSeveral() {
        return field.getType().isArray();
    }

    /** Writes components the registry created into the field: an array of them, or the single one. */
    public void setComponents(Object component, java.util.List<?> components) {
        Class<?> type = componentType();
        Object value;
        if (holdsSeveral()) {
            value = java.lang.reflect.Array.newInstance(type, components.size());
            for (int i = 0; i < components.size(); i++) {
                java.lang.reflect.Array.set(value, i, components.get(i));
            }
        } else {
            value = components.get(0);
        }
        try {
            field.set(component, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The type as users read it: {@code double}, {@code float[]}, {@code one of: a, b}. */
    public String typeName() {
        Class<?> type = field.getType();
        if (componentType() != null) {
            String noun = componentType().getSimpleName().toLowerCase(Locale.ROOT);
            return holdsSeveral() ? noun + "s" : noun;
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> enumText((Enum<?>) c))
                    .collect(Collectors.joining(", "));
        }
        if (type == Path.class) {
            return "path";
        }
        return type.getSimpleName();
    }

    /** The accepted range, e.g. {@code > 0} or {@code ≥ 1}, or empty when any value goes. */
    public String rangeText() {
        StringBuilder s = new StringBuilder();
        if (option.min() != Double.NEGATIVE_INFINITY) {
            s.append(option.minExclusive() ? "> " : ">= ").append(number(option.min()));
        }
        if (option.max() != Double.POSITIVE_INFINITY) {
            s.append(s.length() == 0 ? "" : ", ").append(option.maxExclusive() ? "< " : "<= ").append(number(option.max()));
        }
        return s.toString();
    }

    /** The field's value in {@code component}, as text a config file could contain. */
    public String valueText(Object component) {
        try {
            return format(field.get(component));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the option holds a real number ({@code double} or {@code float}), such as a learning rate. */
    public boolean isReal() {
        return field.getType() == double.class || field.getType() == float.class;
    }

    /** The current value of a real-number option of {@code component}. */
    public double realValue(Object component) {
        try {
            return ((Number) field.get(component)).doubleValue();
        } catch (IllegalAccessException | ClassCastException e) {
            throw new IllegalStateException("option '" + name() + "' of " + component.getClass().getName()
                    + " is not a readable real number", e);
        }
    }

    /** Sets a real-number option of {@code component}, as a schedule sets {@code lr} between epochs. */
    public void setReal(Object component, double value) {
        try {
            if (field.getType() == float.class) {
                field.setFloat(component, (float) value);
            } else {
                field.setDouble(component, value);
            }
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new IllegalStateException("option '" + name() + "' of " + component.getClass().getName()
                    + " cannot be set to a real number", e);
        }
    }

    /** Converts {@code value}'s text, checks the range, and writes it into {@code component}'s field. */
    public void apply(Object component, ConfigValue value) {
        Object converted = convert(value);
        try {
            field.set(component, converted);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object convert(ConfigValue value) {
        Class<?> type = field.getType();
        String text = value.value();
        if (componentType() != null) {
            throw new IllegalStateException("option '" + name() + "' holds components: the registry creates them");
        }
        if (type == String.class) {
            return text;
        }
        if (type == String[].class && text.isEmpty()) {
            return new String[0];
        }
        if (text.isEmpty()) {
            throw invalid(value, "it is empty; " + expectation());
        }
        if (type == Path.class) {
            return Path.of(text);
        }
        if (type == String[].class) {
            String inner = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            return Arrays.stream(inner.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toArray(String[]::new);
        }
        if (type == boolean.class) {
            String t = text.toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
            throw invalid(value, "expected true or false");
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (enumText((Enum<?>) constant).equalsIgnoreCase(text) || ((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw invalid(value, "expected " + typeName());
        }
        if (type == int[].class) {
            String inner = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            String[] parts = inner.split(",", -1);
            int[] numbers = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].strip();
                try {
                    numbers[i] = Integer.parseInt(part.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw invalid(value, "element " + (i + 1) + " '" + part + "' is not a whole number; " + expectation());
                }
                checkRange(value, numbers[i]);
            }
            return numbers;
        }
        if (type == float[].class || type == double[].class) {
            String inner = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            String[] parts = inner.split(",", -1);
            double[] numbers = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                numbers[i] = parseReal(value, parts[i].strip(), "element " + (i + 1) + " ");
                if (type == float[].class) {
                    checkFloat(value, numbers[i], parts[i].strip(), "element " + (i + 1) + " ");
                }
                checkRange(value, numbers[i]);
            }
            if (type == double[].class) {
                return numbers;
            }
            float[] floats = new float[numbers.length];
            for (int i = 0; i < numbers.length; i++) {
                floats[i] = (float) numbers[i];
            }
            return floats;
        }
        if (type == int.class || type == long.class) {
            long n;
            try {
                n = Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw invalid(value, "expected a whole number" + rangeSuffix());
            }
            if (type == int.class && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                throw invalid(value, "it is too large; " + expectation());
            }
            checkRange(value, n);
            return type == int.class ? (Object) (int) n : (Object) n;
        }
        double d = parseReal(value, text, "");
        if (type == float.class) {
            checkFloat(value, d, text, "");
        }
        checkRange(value, d);
        return type == float.class ? (Object) (float) d : (Object) d;
    }

    /** A value kept as a float must be one: 1e39 would silently become infinity. */
    private void checkFloat(ConfigValue value, double d, String text, String element) {
        if (Math.abs(d) > Float.MAX_VALUE) {
            throw invalid(value, element + "'" + text + "' is outside the range of a float (about ±3.4e38); "
                    + expectation());
        }
    }

    private double parseReal(ConfigValue value, String text, String element) {
        double d;
        try {
            d = Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(value, element + "'" + text + "' is not a number; " + expectation());
        }
        if (!Double.isFinite(d)) {
            throw invalid(value, element + "'" + text + "' is not a finite number; " + expectation());
        }
        if (Decimals.isJavaOnly(text.strip())) {
            throw invalid(value, element + "'" + text + "' is " + Decimals.javaOnlyAdvice(text.strip()));
        }
        return d;
    }

    private void checkRange(ConfigValue value, double d) {
        boolean tooSmall = option.minExclusive() ? d <= option.min() : d < option.min();
        boolean tooLarge = option.maxExclusive() ? d >= option.max() : d > option.max();
        if (tooSmall || tooLarge) {
            throw invalid(value, "it must be " + rangeText());
        }
    }

    private String expectation() {
        Class<?> type = field.getType();
        if (type == float[].class || type == double[].class) {
            return "expected numbers separated by commas, e.g. 2, -3.4";
        }
        if (type == int[].class) {
            return "expected whole numbers separated by commas, e.g. 256, 128" + rangeSuffix();
        }
        if (type == int.class || type == long.class) {
            return "expected a whole number" + rangeSuffix();
        }
        if (type == Path.class) {
            return "expected a path to a file or folder";
        }
        if (type == boolean.class) {
            return "expected true or false";
        }
        if (type.isEnum()) {
            return "expected " + typeName();
        }
        return "expected a number" + rangeSuffix();
    }

    private String rangeSuffix() {
        String range = rangeText();
        return range.isEmpty() ? "" : " " + range;
    }

    private ConfigException invalid(ConfigValue value, String problem) {
        return new ConfigException("invalid value '" + value.value() + "' for " + value.key() + " ("
                + value.origin() + "): " + problem);
    }

    private static boolean isSupported(Class<?> t) {
        return t == int.class || t == long.class || t == float.class || t == double.class || t == boolean.class
                || t == String.class || t == Path.class || t.isEnum() || t == float[].class || t == double[].class
                || t == String[].class || t == int[].class || isComponentInterface(t)
                || t.isArray() && isComponentInterface(t.getComponentType());
    }

    /** An interface components implement (Layer), not one of the JDK's (Path). */
    private static boolean isComponentInterface(Class<?> t) {
        return t.isInterface() && !t.getName().startsWith("java.");
    }

    private static String enumText(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof float[] floats) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < floats.length; i++) {
                s.append(i == 0 ? "" : ", ").append(floats[i]);
            }
            return s.toString();
        }
        if (value instanceof String[] strings) {
            return String.join(", ", strings);
        }
        if (value instanceof int[] ints) {
            return Arrays.stream(ints).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        }
        if (value instanceof Object[] components) {
            return Arrays.stream(components).map(OptionDescriptor::format).collect(Collectors.joining(", "));
        }
        if (value.getClass().isAnnotationPresent(dev.descent.api.Plugin.class)) {
            // A composed component, as its option's text writes it: name:option=value:…, so that a saved
            // model re-creates each layer with its own options.
            StringBuilder spec = new StringBuilder(value.getClass().getAnnotation(dev.descent.api.Plugin.class).name());
            OptionBinder.optionsOf(value.getClass()).forEach((name, option) ->
                    spec.append(':').append(name).append('=').append(option.valueText(value)));
            return spec.toString();
        }
        if (value instanceof double[] doubles) {
            return Arrays.stream(doubles).mapToObj(Double::toString).collect(Collectors.joining(", "));
        }
        if (value instanceof Enum<?> e) {
            return enumText(e);
        }
        return value.toString();
    }
}
