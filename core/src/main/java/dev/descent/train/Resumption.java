package dev.descent.train;

import dev.descent.api.Callback;
import dev.descent.api.ComponentKind;
import dev.descent.api.Dataset;
import dev.descent.api.Parameter;
import dev.descent.api.State;
import dev.descent.plugin.ComponentInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continues a saved run in an initialised one, after checking the two fit: the same features, scaled
 * the same way, the same parameters and shapes. States go back into the components of the same name
 * (another optimizer starts afresh), the rate where the schedule left it, the figures of its epochs.
 */
final class Resumption {

    private static final Logger LOG = LoggerFactory.getLogger(Resumption.class);

    private Resumption() {
    }

    /**
     * Restores {@code saved} into {@code run}'s initialised components and {@code parameters}.
     *
     * @return the last epoch the saved run completed
     */
    static int restore(ResumeFrom saved, Run run, Dataset data, boolean tests, List<Parameter> parameters,
                       RateSchedule rate, RunHistory history) {
        if (!saved.featureNames().equals(data.featureNames())) {
            throw new TrainingException("cannot resume from " + saved.source() + ": it was trained on the features "
                    + saved.featureNames() + " but this data has " + data.featureNames());
        }
        checkScaling(saved, run, data);
        restoreParameters(saved, run, parameters);
        TrainingState state = saved.state();
        boolean sameOptimizer = sameComponent(saved, ComponentKind.OPTIMIZER, run.optimizer());
        boolean sameSchedule = sameComponent(saved, ComponentKind.SCHEDULE, run.schedule());
        if (sameOptimizer) {
            restoreState(saved, "optimizer", () -> run.optimizer().restoreState(state.optimizer()));
        }
        if (sameSchedule) {
            restoreState(saved, "schedule", () -> run.schedule().restoreState(state.schedule()));
        }
        for (Callback callback : run.callbacks()) {
            String name = ComponentInfo.of(callback).name();
            State callbackState = state.callbacks().get(name);
            if (callbackState != null) {
                restoreState(saved, "callback '" + name + "'", () -> callback.restoreState(callbackState));
            }
        }
        // The rate where the schedule left it, unless the schedule starts afresh: another optimizer or
        // schedule, or another configured lr (then the user's new lr is where it starts).
        String savedLr = saved.components().get(ComponentKind.OPTIMIZER.key() + ".lr");
        boolean sameLr = savedLr == null || Double.parseDouble(savedLr) == rate.base();
        if (!Double.isNaN(state.learningRate()) && sameOptimizer && sameSchedule && sameLr) {
            rate.resumeAt(state.learningRate());
        }
        history.continueFrom(saved.history(), data, tests, state.epoch());
        LOG.info("resuming from {}", saved.source());
        return state.epoch();
    }

    private static void restoreParameters(ResumeFrom saved, Run run, List<Parameter> parameters) {
        Set<String> names = new HashSet<>();
        parameters.forEach(p -> names.add(p.name()));
        for (String name : saved.parameters().keySet()) {
            if (!names.contains(name)) {
                throw new TrainingException("cannot resume from " + saved.source() + ": it has a parameter '" + name
                        + "' that model '" + ComponentInfo.of(run.model()).name() + "' does not have (it has "
                        + names.stream().sorted().toList() + "); remove it, or resume with the model that wrote it");
            }
        }
        for (Parameter p : parameters) {
            float[] values = saved.parameters().get(p.name());
            if (values == null) {
                throw new TrainingException("cannot resume from " + saved.source() + ": it has no parameter '" + p.name()
                        + "' (it has " + saved.parameters().keySet() + ")");
            }
            if (values.length != p.value().size()) {
                throw new TrainingException("cannot resume from " + saved.source() + ": parameter '" + p.name() + "' has "
                        + values.length + " values there but shape " + p.value().shape() + " here");
            }
            p.value().assign(values);
        }
    }

    /**
     * The saved parameters fit the features as they were scaled then: a resumed run on features
     * scaled otherwise would train silently on the wrong scale.
     */
    private static void checkScaling(ResumeFrom saved, Run run, Dataset data) {
        boolean wasScaled = saved.standardization() != null;
        boolean isScaled = data.standardization() != null;
        if (wasScaled != isScaled) {
            throw new TrainingException("cannot resume from " + saved.source() + ": it was trained on "
                    + (wasScaled ? "standardised" : "raw") + " features, but this run's data is "
                    + (isScaled ? "standardised" : "not standardised") + ", and its parameters only fit the scaling"
                    + " they were trained with; leave data.standardize as the saved run had it ("
                    + wasScaled + "), or train a new model");
        }
        if (!java.util.Objects.equals(saved.encoding(), data.encoding())) {
            throw new TrainingException("cannot resume from " + saved.source() + ": " + (saved.encoding() == null
                    ? "it was trained on the columns as read, but this run's data fills or one-hot encodes them"
                    : data.encoding() == null ? "it was trained on filled or one-hot encoded columns, but this run's"
                    + " data source '" + ComponentInfo.of(run.data()).name() + "' does not encode them"
                    : "the data source '" + ComponentInfo.of(run.data()).name() + "' fitted a new encoding instead of"
                    + " the saved one (DataContext.encoding()); it must reuse it when resuming"));
        }
        if (wasScaled && !saved.standardization().equals(data.standardization())) {
            throw new TrainingException("cannot resume from " + saved.source() + ": the data source '"
                    + ComponentInfo.of(run.data()).name() + "' standardised the features with new statistics instead"
                    + " of the saved ones (DataContext.standardization()); it must reuse them when resuming");
        }
    }

    /**
     * Whether {@code component} is what the saved run used for {@code kind}: its state applies only
     * then. Another one (adam after sgd) starts afresh, and the log says so.
     */
    private static boolean sameComponent(ResumeFrom saved, ComponentKind<?> kind, Object component) {
        String before = saved.components().get(kind.key());
        String now = ComponentInfo.of(component).name();
        if (before == null || before.equals(now)) {
            return true;
        }
        LOG.info("the {} is now '{}' (the saved run used '{}'): it starts with fresh state", kind.noun(), now, before);
        return false;
    }

    private static void restoreState(ResumeFrom saved, String what, Runnable restore) {
        try {
            restore.run();
        } catch (IllegalArgumentException e) {
            throw new TrainingException("cannot resume from " + saved.source() + ": the " + what
                    + "'s saved state does not fit this run: " + e.getMessage(), e);
        }
    }
}
