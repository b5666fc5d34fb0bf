package dev.descent.experiment;

import dev.descent.api.ComponentKind;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What a sweep tries: a grid of values per key ({@code --grid optimizer.lr=0.01,0.1,1}) and ranges to
 * draw from ({@code --range optimizer.lr=1e-4:1}), made into trials: every combination of the grid, or
 * {@code n} random draws.
 *
 * <p>A key is a config key ({@code optimizer.lr}) or a component's name and option ({@code mlp.hidden}):
 * the latter sets {@code model.hidden} in the trials whose model is {@code mlp} and nothing in the
 * others, so that {@code --grid model=linreg,mlp --grid mlp.hidden=64,256} tries linreg once.
 */
public final class SweepSpace {

    /** One key's values to try. */
    public record Axis(String key, List<String> values) {
    }

    /**
     * One key's range: values drawn uniformly between {@code low} and {@code high}, or uniformly in
     * their logarithms ({@code log}), whole numbers when both bounds are.
     */
    public record Range(String key, double low, double high, boolean log, boolean whole) {
    }

    /**
     * A trial.
     *
     * @param number from 1, in the order the space lists trials
     * @param values the key and value of every swept setting the trial uses, as the sweep names them
     * @param config the run's config with those values set (under the component's kind for
     *               {@code NAME.option} keys)
     */
    public record Trial(int number, Map<String, String> values, RunConfig config) {

        /** {@code optimizer.lr=0.1, mlp.hidden=64}. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            values.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            return text.length() == 0 ? "(the config as it is)" : text.toString();
        }
    }

    private final List<Axis> axes;
    private final List<Range> ranges;

    private SweepSpace(List<Axis> axes, List<Range> ranges) {
        this.axes = List.copyOf(axes);
        this.ranges = List.copyOf(ranges);
    }

    /** The space of {@code --grid KEY=V1,V2} and {@code --range KEY=LOW:HIGH[:log|:linear]} arguments. */
    public static SweepSpace parse(List<String> grids, List<String> rangeTexts) {
        List<Axis> axes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (String text : grids) {
            String[] kv = assignment(text, "--grid", "--grid optimizer.lr=0.01,0.1,1");
            List<String> values = new ArrayList<>();
            for (String part : kv[1].split(",", -1)) {
                String value = part.strip();
                if (value.isEmpty()) {
                    throw new ConfigException("--grid " + text + " has an empty value; list the values with commas,"
                            + " e.g. --grid " + kv[0] + "=0.01,0.1,1");
                }
                if (values.contains(value)) {
                    throw new ConfigException("--grid " + text + " lists " + value + " twice; list each value once");
                }
                values.add(value);
            }
            if (!keys.add(kv[0])) {
                throw new ConfigException("--grid " + kv[0] + " is given twice; list all its values in one --grid");
            }
            axes.add(new Axis(kv[0], values));
        }
        List<Range> ranges = new ArrayList<>();
        for (String text : rangeTexts) {
            String[] kv = assignment(text, "--range", "--range optimizer.lr=0.0001:1");
            String[] parts = kv[1].split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new ConfigException("--range " + text + " is not LOW:HIGH; write e.g. --range " + kv[0]
                        + "=0.0001:1 (or LOW:HIGH:log, LOW:HIGH:linear)");
            }
            double low = number(parts[0], text);
            double high = number(parts[1], text);
            if (!(low < high)) {
                throw new ConfigException("--range " + text + " is empty: its low end must be below its high end, e.g. "
                        + kv[0] + "=0.0001:1");
            }
            boolean log;
            if (parts.length == 3) {
                String scale = parts[2].strip().toLowerCase(Locale.ROOT);
                if (!scale.equals("log") && !scale.equals("linear")) {
                    throw new ConfigException("--range " + text + " ends in '" + parts[2] + "'; the scale is log or"
                            + " linear");
                }
                log = scale.equals("log");
            } else {
                log = isRate(kv[0]);
            }
            if (log && low <= 0) {
                throw new ConfigException("--range " + text + " is drawn on a log scale, which needs a low end above 0;"
                        + " give one, or add :linear");
            }
            if (!keys.add(kv[0])) {
                throw new ConfigException(kv[0] + " is swept twice (--grid and --range, or two of one); give it once");
            }
            boolean whole = isWhole(parts[0]) && isWhole(parts[1]);
            ranges.add(new Range(kv[0], low, high, log, whole));
        }
        return new SweepSpace(axes, ranges);
    }

    /** Rates are drawn log-uniformly unless told: {@code lr}, {@code weight-decay}, {@code *-rate}. */
    static boolean isRate(String key) {
        String option = key.substring(key.lastIndexOf('.') + 1);
        return option.equals("lr") || option.equals("weight-decay") || option.endsWith("rate") || option.equals("l2")
                || option.equals("l1");
    }

    public List<Axis> axes() {
        return axes;
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** The swept keys, grid first, as given. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        axes.forEach(a -> keys.add(a.key()));
        ranges.forEach(r -> keys.add(r.key()));
        return keys;
    }

    public boolean isEmpty() {
        return axes.isEmpty() && ranges.isEmpty();
    }

