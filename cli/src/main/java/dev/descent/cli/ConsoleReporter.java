package dev.descent.cli;

import dev.descent.train.EpochEnd;
import dev.descent.train.TrainingJob;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Prints what the book prints: {@code epoch 1, loss 0.042790}, then the errors of the estimates.
 * Quiet, it prints only the last epoch's line and the errors. Lines are written through an
 * {@link Executor}: directly, or on the progress bar's terminal thread so that they never cut into
 * a bar that is still being drawn.
 */
final class ConsoleReporter implements TrainingListener {

    private final PrintWriter out;
    private final boolean quiet;
    private final Executor output;
    /** Quiet: the latest epoch's line, printed when training ends (early stopping may end it before train.epochs). */
    private String pending;

    ConsoleReporter(PrintWriter out, boolean quiet) {
        this(out, quiet, Runnable::run);
    }

    ConsoleReporter(PrintWriter out, boolean quiet, Executor output) {
        this.out = out;
        this.quiet = quiet;
        this.output = output;
    }

    @Override
    public void epochEnded(EpochEnd epoch) {
        String line = line(epoch);
        if (quiet) {
            pending = line;
            return;
        }
        output.execute(() -> {
            out.println(line);
            out.flush();
        });
    }

    /**
     * {@code epoch 3, loss 0.482113}, with {@code accuracy 0.8620} after the loss for classification,
     * and the same for the validation set and the test data when there are some.
     */
    static String line(EpochEnd epoch) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d, loss %f", epoch.epoch(),
                epoch.loss()));
        Double accuracy = epoch.metrics().get("accuracy");
        if (accuracy != null) {
            line.append(String.format(Locale.ROOT, ", accuracy %.4f", accuracy));
        }
        if (epoch.validationLoss().isPresent()) {
            line.append(String.format(Locale.ROOT, ", validation loss %f", epoch.validationLoss().getAsDouble()));
            Double validationAccuracy = epoch.metrics().get("validation-accuracy");
            if (validationAccuracy != null) {
                line.append(String.format(Locale.ROOT, ", validation accuracy %.4f", validationAccuracy));
            }
        }
        Double testLoss = epoch.metrics().get(TrainingJob.TEST_LOSS);
        if (testLoss != null) {
            line.append(String.format(Locale.ROOT, ", test loss %f", testLoss));
            Double testAccuracy = epoch.metrics().get(TrainingJob.TEST_ACCURACY);
            if (testAccuracy != null) {
                line.append(String.format(Locale.ROOT, ", test accuracy %.4f", testAccuracy));
            }
        }
        return line.toString();
    }

    @Override
    public void trainingEnded(TrainingResult result) {
        StringBuilder lines = new StringBuilder();
        if (pending != null) {
            lines.append(pending).append(System.lineSeparator());
            pending = null;
        }
        for (Map.Entry<String, float[]> error : result.estimationErrors().entrySet()) {
            lines.append(error.getKey()).append(" error: ").append(format(error.getValue())).append(System.lineSeparator());
        }
        output.execute(() -> {
            out.print(lines);
            out.flush();
        });
    }

    /** Beyond this many values, a vector is summarised, as PyTorch prints tensors (its threshold). */
    static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    /**
     * Like the book's tensors: {@code [-1.3804e-04, 5.7936e-05]}. Beyond {@value #SUMMARY_THRESHOLD}
     * values, as PyTorch does, the first and last three and how many there are, with the largest
     * error: {@code [1.0e-04, ..., 3.0e-05] (2000000 values, largest |error| 1.2e-03)}.
     */
    static String format(float[] values) {
        StringBuilder s = new StringBuilder("[");
        boolean summarise = values.length > SUMMARY_THRESHOLD;
        for (int i = 0; i < values.length; i++) {
            if (summarise && i == EDGE_ITEMS) {
                s.append(", ...");
                i = values.length - EDGE_ITEMS;
            }
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4e", values[i]));
        }
        s.append(']');
        if (summarise) {
            float largest = 0;
            for (float v : values) {
                largest = Math.max(largest, Math.abs(v));
            }
            s.append(String.format(Locale.ROOT, " (%d values, largest |error| %.4e)", values.length, largest));
        }
        return s.toString();
    }
}
