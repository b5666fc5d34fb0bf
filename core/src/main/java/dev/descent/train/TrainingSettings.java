package dev.descent.train;

import dev.descent.api.Option;

/** The trainer's own settings, the {@code train.*} keys. Defaults are the book's. */
public final class TrainingSettings {

    /** The config prefix of these settings: {@code train.epochs}. */
    public static final String PREFIX = "train";

    @Option(name = "epochs", description = "Passes over the whole data set", min = 1)
    private int epochs = 3;

    @Option(name = "batch-size", description = "Examples per minibatch; the last batch of an epoch may be smaller", min = 1)
    private int batchSize = 10;

    @Option(name = "l2", description = "L2 penalty added to the loss: l2 / 2 * sum of w^2 over regularised"
            + " parameters (weight decay)", min = 0)
    private double l2 = 0;

    @Option(name = "l1", description = "L1 penalty added to the loss: l1 * sum of |w| over regularised parameters",
            min = 0)
    private double l1 = 0;

    @Option(name = "clip-norm", description = "Scale the mean gradient down to this global L2 norm when it is"
            + " larger (clip_grad_norm_); 0 for none", min = 0)
    private double clipNorm = 0;

    @Option(name = "clip-value", description = "Clamp every element of the mean gradient to [-v, v]"
            + " (clip_grad_value_); 0 for none", min = 0)
    private double clipValue = 0;

    @Option(name = "explain-divergence", description = "Keep a copy of the parameters and the optimizer's state as"
            + " each epoch starts, so that a diverged epoch is replayed to find the step and the part that first gave a"
            + " value that was not finite: auto (when the parameters hold at most 1,048,576 values), always or never")
    private ExplainDivergence explainDivergence = ExplainDivergence.AUTO;

    @Option(name = "epoch-figures", description = "The training loss and accuracy each epoch reports: full (a pass"
            + " over the whole training set after the epoch, as the book's chapter 3.2 prints it) or running (the mean"
            + " over the epoch's batches as they trained, as the book's train_ch3 and Keras report it: no extra pass)")
    private EpochFigureSource epochFigures = EpochFigureSource.FULL;

    /** Where an epoch's training figures come from ({@code train.epoch-figures}). */
    public enum EpochFigureSource {
        /** A pass over the whole training set with the epoch's final parameters. */
        FULL,
        /** The mean over the epoch's batches, each scored as it trained (its training pass: dropout on). */
        RUNNING
    }

    /** When a run keeps what each epoch starts from, to explain a divergence. */
    public enum ExplainDivergence {
        /** When the copy is cheap: at most 2^20 parameter values. */
        AUTO,
        ALWAYS,
        NEVER
    }

    public TrainingSettings() {
    }

    public TrainingSettings(int epochs, int batchSize) {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1");
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
    }

    public int epochs() {
        return epochs;
    }

    /** The L2 penalty's λ: the loss gains λ/2 · Σ w². */
    public double l2() {
        return l2;
    }

    /** The L1 penalty's λ: the loss gains λ · Σ |w|. */
    public double l1() {
        return l1;
    }

    /** The largest global L2 norm of the mean gradient; 0 for no clipping. */
    public double clipNorm() {
        return clipNorm;
    }

    /** The largest magnitude of an element of the mean gradient; 0 for no clipping. */
    public double clipValue() {
        return clipValue;
    }

    /** Whether a diverged epoch is replayed to explain it ({@code train.explain-divergence}). */
    public ExplainDivergence explainDivergence() {
        return explainDivergence;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Where an epoch's training figures come from ({@code train.epoch-figures}). */
    public EpochFigureSource epochFigures() {
        return epochFigures;
    }
}
