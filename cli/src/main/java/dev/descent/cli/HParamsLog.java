package dev.descent.cli;

import dev.descent.data.TensorBoardEvents;
import dev.descent.io.OutputPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runs of a sweep or a cross-validation for TensorBoard's HParams tab ({@code --tensorboard DIR}):
 * the experiment (which settings differ, which figures compare them) in {@code DIR}, and each trial
 * or fold in a folder of its own ({@code trial-3}, {@code fold-2}) with its settings, its figures as
 * scalars ({@code validation/loss}, {@code train/loss}, …) and whether it succeeded. Every file is
 * written whole, atomically; {@code tensorboard --logdir DIR} shows them.
 */
final class HParamsLog {

    private final Path dir;
    private final OutputPolicy outputs;
    private final long started = System.currentTimeMillis() / 1000;
    private final String host = host();

    HParamsLog(Path dir, OutputPolicy outputs) {
        this.dir = dir;
        this.outputs = outputs;
    }

    /** The folder, checked before anything trains. */
    static HParamsLog checked(Path dir, OutputPolicy outputs) {
        outputs.checkFolder(dir, "--tensorboard");
        return new HParamsLog(dir, outputs);
    }

    /** The scalar tags of {@code figures} on the validation rows and of the training loss. */
    static List<String> metricTags(List<String> figures) {
        List<String> tags = new ArrayList<>();
        for (String figure : figures) {
            tags.add("validation/" + figure);
        }
        tags.add("train/loss");
        return tags;
    }

    /** The experiment: the settings ({@code name} to every run's value, to tell numbers from text) and the metrics. */
    void experiment(String description, Map<String, List<String>> settings, List<String> metrics) {
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        settings.forEach((name, values) -> numeric.put(name, values.stream().allMatch(HParamsLog::isNumber)));
        double now = System.currentTimeMillis() / 1000.0;
        write(dir, "experiment", new TensorBoardEvents().fileVersion(now).experiment(now, description, numeric,
                metrics));
    }

    /**
     * One trial or fold in {@code dir/name}: its settings, its figures ({@code validation} and the
     * training loss; none when it failed) and its end.
     */
    void run(String name, Map<String, String> settings, Map<String, Double> validation, Double trainingLoss,
             boolean succeeded) {
        double now = System.currentTimeMillis() / 1000.0;
        TensorBoardEvents events = new TensorBoardEvents().fileVersion(now).sessionStart(now, settings, "");
        if (succeeded) {
            Map<String, Double> scalars = new LinkedHashMap<>();
            validation.forEach((figure, value) -> scalars.put("validation/" + figure, value));
            if (trainingLoss != null) {
                scalars.put("train/loss", trainingLoss);
            }
            events.scalars(now, 0, scalars);
        }
        events.sessionEnd(now, succeeded);
        write(dir.resolve(name), "0", events);
    }

    private void write(Path folder, String part, TensorBoardEvents events) {
        outputs.checkFolder(folder, "--tensorboard");
        Path file = folder.resolve("events.out.tfevents." + started + "." + host + "." + part);
        outputs.write(file, "--tensorboard", out -> out.write(events.toByteArray()));
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
