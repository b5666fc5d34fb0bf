package dev.descent.train;

import com.google.auto.service.AutoService;
import dev.descent.api.Dataset;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.data.Minibatches;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book's loop on this machine:
 *
 * <pre>
 * for epoch in 1..epochs (or, resuming, from the epoch after the saved one, its shuffles replayed):
 *     shuffle the example indices
 *     for each minibatch (X, y):
 *         l = loss(model(X), y)          # one loss per example
 *         l.sum().backward()
 *         optimizer.step(parameters, batch_size)
 *         zero the gradients
 *     report the mean loss over the whole data set (and the validation set)
 *     stop early if a callback asks to
 * </pre>
 */
@AutoService(Engine.class)
@Plugin(name = LocalEngine.NAME, description = "The book's loop on this machine: shuffled minibatch steps, then"
        + " the epoch's loss")
public final class LocalEngine implements Engine {

    /** The engine's name, the default of {@code engine}. */
    public static final String NAME = "local";

    private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);

    @Override
    public TrainingResult train(TrainingJob job) {
        Dataset data = job.loadData();
        int n = data.examples();
        int batchSize = job.run().settings().batchSize();
        Minibatches minibatches = new Minibatches(n, batchSize, job.random().shuffling());
        int batches = minibatches.count();
        if (LOG.isDebugEnabled()) {
            LOG.debug("training on {} examples × {} features, {} batches of up to {}, device {}", n, data.features(),
                    batches, batchSize, job.run().device().description());
        }

        // The data set's arrays are never modified, so the device may use them without a copy.
        Tensor x = Tensor.adopt(job.run().device(), data.featureMatrix(), Shape.of(n, data.features()));
        Tensor y = Tensor.adopt(job.run().device(), data.labelVector(), Shape.of(n, data.outputs()));
        Dataset heldOut = data.validation();
        Tensor xValidation = heldOut == null ? null : Tensor.adopt(job.run().device(), heldOut.featureMatrix(),
                Shape.of(heldOut.examples(), heldOut.features()));
        Tensor yValidation = heldOut == null ? null : Tensor.adopt(job.run().device(), heldOut.labelVector(),
                Shape.of(heldOut.examples(), heldOut.outputs()));
        try {
            List<Parameter> parameters = job.initialize(data, batches);
            // A resumed run replays the shuffles its epochs drew: the shuffling stream and the order of the
            // indices (each shuffle permutes the previous order) are then exactly where they were.
            for (int epoch = 1; epoch < job.firstEpoch(); epoch++) {
                minibatches.shuffle();
            }
            TrainingStep step = job.step(GradientCombiner.LOCAL);
            boolean running = job.run().settings().epochFigures() == TrainingSettings.EpochFigureSource.RUNNING;
            long started = System.nanoTime();   // the clock of "training seconds": after loading and set-up
            for (int epoch = job.firstEpoch(); epoch <= job.run().settings().epochs(); epoch++) {
                job.startEpoch(epoch);
                minibatches.shuffle();
                int[] order = minibatches.order();
                for (int b = 0; b < batches; b++) {
                    step.run(x, y, order, minibatches.from(b), minibatches.size(b), epoch, b + 1, batches);
                }
                // The book's chapter 3.2 scores the whole training set after the epoch; its train_ch3 (and
                // train.epoch-figures = running) keeps the batches' own figures instead, with no extra pass.
                EpochFigures figures = running ? step.takeRunningFigures() : job.figures(x, y);
                if (!Double.isFinite(figures.loss())) {
                    throw job.diverged(epoch, figures.loss(), step, x, y, order, minibatches);
                }
                Optional<EpochFigures> validation = Optional.empty();
                if (xValidation != null) {
                    validation = Optional.of(job.figures(xValidation, yValidation));
                }
                if (!job.endEpoch(epoch, figures, validation, Duration.ofNanos(System.nanoTime() - started))) {
                    break;
                }
            }
            LOG.debug("trained {} parameters", parameters.size());
            return job.finish(Duration.ofNanos(System.nanoTime() - started));
        } finally {
            x.close();
            y.close();
            if (xValidation != null) {
                xValidation.close();
                yValidation.close();
            }
        }
    }
}