    /** Every combination of the grid's values, the last key varying fastest; trials that set the same values once. */
    public List<Trial> grid(RunConfig base, PluginRegistry registry) {
        if (!ranges.isEmpty()) {
            throw new ConfigException("--range " + ranges.get(0).key() + " draws values for random trials; add --random N"
                    + " (e.g. --random 20), or list the values with --grid");
        }
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Axis axis : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.values()) {
                    Map<String, String> more = new LinkedHashMap<>(partial);
                    more.put(axis.key(), value);
                    next.add(more);
                }
            }
            combinations = next;
        }
        return trials(base, registry, combinations, "--grid", true);
    }

    /** {@code count} trials, each drawing every range and picking one value of every grid key, from {@code random}. */
    public List<Trial> random(RunConfig base, PluginRegistry registry, int count, RandomGenerator random) {
        if (count < 1) {
            throw new ConfigException("--random " + count + " draws no trials; give a number of trials, e.g. --random 20");
        }
        List<Map<String, String>> draws = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Axis axis : axes) {
                values.put(axis.key(), axis.values().get(random.nextInt(axis.values().size())));
            }
            for (Range range : ranges) {
                values.put(range.key(), draw(range, random));
            }
            draws.add(values);
        }
        return trials(base, registry, draws, "--random", false);
    }

    /** A value of {@code range}: four significant digits, so that tables and the best config read well. */
    static String draw(Range range, RandomGenerator random) {
        double u = random.nextDouble();
        double value = range.log()
                ? Math.exp(Math.log(range.low()) + u * (Math.log(range.high()) - Math.log(range.low())))
                : range.low() + u * (range.high() - range.low());
        if (range.whole()) {
            return Long.toString(Math.max((long) range.low(), Math.min((long) range.high(), Math.round(value))));
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    private List<Trial> trials(RunConfig base, PluginRegistry registry, List<Map<String, String>> sets, String how,
                               boolean distinct) {
        for (String key : keys()) {
            componentOption(key, registry).ifPresent(c -> {
                boolean anyUses = sets.stream().anyMatch(values -> chosen(base, values, c.kind())
                        .equals(c.component()));
                if (!anyUses) {
                    throw new ConfigException(key + " sets an option of " + c.kind().label(c.component())
                            + ", but no trial uses it (" + c.kind().key() + " = "
                            + chosen(base, sets.get(0), c.kind()) + "); set " + c.kind().key() + " = "
                            + c.component() + ", or sweep --grid " + c.kind().key() + "=…," + c.component());
                }
            });
        }
        List<Trial> trials = new ArrayList<>();
        Set<Map<String, String>> seen = new LinkedHashSet<>();
        for (Map<String, String> values : sets) {
            Map<String, String> used = new LinkedHashMap<>();
            RunConfig config = base;
            for (Map.Entry<String, String> e : values.entrySet()) {
                String key = e.getKey();
                Optional<ComponentOption> option = componentOption(key, registry);
                if (option.isPresent() && !chosen(base, values, option.get().kind()).equals(option.get().component())) {
                    continue;   // mlp.hidden in a trial whose model is not mlp
                }
                // A component's option has two spellings (model.hidden, mlp.hidden): the swept one replaces both.
                int dot = key.indexOf('.');
                Optional<ComponentKind<?>> kind = option.<ComponentKind<?>>map(ComponentOption::kind)
                        .or(() -> dot > 0 ? registry.kind(key.substring(0, dot)) : Optional.empty());
                if (kind.isPresent() && !kind.get().list() && dot > 0) {
                    String name = key.substring(dot + 1);
                    config = config.without(kind.get().key() + "." + name)
                            .without(chosen(base, values, kind.get()) + "." + name);
                }
                config = config.with(key, e.getValue(), how + " " + key + "=" + e.getValue());
                used.put(key, e.getValue());
            }
            if (distinct && !seen.add(used)) {
                continue;
            }
            trials.add(new Trial(trials.size() + 1, used, config));
        }
        return trials;
    }

    /** A {@code NAME.option} key: the component {@code NAME} of a single kind, and its option. */
    private record ComponentOption(ComponentKind<?> kind, String component, String option) {
    }

    private static Optional<ComponentOption> componentOption(String key, PluginRegistry registry) {
        int dot = key.indexOf('.');
        if (dot < 0 || registry.kind(key.substring(0, dot)).isPresent() || PluginRegistry.RESERVED_KEYS.contains(
                key.substring(0, dot))) {
            return Optional.empty();
        }
        String name = key.substring(0, dot);
        for (ComponentKind<?> kind : registry.kinds()) {
            if (kind.list() || kind.composed()) {
                continue;
            }
            for (PluginDescriptor d : registry.list(kind)) {
                if (d.name().equals(name)) {
                    return Optional.of(new ComponentOption(kind, name, key.substring(dot + 1)));
                }
            }
        }
        return Optional.empty();
    }

    /** The component of {@code kind} a trial uses: swept, else configured, else the kind's default. */
    private static String chosen(RunConfig base, Map<String, String> values, ComponentKind<?> kind) {
        String swept = values.get(kind.key());
        if (swept != null) {
            return swept;
        }
        return base.get(kind.key()).map(ConfigValue::value).orElse(kind.defaults().isEmpty() ? ""
                : kind.defaults().get(0));
    }

    private static String[] assignment(String text, String option, String example) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(option + " " + text + " is not KEY=VALUES; write e.g. " + example);
        }
        return new String[] {text.substring(0, eq).strip(), text.substring(eq + 1).strip()};
    }

    private static double number(String text, String whole) {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ConfigException("--range " + whole + ": '" + text + "' is not a number; write e.g. 0.0001:1");
    }

    private static boolean isWhole(String text) {
        return text.strip().matches("-?\\d+");
    }
}
