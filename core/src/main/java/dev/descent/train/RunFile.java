package dev.descent.train;

import dev.descent.api.ComponentKind;
import dev.descent.io.ModelFile;
import dev.descent.io.ModelFiles;
import dev.descent.plugin.ComponentInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A run as a model file: what {@code --save} and a checkpoint write, and what {@code ResumePlan} reads back. */
final class RunFile {

    private RunFile() {
    }

    /**
     * The model file of {@code result}'s run: parameters, scaling, the state to resume from, config and
     * provenance, all describing the components the run actually used (an instance bound in code
     * included).
     */
    static ModelFile of(TrainingResult result, Instant created) {
        Run run = result.run();
        Map<String, ModelFile.Component> components = new LinkedHashMap<>();
        run.components().forEach((kind, instances) -> {
            for (Object instance : instances) {
                ComponentInfo info = ComponentInfo.of(instance);
                String key = kind.list() ? kind.key() + "." + info.name() : kind.key();
                components.put(key, new ModelFile.Component(info.name(), info.version(), info.source(), info.options()));
            }
        });
        run.test().map(ComponentInfo::of).ifPresent(info -> components.put(Run.TEST_KEY,
                new ModelFile.Component(info.name(), info.version(), info.source(), info.options())));
        List<ModelFile.ParameterValues> parameters = new ArrayList<>();
        result.parameters().forEach((name, values) ->
                parameters.add(new ModelFile.ParameterValues(name, result.shapes().get(name).dims(), values)));
        ModelFile.Scaling scaling = result.standardization() == null ? null
                : new ModelFile.Scaling(result.standardization().mean(), result.standardization().std());
        String version = Optional.ofNullable(RunFile.class.getPackage().getImplementationVersion())
                .orElse("development build");
        ModelFile.Provenance provenance = new ModelFile.Provenance(version, run.seed(), created.toString(),
                result.state().epoch(), result.finalLoss(),
                result.finalValidationLoss().isPresent() ? result.finalValidationLoss().getAsDouble() : null,
                result.epochLosses(), result.validationLosses(), components, result.epochMetrics());
        TrainingState state = result.state();
        ModelFile.SavedState saved = new ModelFile.SavedState(state.epoch(),
                Double.isNaN(state.learningRate()) ? null : state.learningRate(), state.optimizer(), state.schedule(),
                state.callbacks());
        return new ModelFile(ModelFiles.FORMAT, result.encoding() == null ? ModelFiles.PLAIN_FORMAT_VERSION
                : ModelFiles.FORMAT_VERSION, components.get(ComponentKind.MODEL.key()),
                result.featureNames(), result.labelName(), result.outputs(), result.task().label(), result.classes(),
                scaling, result.encoding(), parameters, saved, run.resolvedConfig(), provenance);
    }
}
