package dev.descent.cli;

import dev.descent.api.Outputs;
import dev.descent.train.EpochEnd;
import dev.descent.train.TrainingJob;
import dev.descent.train.TrainingListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code descent train --metrics FILE}: the figures of every epoch as CSV, for pandas, R or a
 * spreadsheet — one row per epoch with the epoch's number, the training loss and accuracy, the
 * validation and test figures when the run has them, the learning rate it ran at and the seconds
 * since training began. The numbers are the epoch line's at full precision (the line rounds them).
 * The file is written again, atomically, after every epoch, so a run that stops (a kill, a full
 * disk) leaves the epochs it finished.
 */
final class MetricsCsv implements TrainingListener {

    /** The columns a run can have, in the order they appear; only those the run has are written. */
    private static final List<String> COLUMNS = List.of("loss", "accuracy", "validation-loss",
            "validation-accuracy", TrainingJob.TEST_LOSS, TrainingJob.TEST_ACCURACY, "lr", "seconds");

    private final Path file;
    private final Outputs outputs;
    private final List<Map<String, Double>> rows = new ArrayList<>();
    private final List<Integer> epochs = new ArrayList<>();
    private OptionalDouble rate = OptionalDouble.empty();

    MetricsCsv(Path file, Outputs outputs) {
        this.file = file;
        this.outputs = outputs;
    }

    @Override
    public void epochStarted(int epoch, OptionalDouble learningRate) {
        rate = learningRate;
    }

    @Override
    public void epochEnded(EpochEnd epoch) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("loss", epoch.loss());
        epoch.validationLoss().ifPresent(v -> row.put("validation-loss", v));
        row.putAll(epoch.metrics());
        rate.ifPresent(r -> row.put("lr", r));
        row.put("seconds", epoch.elapsed().toNanos() / 1e9);
        rows.add(row);
        epochs.add(epoch.epoch());
        outputs.write(file, "--metrics", this::writeTo);
    }

    private void writeTo(OutputStream out) throws IOException {
        List<String> columns = new ArrayList<>();
        for (String column : COLUMNS) {
            if (rows.stream().anyMatch(r -> r.containsKey(column))) {
                columns.add(column);
            }
        }
        rows.stream().flatMap(r -> r.keySet().stream()).distinct().filter(c -> !columns.contains(c))
                .forEach(columns::add);   // figures a later version adds: after the known ones
        StringBuilder csv = new StringBuilder("epoch");
        columns.forEach(c -> csv.append(',').append(c));
        csv.append('\n');
        for (int i = 0; i < rows.size(); i++) {
            csv.append(epochs.get(i));
            for (String column : columns) {
                Double value = rows.get(i).get(column);
                csv.append(',').append(value == null ? "" : number(value));
            }
            csv.append('\n');
        }
        out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The shortest decimal that reads back as the same double, without an exponent where it is short. */
    static String number(double value) {
        String shortest = Double.toString(value);
        if (!shortest.contains("E")) {
            return shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest;
        }
        return shortest.toLowerCase(Locale.ROOT);   // 1.62e-4: pandas, R and spreadsheets read it
    }
}
