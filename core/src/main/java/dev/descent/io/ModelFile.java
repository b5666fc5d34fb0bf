package dev.descent.io;

import java.util.List;
import java.util.Map;

/**
 * A trained model as stored on disk (format version 1, described in {@code docs/model-format.md}).
 * Plain data: {@link ModelFiles} writes and reads it.
 *
 * @param format          always {@code descent-model}
 * @param formatVersion   {@link ModelFiles#FORMAT_VERSION}
 * @param model           the model plugin and its options
 * @param features        the feature columns, in the order the model reads them
 * @param target          the label column
 * @param standardization the feature scaling applied before the model, or {@code null}
 * @param parameters      the trained parameters, in the model's order
 * @param config          the full resolved config of the run (every key, defaults included)
 * @param provenance      how the model was made
 */
public record ModelFile(String format, int formatVersion, Component model, List<String> features, String target,
                        Scaling standardization, List<ParameterValues> parameters, Map<String, String> config,
                        Provenance provenance) {

    /** A plugin: its name, version and jar, and (for the model) its option values. */
    public record Component(String name, String version, String jar, Map<String, String> options) {
    }

    /** Per-feature mean and standard deviation. */
    public record Scaling(double[] mean, double[] std) {
    }

    /** One parameter: name, shape and row-major values. */
    public record ParameterValues(String name, int[] shape, float[] values) {
    }

    /**
     * @param descentVersion      the Descent that trained the model
     * @param seed                the run seed
     * @param created             when the file was written, ISO-8601 UTC
     * @param epochs              epochs trained
     * @param finalLoss           the training loss after the last epoch
     * @param finalValidationLoss the validation loss after the last epoch, or {@code null}
     * @param epochLosses         the training loss after each epoch
     * @param validationLosses    the validation loss after each epoch (empty without validation data)
     * @param components          every component of the run by kind ({@code data}, {@code model}, …)
     */
    public record Provenance(String descentVersion, long seed, String created, int epochs, double finalLoss,
                             Double finalValidationLoss, List<Double> epochLosses, List<Double> validationLosses,
                             Map<String, Component> components) {
    }
}
