package dev.descent.cli;

import dev.descent.train.EpochEnd;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what the book prints: {@code epoch 1, loss 0.042790}, then the errors of the estimates.
 * Quiet, it prints only the last epoch's line and the errors.
 */
final class ConsoleReporter implements TrainingListener {

    private final PrintWriter out;
    private final boolean quiet;

    ConsoleReporter(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void epochEnded(EpochEnd epoch) {
        if (quiet && epoch.epoch() < epoch.epochs()) {
            return;
        }
        if (epoch.validationLoss().isPresent()) {
            out.printf(Locale.ROOT, "epoch %d, loss %f, validation loss %f%n", epoch.epoch(), epoch.loss(),
                    epoch.validationLoss().getAsDouble());
        } else {
            out.printf(Locale.ROOT, "epoch %d, loss %f%n", epoch.epoch(), epoch.loss());
        }
        out.flush();
    }

    @Override
    public void trainingEnded(TrainingResult result) {
        for (Map.Entry<String, float[]> error : result.estimationErrors().entrySet()) {
            out.println(error.getKey() + " error: " + format(error.getValue()));
        }
        out.flush();
    }

    /** Like the book's tensors: {@code [-1.3804e-04, 5.7936e-05]}. */
    static String format(float[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4e", values[i]));
        }
        return s.append(']').toString();
    }
}
