package dev.descent.run;

import dev.descent.api.Standardization;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import dev.descent.train.ResumeFrom;
import dev.descent.train.TrainingResult;
import dev.descent.train.TrainingState;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a run continues a saved one, as {@code descent train --resume} does it: the saved run's config
 * under the keys given now, and where training starts (its parameters, scaling, states and history).
 * Resolve {@link #config()} and train with {@link #start()}:
 *
 * <pre>{@code
 * ResumePlan plan = ResumePlan.of(Path.of("model.json"), RunConfig.empty().with("train.epochs", "6", "my service"));
 * TrainingResult result = Descent.resume(plan, registry, List.of());
 * }</pre>
 *
 * @param config the config to resolve: the saved run's, with the user's keys on top
 * @param start  the saved state training continues from
 */
public record ResumePlan(RunConfig config, ResumeFrom start) {

    /** Reads the model file {@code file} and plans continuing it with {@code user}'s keys. */
    public static ResumePlan of(Path file, RunConfig user) {
        return of(ModelFiles.read(file), "--resume " + file, file.toString(), user);
    }

    /**
     * Plans continuing {@code saved} with {@code user}'s keys on top of its config.
     *
     * @param origin how messages name where the saved keys came from ({@code --resume model.json})
     * @param source how messages name the saved run ({@code model.json})
     */
    public static ResumePlan of(ModelFile saved, String origin, String source, RunConfig user) {
        Optional<ConfigValue> model = user.get("model");
        if (model.isPresent() && !model.get().value().equals(saved.model().name())) {
            throw new ConfigException(origin + " holds a '" + saved.model().name() + "' model, but "
                    + model.get().origin() + " chooses model '" + model.get().value() + "'; drop one of them");
        }
        ResumeFrom start = new ResumeFrom(source, parameters(saved), saved.features(),
                saved.standardization() == null ? null
                        : new Standardization(saved.standardization().mean(), saved.standardization().std()),
                saved.encoding(), state(saved), saved.config(), history(saved));
        return new ResumePlan(savedConfigUnder(saved, user, origin), start);
    }

    /**
     * The saved run's config with {@code user}'s keys on top. When the user chooses another component of
     * a kind (another optimizer), the saved options of the one it replaces are dropped; so are those of
     * callbacks the user no longer lists.
     */
    static RunConfig savedConfigUnder(ModelFile saved, RunConfig user, String origin) {
        Set<String> replaced = new HashSet<>();
        for (Map.Entry<String, String> e : saved.config().entrySet()) {
            Optional<ConfigValue> mine = user.get(e.getKey());
            if (!e.getKey().contains(".") && mine.isPresent() && !mine.get().value().equals(e.getValue())) {
                replaced.add(e.getKey());
                if (e.getKey().equals("callbacks")) {
                    List<String> kept = List.of(mine.get().value().split("\\s*,\\s*"));
                    for (String name : e.getValue().split("\\s*,\\s*")) {
                        if (!kept.contains(name)) {
                            replaced.add(name);
                        }
                    }
                }
            }
        }
        RunConfig merged = RunConfig.empty();
        for (Map.Entry<String, String> e : saved.config().entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot > 0 && replaced.contains(e.getKey().substring(0, dot))) {
                continue;
            }
            merged = merged.with(e.getKey(), e.getValue(), origin);
        }
        for (ConfigValue v : user.values().values()) {
            merged = merged.with(v.key(), v.value(), v.origin());
        }
        return merged;
    }

    private static Map<String, float[]> parameters(ModelFile saved) {
        Map<String, float[]> values = new LinkedHashMap<>();
        saved.parameters().forEach(p -> values.put(p.name(), p.values()));
        return values;
    }

    /** The saved run's figures per epoch, as its provenance lists them. */
    private static ResumeFrom.History history(ModelFile saved) {
        ModelFile.Provenance p = saved.provenance();
        if (p == null || p.epochLosses() == null) {
            return ResumeFrom.History.NONE;
        }
        return new ResumeFrom.History(p.epochLosses(), p.validationLosses() == null ? List.of() : p.validationLosses(),
                p.epochMetrics());
    }

    /** What a saved model carries besides its parameters; the start for a format 1 file. */
    private static TrainingState state(ModelFile saved) {
        ModelFile.SavedState s = saved.state();
        if (s == null) {
            return TrainingState.START;
        }
        return new TrainingState(s.epoch(), s.learningRate() == null ? Double.NaN : s.learningRate(), s.optimizer(),
                s.schedule(), s.callbacks());
    }
}
