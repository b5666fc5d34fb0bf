package dev.descent.cli;

import dev.descent.plugin.PluginDescriptor;
import dev.descent.api.ComponentKind;
import dev.descent.api.DataContext;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Standardization;
import dev.descent.api.Task;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import dev.descent.data.CsvReader;
import dev.descent.io.ModelFile;
import dev.descent.plugin.Names;
import dev.descent.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The rows of any data source, for {@code evaluate}: loaded as a run loads them (scaled with the
 * model's saved standardization when the source standardises), checked against the model's features
 * and classes, and given as the table the commands read from CSV files.
 */
final class SourceRows {

    private SourceRows() {
    }

    static CsvReader.Table read(ModelFile model, RunConfig config, PluginRegistry registry) {
        ConfigValue choice = config.get("data").orElseThrow();
        PluginDescriptor descriptor = registry.require(ComponentKind.DATA, choice.value(), choice);
        // A table source reads the model's own target and columns unless told otherwise: its default
        // (every other column a feature, the last one the target) fits the training table, not any table.
        String origin = "the model's " + (model.encoding() == null ? "features" : "columns");
        if (descriptor.options().containsKey("target") && config.get("data.target").isEmpty()) {
            config = config.with("data.target", model.target(), "the model's target");
        }
        if (descriptor.options().containsKey("features") && config.get("data.features").isEmpty()) {
            List<String> inputs = model.encoding() == null ? model.features() : model.encoding().inputs();
            config = config.with("data.features", String.join(", ", inputs), origin);
        }
        DataSource source = (DataSource) registry.create(descriptor, config.section("data"));
        Optional<Standardization> saved = Optional.ofNullable(model.standardization())
                .map(s -> new Standardization(s.mean(), s.std()));
        Task task = model.isClassification() ? Task.CLASSIFICATION : Task.REGRESSION;
        Dataset data = source.load(new DataContext(new SplittableRandom(0), LoadingProgress.NONE, saved,
                Optional.of(task), Optional.ofNullable(model.encoding())));
        String where = "data = " + choice.value() + " (" + choice.origin() + ")";
        if (!data.featureNames().equals(model.features())) {
            throw new ConfigException(where + " gives the features " + Names.summary(data.featureNames())
                    + ", but the model was trained on " + Names.summary(model.features())
                    + "; choose the data the model was trained for");
        }
        if (model.standardization() != null && data.standardization() == null
                || model.standardization() == null && data.standardization() != null) {
            throw new ConfigException(where + (model.standardization() != null
                    ? " gives raw features, but the model was trained on standardised ones: add --set data.standardize=true"
                    : " standardises its features, but the model was trained on raw ones: add --set data.standardize=false"));
        }
        if (model.encoding() != null && !model.encoding().equals(data.encoding())) {
            throw new ConfigException(where + " does not prepare its columns with the model's encoding (filled missing"
                    + " cells, one-hot categories); choose a table source (csv, sql) for a model trained on one");
        }
        if (model.isClassification() != data.isClassification()) {
            throw new ConfigException(where + " gives " + (data.isClassification() ? "class labels" : "numeric targets")
                    + ", but the model " + (model.isClassification() ? "classifies" : "regresses"));
        }
        int rows = data.examples();
        float[] labels = data.labelVector();
        String[] texts = new String[labels.length];
        int[] lines = new int[rows];
        for (int i = 0; i < labels.length; i++) {
            texts[i] = data.isClassification() ? data.classes().get((int) labels[i]) : Float.toString(labels[i]);
        }
        for (int i = 0; i < rows; i++) {
            lines[i] = i + 1;
        }
        List<String> header = new ArrayList<>(data.featureNames());
        header.addAll(data.labelNames());
        return new CsvReader.Table(header, data.featureMatrix(), labels, texts, rows, lines);
    }
}
