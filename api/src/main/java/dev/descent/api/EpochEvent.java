package dev.descent.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One finished epoch, as {@link Callback}s and {@link Schedule}s see it: the losses, the learning
 * rate it ran at, and the parameters after it. A callback ends the run after this epoch with
 * {@link #requestStop}.
 */
public final class EpochEvent {

    private final int epoch;
    private final int epochs;
    private final double loss;
    private final OptionalDouble validationLoss;
    private final OptionalDouble learningRate;
    private Map<String, Double> metrics = Map.of();
    private final List<Parameter> parameters;
    private final ModelWriter writer;
    private final Outputs outputs;
    private String stopReason;

    /** Writes the run as it stands after an epoch as a model file: what {@link #saveModel} does. */
    @FunctionalInterface
    public interface ModelWriter {
        void write(java.nio.file.Path file);
    }

    /**
     * @param epoch          1 for the first epoch
     * @param epochs         how many epochs the run has in total
     * @param loss           the mean loss over the whole training set after this epoch
     * @param validationLoss the mean loss over the validation set, when the data has one
     * @param learningRate   the rate this epoch ran at, when the optimizer has an {@code lr}
     * @param parameters     the model's parameters after this epoch (read them; do not keep the list)
     */
    public EpochEvent(int epoch, int epochs, double loss, OptionalDouble validationLoss, OptionalDouble learningRate,
                      List<Parameter> parameters) {
        this(epoch, epochs, loss, validationLoss, learningRate, parameters, null);
    }

    /** @param writer writes the run after this epoch as a model file, or null where there is none */
    public EpochEvent(int epoch, int epochs, double loss, OptionalDouble validationLoss, OptionalDouble learningRate,
                      List<Parameter> parameters, ModelWriter writer) {
        this(epoch, epochs, loss, validationLoss, learningRate, parameters, writer, null);
    }

    /**
     * @param writer  writes the run after this epoch as a model file, or null where there is none
     * @param outputs the run's output policy, or null where the run has none (files cannot be written)
     */
    public EpochEvent(int epoch, int epochs, double loss, OptionalDouble validationLoss, OptionalDouble learningRate,
                      List<Parameter> parameters, ModelWriter writer, Outputs outputs) {
        this.writer = writer;
        this.outputs = outputs;
        this.epoch = epoch;
        this.epochs = epochs;
        this.loss = loss;
        this.validationLoss = Objects.requireNonNull(validationLoss, "validationLoss");
        this.learningRate = Objects.requireNonNull(learningRate, "learningRate");
        this.parameters = List.copyOf(parameters);
    }

    public int epoch() {
        return epoch;
    }

    public int epochs() {
        return epochs;
    }

    public double loss() {
        return loss;
    }

    public OptionalDouble validationLoss() {
        return validationLoss;
    }

    public OptionalDouble learningRate() {
        return learningRate;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Writes the run as it stands after this epoch to {@code file}, atomically: a model file with the
     * parameters and everything {@code --resume} needs (a checkpoint).
     *
     * @throws UnsupportedOperationException where the trainer has no way to write model files
     */
    public void saveModel(java.nio.file.Path file) {
        if (writer == null) {
            throw new UnsupportedOperationException("this run cannot write model files");
        }
        writer.write(file);
    }

    /**
     * The run's output policy: how a callback writes any other file (a log, a figure), checked against
     * the run's inputs and atomic.
     *
     * @throws UnsupportedOperationException where the trainer gives none
     */
    public Outputs outputs() {
        if (outputs == null) {
            throw new UnsupportedOperationException("this run cannot write files");
        }
        return outputs;
    }

    /**
     * Ends training after this epoch. The reason is shown to the user, e.g. {@code "the validation
     * loss has not improved for 5 epochs"}; the first request of an epoch is the one reported.
     */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * This event with the epoch's metrics besides the loss, by name: {@code accuracy} (training set)
     * and {@code validation-accuracy} for classification; none for regression.
     */
    public EpochEvent withMetrics(Map<String, Double> values) {
        this.metrics = Map.copyOf(values);
        return this;
    }

    /** The epoch's metrics besides the loss, by name ({@code accuracy}, {@code validation-accuracy}). */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /**
     * A figure of this epoch by name: {@code loss}, {@code validation-loss}, or one of
     * {@link #metrics()}; empty when the run does not have it.
     */
    public OptionalDouble figure(String name) {
        return switch (name) {
            case "loss" -> OptionalDouble.of(loss);
            case "validation-loss" -> validationLoss;
            default -> metrics.containsKey(name) ? OptionalDouble.of(metrics.get(name)) : OptionalDouble.empty();
        };
    }

    /** Why a callback asked to stop after this epoch, if one did. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }
}
