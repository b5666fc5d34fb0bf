package dev.descent.train;

import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.api.Pass;
import dev.descent.api.TrainingHooks;
import dev.descent.eval.ClassPredictions;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One minibatch step of the book's loop, cut at its seams so that an engine can run the parts it
 * needs where it needs them:
 *
 * <pre>
 * xb, yb = gather(x, y, indices)                 # the minibatch
 * l = forwardAndLoss(xb, yb, pass)               # loss(model(xb, pass), yb).sum(); the step's training pass
 * backward(l)                                    # gradients of every parameter
 * n = combine(examples)                          # identity here; a sum over workers when distributed
 * transform(n)                                   # clipping
 * update(n)                                      # optimizer.step, without gradient tracking
 * zero()                                         # gradients back to zero
 * </pre>
 *
 * {@link #run} does them all in that order inside one {@link TensorScope}, which releases the
 * step's temporaries. A step is used by one thread at a time.
 */
public final class TrainingStep {

    private final Model model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final GradientCombiner combiner;
    private final GradientTransform[] transforms;
    /** The listeners that override {@link TrainingListener#batchEnded}: the only ones called per batch. */
    private final TrainingListener[] batchListeners;
    /** The hooks that override a batch hook: the only ones called per batch. */
    private final TrainingHooks[] batchHooks;
    private final double l2;
    private final double l1;
    /** What each step's random stream (dropout's masks) is derived from, with the epoch and batch. */
    private final long passSeed;
    /** The epoch's figures so far, batch by batch ({@code train.epoch-figures = running}), or null. */
    private RunningFigures running;

    /** Sums of the batches' data losses and correct predictions over an epoch. */
    private static final class RunningFigures {
        final boolean classify;
        double lossSum;
        long correct;
        long examples;

        RunningFigures(boolean classify) {
            this.classify = classify;
        }
    }

    TrainingStep(Model model, Loss loss, Optimizer optimizer, List<Parameter> parameters, GradientCombiner combiner,
                 List<GradientTransform> transforms, TrainingListener[] batchListeners) {
        this(model, loss, optimizer, parameters, combiner, transforms, batchListeners, new TrainingHooks[0], 0, 0, 0);
    }

    TrainingStep(Model model, Loss loss, Optimizer optimizer, List<Parameter> parameters, GradientCombiner combiner,
                 List<GradientTransform> transforms, TrainingListener[] batchListeners, TrainingHooks[] batchHooks,
                 double l2, double l1, long passSeed) {
        this.passSeed = passSeed;
        this.batchHooks = batchHooks;
        this.l2 = l2;
        this.l1 = l1;
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.parameters = parameters;
        this.combiner = combiner;
        this.transforms = transforms.toArray(GradientTransform[]::new);
        this.batchListeners = batchListeners;
    }

    /**
     * A step for a worker of a distributed engine: {@code model}'s parameters, the run's penalties
     * and clipping from {@code settings}, gradients kept as they are (the engine combines them
     * itself), no listeners.
     */
    public static TrainingStep forWorker(Model model, Loss loss, Optimizer optimizer, TrainingSettings settings) {
        return forWorker(model, loss, optimizer, settings, 0);
    }

    /** {@link #forWorker(Model, Loss, Optimizer, TrainingSettings)} whose steps draw from streams of {@code passSeed}. */
    public static TrainingStep forWorker(Model model, Loss loss, Optimizer optimizer, TrainingSettings settings,
                                         long passSeed) {
        return new TrainingStep(model, loss, optimizer, model.parameters(), GradientCombiner.LOCAL,
                GradientClipping.of(settings), new TrainingListener[0], new TrainingHooks[0], settings.l2(), settings.l1(),
                passSeed);
    }

    /**
     * The training pass of step {@code (epoch, batch)}: its random stream depends on the seed and the
     * step's number alone, so a run draws the same masks every time and a resumed run draws what the
     * uninterrupted one drew.
     */
    public static Pass trainingPass(long seed, long epoch, long batch) {
        long z = seed ^ (epoch * 0x9E3779B97F4A7C15L + batch * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return Pass.training(new java.util.SplittableRandom(z ^ (z >>> 31)));
    }

    /**
     * Scores every batch as it trains ({@code train.epoch-figures = running}): {@link
     * #takeRunningFigures} then gives the epoch's mean data loss over its examples and, for a
     * classifier ({@code classify}), the share its batches predicted right.
     */
    public void keepRunningFigures(boolean classify) {
        running = new RunningFigures(classify);
    }

    /** The figures of the batches run since the last call (an epoch's), and starts afresh. */
    public EpochFigures takeRunningFigures() {
        if (running == null) {
            throw new IllegalStateException("this step keeps no running figures");
        }
        long n = Math.max(1, running.examples);
        EpochFigures figures = new EpochFigures(running.lossSum / n, running.classify
                ? OptionalDouble.of((double) running.correct / n) : OptionalDouble.empty());
        running = new RunningFigures(running.classify);
        return figures;
    }

    /** The parameters this step updates, in the model's order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The whole step on rows {@code order[from .. from + count)} of {@code x} and {@code y}.
     *
     * @param epoch   1 for the first epoch, for listeners
     * @param batch   1 for the first batch of the epoch, for listeners
     * @param batches batches per epoch, for listeners
     */
    public void run(Tensor x, Tensor y, int[] order, int from, int count, int epoch, int batch, int batches) {
        if (batchHooks.length > 0) {
            beforeBatch(epoch, batch);
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor xb = x.gatherRows(order, from, count);
            Tensor yb = y.gatherRows(order, from, count);
            Tensor total;
            if (running == null) {
                total = forwardAndLoss(xb, yb, trainingPass(passSeed, epoch, batch));
            } else {
                Tensor yHat = model.forward(xb, trainingPass(passSeed, epoch, batch));
                Tensor dataLoss = LossTerms.perExample(loss, yHat, yb, count).sum();
                running.lossSum += dataLoss.item();
                running.correct += running.classify ? ClassPredictions.correct(yHat, yb) : 0;
                running.examples += count;
                total = withPenalty(dataLoss, count);
            }
            backward(total);
            int examples = combine(count);
            transform(examples);
            update(examples);
            zero();
            if (batchListeners.length > 0) {
                notifyBatchEnded(new BatchEnd(epoch, batch, batches, count, total));
            }
        }
        if (batchHooks.length > 0) {
            afterBatch(epoch, batch);
        }
    }

    /** Kept out of {@link #run}, as the listeners are, and called only when a hook watches batches. */
    private void beforeBatch(int epoch, int batch) {
        try (GradMode off = GradMode.disable()) {
            for (TrainingHooks hook : batchHooks) {
                hook.beforeBatch(epoch, batch, parameters);
            }
        }
    }

    private void afterBatch(int epoch, int batch) {
        try (GradMode off = GradMode.disable()) {
            for (TrainingHooks hook : batchHooks) {
                hook.afterBatch(epoch, batch, parameters);
            }
        }
    }

    /**
     * The rest of a step whose gradients were computed elsewhere, by a distributed engine's workers
     * and summed over them: sets each parameter's gradient to {@code gradients} (in the model's
     * order), then transform, update, zero and the batch listeners, as {@link #run} does after its
     * {@code combine}.
     *
     * @param examples how many examples the gradients are summed over
     * @param lossSum  the batch's summed loss, for listeners
     */
    public void applyCombined(float[][] gradients, int examples, double lossSum, int epoch, int batch, int batches) {
        if (batchHooks.length > 0) {
            beforeBatch(epoch, batch);
        }
        try (TensorScope scope = TensorScope.open()) {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).value().grad().assign(gradients[i]);
            }
            transform(examples);
            update(examples);
            zero();
            if (batchListeners.length > 0) {
                Tensor total = Tensor.scalar(parameters.get(0).value().device(), (float) lossSum);
                notifyBatchEnded(new BatchEnd(epoch, batch, batches, examples, total));
            }
        }
        if (batchHooks.length > 0) {
            afterBatch(epoch, batch);
        }
    }

    /**
     * The batch's summed loss, {@code loss(model(xb), yb).sum()}, tracked for gradients; with
     * {@code train.l2}/{@code train.l1}, plus {@code examples ×} the penalty, so that the mean over the
     * batch, which the optimizer follows, is the mean loss plus the penalty.
     */
    public Tensor forwardAndLoss(Tensor xb, Tensor yb, Pass pass) {
        return totalLoss(model.forward(xb, pass), yb, xb.shape().dim(0));
    }

    private Tensor totalLoss(Tensor yHat, Tensor yb, int count) {
        return withPenalty(LossTerms.perExample(loss, yHat, yb, count).sum(), count);
    }

    /** The batch's summed data loss plus {@code count ×} the penalty, when there is one. */
    private Tensor withPenalty(Tensor total, int count) {
        if (l2 == 0 && l1 == 0) {
            return total;
        }
        Tensor penalty = LossTerms.penalty(parameters, l2, l1);
        return penalty == null ? total : total.add(penalty.mul(count));
    }

    /** The part of a step that first produced a value that is not finite. */
    enum Part {
        /** the model's predictions, from finite parameters and inputs */
        MODEL,
        /** the loss (with any penalty), from finite predictions */
        LOSS,
        /** a parameter's gradient, from a finite loss */
        GRADIENT,
        /** combining the workers' gradients */
        COMBINE,
        /** a gradient transform (clipping) */
        TRANSFORM,
        /** the optimizer's update, from finite gradients */
        UPDATE
    }

    /**
     * What {@link #runChecked} found.
     *
     * @param part      the part of the step
     * @param parameter the parameter whose gradient or value went non-finite, or null
     */
    record NonFinite(Part part, String parameter) {
    }

    /**
     * {@link #run} (without listeners), checking after each part whether it produced a value that
     * is not finite. Each check reads the tensors back, so this explains a divergence after the
     * fact ({@link TrainingJob#diverged}) and never runs in the loop.
     *
     * @return the first part that went non-finite, or null when the whole step stayed finite
     */
    NonFinite runChecked(Tensor x, Tensor y, int[] order, int from, int count) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor xb = x.gatherRows(order, from, count);
            Tensor yb = y.gatherRows(order, from, count);
            Tensor yHat = model.forward(xb);
            if (!isFinite(yHat)) {
                return new NonFinite(Part.MODEL, null);
            }
            Tensor total = totalLoss(yHat, yb, count);
            if (!isFinite(total)) {
                return new NonFinite(Part.LOSS, null);
            }
            backward(total);
            String badGradient = firstNonFinite(true);
            if (badGradient != null) {
                return new NonFinite(Part.GRADIENT, badGradient);
            }
            int examples = combine(count);
            if ((badGradient = firstNonFinite(true)) != null) {
                return new NonFinite(Part.COMBINE, badGradient);
            }
            transform(examples);
            if ((badGradient = firstNonFinite(true)) != null) {
                return new NonFinite(Part.TRANSFORM, badGradient);
            }
            update(examples);
            String badValue = firstNonFinite(false);
            zero();
            return badValue == null ? null : new NonFinite(Part.UPDATE, badValue);
        }
    }

    private String firstNonFinite(boolean gradients) {
        for (Parameter p : parameters) {
            if (!isFinite(gradients ? p.grad() : p.value())) {
                return p.name();
            }
        }
        return null;
    }

    private static boolean isFinite(Tensor t) {
        for (float v : t.toFloatArray()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Fills every parameter's gradient with that of {@code total}. */
    public void backward(Tensor total) {
        total.backward();
    }

    /** Combines the gradients over workers; returns the examples they cover. */
    public int combine(int examples) {
        return combiner.combine(parameters, examples);
    }

    /** Applies the gradient transforms (clipping), in order. */
    public void transform(int examples) {
        for (GradientTransform t : transforms) {
            try (GradMode off = GradMode.disable()) {
                t.apply(parameters, examples);
            }
        }
    }

    /** The optimizer's update, outside gradient tracking. */
    public void update(int examples) {
        try (GradMode off = GradMode.disable()) {
            optimizer.step(parameters, examples);
        }
    }

    /** Sets every parameter's gradient to zero. */
    public void zero() {
        for (Parameter p : parameters) {
            p.value().zeroGrad();
        }
    }

    /** Kept out of {@link #run} so that the hot method stays small enough for the JIT to inline into. */
    private void notifyBatchEnded(BatchEnd end) {
        for (TrainingListener listener : batchListeners) {
            listener.batchEnded(end);
        }
    }
}
