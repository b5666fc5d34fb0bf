package dev.descent.experiment;

import com.google.inject.Module;
import dev.descent.api.ComponentKind;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.LoadingProgress;
import dev.descent.api.Encoding;
import dev.descent.api.Standardization;
import dev.descent.config.ConfigException;
import dev.descent.config.RunConfig;
import dev.descent.data.ColumnStatistics;
import dev.descent.data.TableDataset;
import dev.descent.data.TableOptions;
import dev.descent.io.ModelFile;
import dev.descent.plugin.ComponentInfo;
import dev.descent.plugin.PluginRegistry;
import dev.descent.predict.Predictor;
import dev.descent.run.Descent;
import dev.descent.run.RunResolver;
import dev.descent.train.RandomStreams;
import dev.descent.train.Run;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * k-fold cross-validation of a configured run: the data loaded once, split into folds (shuffled by
 * the run's seed, stratified for classification), and the run trained once per fold on every other
 * fold, its figures taken on both parts.
 *
 * <p>Nothing of a fold's validation part reaches its training: when the data source standardises
 * (its {@code standardize} option), the rows are loaded raw and each fold's statistics are fitted on
 * its training part only; rows a source held out for validation join the pool.
 *
 * <pre>{@code
 * CrossValidation cv = CrossValidation.prepare(config, registry, 5, true);
 * for (int f = 0; f < cv.folds().count(); f++) {
 *     CrossValidation.Fold fold = cv.train(f, List.of(), List.of());
 * }
 * }</pre>
 */
public final class CrossValidation {

    /** The config keys a fold's model file adds to its run's config, so that the fold can be re-run alone. */
    public static final String FOLDS_KEY = "cross-validation.folds";
    public static final String FOLD_KEY = "cross-validation.fold";
    public static final String SHUFFLE_KEY = "cross-validation.shuffle";

    private final RunConfig config;
    private final PluginRegistry registry;
    private final Run described;
    private final float[] features;
    private final float[] labels;
    private final Dataset shape;
    private final boolean standardize;
    private final Folds folds;
    private final boolean shuffle;
    private final List<String> figures;
    /** A table's rows as written, when each fold fills and encodes them itself; null otherwise. */
    private final TableDataset.Pool pool;

    private CrossValidation(RunConfig config, PluginRegistry registry, Run described, float[] features,
                            float[] labels, Dataset shape, boolean standardize, Folds folds, boolean shuffle,
                            TableDataset.Pool pool) {
        this.pool = pool;
        this.config = config;
        this.registry = registry;
        this.described = described;
        this.features = features;
        this.labels = labels;
        this.shape = shape;
        this.standardize = standardize;
        this.folds = folds;
        this.shuffle = shuffle;
        this.figures = Scores.names(shape.isClassification(), labels);
    }

    /**
     * Loads the data {@code config} chooses and splits it into {@code count} folds.
     *
     * @throws ConfigException when the folds do not fit the data (fewer than 2, more than examples)
     *                         or the run's engine keeps its rows elsewhere
     */
    public static CrossValidation prepare(RunConfig config, PluginRegistry registry, int count, boolean shuffle,
                                          LoadingProgress progress) {
        if (count < 2) {
            throw new ConfigException("--folds " + count + ": cross-validation needs at least 2 folds (5 or 10 are"
                    + " usual)");
        }
        Run described = RunResolver.resolve(config, registry);
        described.device().close();
        Map<String, String> options = ComponentInfo.of(described.data()).options();
        String prefix = ComponentKind.DATA.key() + ".";
        RunConfig raw = config;
        boolean standardize = false;
        if ("true".equals(options.get("standardize"))) {
            raw = raw.with(prefix + "standardize", "false", "cross-validation: each fold fits its own scaling");
            standardize = true;
        }
        if (options.containsKey("validation-fraction") && Double.parseDouble(options.get("validation-fraction")) > 0) {
            raw = raw.with(prefix + "validation-fraction", "0", "cross-validation: the folds are the validation");
        }
        Run loading = raw == config ? described : RunResolver.resolve(raw, registry);
        loading.device().close();
        Dataset loaded = loading.data().load(new DataContext(new RandomStreams(described.seed()).data(), progress,
                Optional.empty(), Optional.of(loading.loss().task())));
        if (!loaded.hasRows()) {
            throw new ConfigException("cross-validation trains each fold on this machine's rows, but engine = "
                    + ComponentInfo.of(described.engine()).name() + " keeps them elsewhere; run it with the local engine");
        }
        TableDataset.Pool pool = null;
        if (loaded.encoding() != null) {
            if (!(loading.data() instanceof TableOptions table)) {
                throw new ConfigException("cross-validation fits each fold's fills and categories on its own training"
                        + " rows, which the data source '" + ComponentInfo.of(loading.data()).name() + "' cannot do (it"
                        + " is not a table source); score with its validation fraction instead");
            }
            // Each fold's fills and categories come from its own training rows: nothing of a held-out fold
            // shapes them. The rows are read again, as written.
            pool = table.pool(new DataContext(new RandomStreams(described.seed()).data(), progress, Optional.empty(),
                    Optional.of(loading.loss().task())));
        }
        float[] x = loaded.featureMatrix();
        float[] y = loaded.labelVector();
        Dataset held = loaded.validation();
        if (held != null && held.examples() > 0) {   // rows the source holds out join the pool
            x = concat(x, held.featureMatrix());
            y = concat(y, held.labelVector());
        }
        if (loaded.standardization() != null) {   // a source that scales without an option: undo it, refit per fold
            x = x == loaded.featureMatrix() ? x.clone() : x;
            unscale(x, loaded.standardization());
            standardize = true;
        }
        int examples = y.length / loaded.outputs();
        if (pool != null && pool.examples() != examples) {
            throw new IllegalStateException("the table gave " + examples + " rows, then " + pool.examples());
        }
        if (count > examples) {
            throw new ConfigException("--folds " + count + " is more folds than the data's " + examples
                    + " examples; choose at most " + examples);
        }
        RandomStreams random = new RandomStreams(described.seed());
        Folds folds = loaded.isClassification()
                ? Folds.stratified(y, loaded.classes().size(), count, shuffle, random.stream("folds"))
                : Folds.plain(examples, count, shuffle, random.stream("folds"));
        return new CrossValidation(config, registry, described, x, y, loaded, standardize, folds, shuffle, pool);
    }

    public Folds folds() {
        return folds;
    }

    /** How many examples there are in all folds together. */
    public int examples() {
        return folds.of().length;
    }

    public boolean isClassification() {
        return shape.isClassification();
    }

    /** Whether each fold's features are standardised with its training part's statistics. */
    public boolean standardizes() {
        return standardize;
    }

    /** The names of the figures each fold reports, in order (log-RMSE only for positive targets). */
    public List<String> figures() {
        return figures;
    }

    /** The run every fold trains, as configured (its data as the config chose it). */
    public Run run() {
        return described;
    }

    /**
     * One fold's outcome.
     *
     * @param fold       the fold's number, from 0
     * @param training   the figures on the rows it trained on
     * @param validation the figures on its held-out rows
     * @param result     the training's result
     * @param model      the model file of the fold: the run's config with the fold's keys
     */
    public record Fold(int fold, int trainingRows, int validationRows, Map<String, Double> training,
                       Map<String, Double> validation, TrainingResult result, ModelFile model) {
    }

    /** The data of fold {@code fold}: the training part, scaled by its own statistics, with the fold as validation. */
    public Dataset dataset(int fold) {
        int[] trainRows = folds.rows(fold, false);
        int[] heldRows = folds.rows(fold, true);
        Dataset training;
        Dataset held;
        if (pool != null) {
            Dataset[] both = pool.fold(trainRows, heldRows);
            training = both[0];
            held = both[1];
        } else {
            training = rows(trainRows);
            held = rows(heldRows);
        }
        if (standardize) {
            Standardization statistics = statistics(training, fold, training.encoding());
            statistics.apply(training.featureMatrix(), training.examples());
            statistics.apply(held.featureMatrix(), held.examples());
            training.withStandardization(statistics);
            held.withStandardization(statistics);
        }
        return training.withValidation(held);
    }

    /**
     * Trains fold {@code fold} (from 0) and takes its figures.
     *
     * @param listeners told of the fold's training as of any run's
     * @param overrides Guice modules, as {@link Descent#train(Run, List, List)} takes them
     */
    public Fold train(int fold, List<TrainingListener> listeners, List<Module> overrides) {
        Dataset data = dataset(fold);
        Run run = RunResolver.resolve(config, registry).with(ComponentKind.DATA, new FoldData(data));
        TrainingResult result = Descent.train(run, listeners, overrides);
        ModelFile model = modelFile(result, fold);
        Map<String, Double> trainingFigures;
        Map<String, Double> validationFigures;
        try (Predictor predictor = Predictor.load(model, registry)) {
            trainingFigures = Scores.of(predictor, data, result.finalLoss(), figures);
            validationFigures = Scores.of(predictor, data.validation(), result.finalValidationLoss().orElse(Double.NaN),
                    figures);
        }
        return new Fold(fold, data.examples(), data.validation().examples(), trainingFigures, validationFigures, result,
                model);
    }

    /** The fold's model file, recording the run as configured and which fold of how many it is. */
    private ModelFile modelFile(TrainingResult result, int fold) {
        ModelFile trained = result.toModelFile(Instant.now());
        Map<String, String> config = new LinkedHashMap<>(described.resolvedConfig());
        config.put(FOLDS_KEY, Integer.toString(folds.count()));
        config.put(FOLD_KEY, Integer.toString(fold + 1));
        config.put(SHUFFLE_KEY, Boolean.toString(shuffle));
        ModelFile.Provenance p = trained.provenance();
        Map<String, ModelFile.Component> components = new LinkedHashMap<>(p.components());
        ComponentInfo data = ComponentInfo.of(described.data());
        components.put(ComponentKind.DATA.key(), new ModelFile.Component(data.name(), data.version(), data.source(),
                data.options()));
        ModelFile.Provenance provenance = new ModelFile.Provenance(p.descentVersion(), p.seed(), p.created(),
                p.epochs(), p.finalLoss(), p.finalValidationLoss(), p.epochLosses(), p.validationLosses(), components,
                p.epochMetrics());
        return new ModelFile(trained.format(), trained.formatVersion(), trained.model(), trained.features(),
                trained.target(), trained.outputs(), trained.task(), trained.classes(), trained.standardization(),
                trained.encoding(), trained.parameters(), trained.state(), config, provenance);
    }

    private Dataset rows(int[] which) {
        int d = shape.features();
        int k = shape.outputs();
        float[] x = new float[which.length * d];
        float[] y = new float[which.length * k];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(features, which[i] * d, x, i * d, d);
            System.arraycopy(labels, which[i] * k, y, i * k, k);
        }
        Dataset rows = new Dataset(x, y, shape.featureNames(), shape.labelNames(), shape.classes(),
                shape.trueParameters());
        return shape.encoding() == null ? rows : rows.withEncoding(shape.encoding());
    }

    /** Mean and population standard deviation of each feature over the fold's training rows. */
    private static Standardization statistics(Dataset training, int fold, Encoding encoding) {
        Standardization statistics = ColumnStatistics.of(training.featureMatrix(), training.examples(),
                training.features());
        boolean[] number = encoding == null ? null : encoding.numberFeatures();
        statistics = ColumnStatistics.numbersOnly(statistics, number);   // one-hot and indicator features stay 0 or 1
        for (int j = 0; j < training.features(); j++) {
            if ((number == null || number[j]) && ColumnStatistics.isConstant(statistics, j)) {
                throw new DataException("feature '" + training.featureNames().get(j) + "' is constant ("
                        + statistics.mean()[j] + ") in the training rows of fold " + (fold + 1) + ", so it cannot be"
                        + " standardised; drop it (data.features), use fewer folds, or set data.standardize = false");
            }
        }
        return statistics;
    }

    private static void unscale(float[] x, Standardization s) {
        int d = s.features();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] * s.std()[i % d] + s.mean()[i % d]);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The rows of one fold, as the data source of its run. */
    private static final class FoldData implements DataSource {
        private final Dataset data;

        FoldData(Dataset data) {
            this.data = data;
        }

        @Override
        public Dataset load(DataContext context) {
            return data;
        }
    }
}
