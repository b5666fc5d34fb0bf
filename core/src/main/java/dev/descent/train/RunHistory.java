package dev.descent.train;

import dev.descent.api.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The figures of a run's epochs so far: the training loss, the validation loss and the other figures
 * ({@code accuracy}) after each, continuing a resumed run's saved ones.
 */
final class RunHistory {

    final List<Double> losses = new ArrayList<>();
    final List<Double> validationLosses = new ArrayList<>();
    final Map<String, List<Double>> metrics = new LinkedHashMap<>();
    /** The last epoch done, counted across resumes. */
    int lastEpoch;

    void add(int epoch, double loss, java.util.OptionalDouble validationLoss, Map<String, Double> figures) {
        lastEpoch = epoch;
        losses.add(loss);
        validationLoss.ifPresent(validationLosses::add);
        figures.forEach((name, value) -> metrics.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
    }

    /**
     * Starts with the saved run's figures, so that they cover the whole run across resumes (its loss
     * curve, and the losses of an epoch early stopping keeps from before the resume). Only a history
     * that lines up with this run is taken: as many validation losses as losses when this run
     * validates too, none when it does not; test figures when this run has test data, none when not.
     */
    void continueFrom(ResumeFrom.History history, Dataset data, boolean tests, int savedEpochs) {
        lastEpoch = savedEpochs;
        int epochs = history.losses().size();
        boolean validates = data.validation() != null;
        boolean lined = epochs > 0 && epochs <= savedEpochs
                && history.validationLosses().size() == (validates ? epochs : 0)
                && history.metrics().values().stream().allMatch(values -> values.size() == epochs)
                && history.metrics().containsKey(TrainingJob.TEST_LOSS) == tests;
        if (!lined) {
            return;
        }
        losses.addAll(history.losses());
        validationLosses.addAll(history.validationLosses());
        history.metrics().forEach((name, values) -> metrics.put(name, new ArrayList<>(values)));
    }

    /**
     * Where in the losses the epoch a callback kept lies; refuses an epoch whose losses this run does
     * not know (a resumed file without history).
     */
    OptionalInt indexOf(OptionalInt kept) {
        int historyStart = lastEpoch - losses.size() + 1;   // the epoch of losses.get(0): 1 unless history is missing
        if (kept.isEmpty()) {
            return OptionalInt.empty();
        }
        if (kept.getAsInt() < historyStart) {
            throw new TrainingException("a callback kept the parameters of epoch " + kept.getAsInt()
                    + ", but this run knows the losses of epochs " + historyStart + " to " + lastEpoch + " only (the"
                    + " file it resumed lists no earlier ones); resume from a model file Descent wrote, or set"
                    + " restore-best = false");
        }
        return OptionalInt.of(kept.getAsInt() - historyStart);
    }
}
