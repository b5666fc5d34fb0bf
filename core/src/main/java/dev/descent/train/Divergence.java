package dev.descent.train;

import dev.descent.api.Dataset;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.api.State;
import dev.descent.data.Minibatches;
import dev.descent.plugin.ComponentInfo;
import dev.descent.tensor.Tensor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains a run whose loss stopped being finite: which step of the epoch, and which part of it (the
 * model, the loss, a gradient, clipping, the update), first gave a value that was not finite, and
 * what to do. To replay the epoch it keeps a copy of the parameters and the optimizer's state as each
 * epoch starts — when that is cheap (at most {@link #CHEAP_VALUES} parameter values) or the run asks
 * for it ({@code train.explain-divergence = always}).
 */
final class Divergence {

    private static final Logger LOG = LoggerFactory.getLogger(Divergence.class);

    /** Up to this many parameter values (4 MiB) a copy per epoch costs next to nothing. */
    static final long CHEAP_VALUES = 1 << 20;

    private static final String NO_COPY = " (to find the step and the part that first gave a value that was not"
            + " finite, run again with train.explain-divergence = always)";

    private final Model model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final Dataset data;
    private final int firstEpoch;
    private final boolean keepCopies;
    /** The parameters and optimizer state as the current epoch started; null when not kept. */
    private EpochStart epochStart;

    /** A copy of what an epoch starts from: enough to replay it step by step. */
    private record EpochStart(int epoch, float[][] values, State optimizerState) {
    }

    Divergence(Model model, Loss loss, Optimizer optimizer, List<Parameter> parameters, Dataset data, int firstEpoch,
               TrainingSettings.ExplainDivergence explain) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.parameters = parameters;
        this.data = data;
        this.firstEpoch = firstEpoch;
        long values = parameters.stream().mapToLong(p -> p.value().size()).sum();
        this.keepCopies = switch (explain) {
            case AUTO -> values <= CHEAP_VALUES;
            case ALWAYS -> true;
            case NEVER -> false;
        };
        LOG.debug("a diverged epoch is {}explained ({} parameter values, train.explain-divergence = {})",
                keepCopies ? "" : "not ", values, explain);
    }

    /** Keeps what {@code epoch} starts from, when copies are kept. */
    void epochStarted(int epoch) {
        if (!keepCopies) {
            return;
        }
        float[][] values = new float[parameters.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = parameters.get(i).value().toFloatArray();
        }
        epochStart = new EpochStart(epoch, values, optimizer.saveState());
    }

    static final String SMALLER_RATE = "the learning rate is probably too large, try a smaller optimizer.lr"
            + " (e.g. a tenth of the current one)";

    /**
     * The error for an epoch whose loss is not finite, saying which part of which step first produced
     * a non-finite value: the epoch is replayed from its start ({@link #epochStarted} kept a copy of
     * the parameters and the optimizer's state) over the same minibatches, checking after the model,
     * the loss, the gradients, the transforms and the update. Without a copy, the message says how to
     * get one.
     *
     * @param order   the epoch's example order
     * @param batches the epoch's minibatches over {@code order}
     */
    TrainingException explain(int epoch, double epochLoss, TrainingStep step, Tensor x, Tensor y, int[] order,
                                      Minibatches batches) {
        String generic = "training diverged in epoch " + epoch + ": the mean loss became " + epochLoss + "; ";
        if (epochStart == null || epochStart.epoch() != epoch) {
            return new TrainingException(generic + SMALLER_RATE + (epochStart == null ? NO_COPY : ""));
        }
        try {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).value().assign(epochStart.values()[i]);
            }
            optimizer.restoreState(epochStart.optimizerState());
            double startMagnitude = largestMagnitude();
            for (int b = 0; b < batches.count(); b++) {
                double magnitude = largestMagnitude();
                TrainingStep.NonFinite found = step.runChecked(x, y, order, batches.from(b), batches.size(b));
                if (found != null) {
                    return new TrainingException(nonFinite(found, epoch, b + 1, startMagnitude, magnitude));
                }
            }
            return new TrainingException(generic + "every step of the epoch stayed finite, but the loss over the"
                    + " whole data set did not (the parameters reached |p| ≤ " + String.format("%.3g", largestMagnitude())
                    + "); " + SMALLER_RATE);
        } catch (RuntimeException e) {
            LOG.debug("could not replay epoch {} to explain the divergence", epoch, e);
            return new TrainingException(generic + SMALLER_RATE);
        }
    }

    /**
     * Which of the data's values are too large, in words: the labels (a target of 3e38, whose squares
     * overflow), the features, or both, with the largest of each and what to do.
     */
    private String largestData() {
        double label = 0;
        double feature = 0;
        try {
            for (float v : data.labelVector()) {
                label = Math.max(label, Math.abs(v));
            }
            for (float v : data.featureMatrix()) {
                feature = Math.max(feature, Math.abs(v));
            }
        } catch (RuntimeException e) {
            return "the data's values are";   // a dataset without host arrays (on Spark's executors)
        }
        String labels = String.format(java.util.Locale.ROOT, "the labels (target '%s', up to |y| = %.3g)",
                data.labelName(), label);
        String features = String.format(java.util.Locale.ROOT, "the features (up to |x| = %.3g)", feature);
        // A squared error overflows past about 1.8e19; products of features and weights much later.
        String tooLarge = " too large for float arithmetic";
        String synthetic = data.trueParameters().isEmpty() ? ""
                : " (generated data: data.weights, data.bias and data.noise set their size)";
        if (label >= 1e18 && feature < 1e18) {
            return labels + " are" + tooLarge + ": scale the target down (divide it by a power of ten, and multiply the"
                    + " predictions back)" + synthetic;
        }
        if (feature >= 1e18 && label < 1e18) {
            return features + " are" + tooLarge + ": scale them down (a CSV's data.standardize = true standardises"
                    + " them)" + synthetic;
        }
        return labels + " and " + features + " are" + tooLarge + ": scale them down (a CSV's data.standardize = true"
                + " standardises the features)" + synthetic;
    }

    private String nonFinite(TrainingStep.NonFinite found, int epoch, int batch, double startMagnitude,
                             double magnitude) {
        boolean firstStep = epoch == firstEpoch && batch == 1;
        String what = switch (found.part()) {
            case MODEL -> "the model '" + ComponentInfo.of(model).name() + "' gave the first value that was not finite"
                    + " (from finite parameters)";
            case LOSS -> "the loss '" + ComponentInfo.of(loss).name() + "' gave the first value that was not finite"
                    + " (from finite predictions)";
            case GRADIENT -> "the gradient of parameter '" + found.parameter() + "' was the first value that was not"
                    + " finite (from a finite loss '" + ComponentInfo.of(loss).name() + "')";
            case COMBINE -> "combining the workers' gradients gave the first value that was not finite (in the"
                    + " gradient of '" + found.parameter() + "')";
            case TRANSFORM -> "gradient clipping (train.clip-norm, train.clip-value) gave the first value that was not"
                    + " finite (in the gradient of '" + found.parameter() + "')";
            case UPDATE -> "the optimizer '" + ComponentInfo.of(optimizer).name() + "' gave the first value that was"
                    + " not finite (parameter '" + found.parameter() + "', from finite gradients)";
        };
        String sizes = String.format("%.3g", magnitude);
        String why;
        if (firstStep && found.part() != TrainingStep.Part.UPDATE) {
            why = "this was the run's first step, from the initial parameters (|p| ≤ " + sizes + "), so "
                    + largestData();
        } else if (found.part() == TrainingStep.Part.UPDATE) {
            why = SMALLER_RATE;
        } else {
            why = "the parameters had grown to |p| ≤ " + sizes + " (from ≤ " + String.format("%.3g", startMagnitude)
                    + " as the epoch began): " + SMALLER_RATE;
        }
        return "training diverged in epoch " + epoch + ", batch " + batch + ": " + what + "; " + why;
    }

    private double largestMagnitude() {
        double largest = 0;
        for (Parameter p : parameters) {
            for (float v : p.value().toFloatArray()) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return largest;
    }

}
