package dev.descent.spark;

import com.google.auto.service.AutoService;
import dev.descent.api.ComponentKind;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.DescentException;
import dev.descent.api.KeysUnder;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.api.State;
import dev.descent.data.Minibatches;
import dev.descent.plugin.ComponentInfo;
import dev.descent.train.Engine;
import dev.descent.train.EpochFigures;
import dev.descent.train.GradientCombiner;
import dev.descent.train.TrainingException;
import dev.descent.train.TrainingJob;
import dev.descent.train.TrainingResult;
import dev.descent.train.TrainingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training on Apache Spark with the run's own plugins: the rows stay in the executors (read there
 * for {@code csv} and {@code parquet} data, spread there from the driver for other sources), the
 * model, loss and optimizer plugins run there unchanged, and only parameters, gradients and
 * statistics travel.
 *
 * <pre>
 * sync       for each minibatch of the global shuffled order:
 *                broadcast the parameters; each partition sums the gradients of its rows of the batch;
 *                the sums are added in a fixed tree over partition indices; the driver's optimizer steps
 * local-sgd  for each round: each partition takes engine.sync-every minibatch steps on its own rows,
 *                from the broadcast parameters and optimizer state; the driver averages both
 * then       the epoch's loss over every row, in one job; the same epoch line, callbacks and schedule
 * </pre>
 */
@AutoService(Engine.class)
@Plugin(name = SparkEngine.NAME, description = "Apache Spark: rows and gradients in the executors; sync (one"
        + " global minibatch per step) or local-sgd (averaging every engine.sync-every local steps)")
public final class SparkEngine implements Engine {

    public static final String NAME = "spark";

    private static final Logger LOG = LoggerFactory.getLogger(SparkEngine.class);

    /** How the partitions' work becomes one model. */
    public enum Strategy { SYNC, LOCAL_SGD }

    @Option(name = "strategy", description = "sync: every step's global minibatch across the partitions, gradients"
            + " summed in a fixed order (bit-identical reruns); local-sgd: each partition steps on its own rows,"
            + " parameters averaged every engine.sync-every steps (one Spark job per round, fewer jobs)")
    private Strategy strategy = Strategy.SYNC;

    @Option(name = "sync-every", description = "local-sgd: local minibatch steps per partition between averages",
            min = 1)
    private int syncEvery = 10;

    @Option(name = "partitions", description = "Partitions the rows are spread over; 0 for Spark's default"
            + " parallelism", min = 0)
    private int partitions = 0;

    /** The config's {@code spark.*} keys, whole, for Spark's own configuration. */
    @KeysUnder("spark")
    private final Map<String, String> sparkKeys = new LinkedHashMap<>();

    @Override
    public TrainingResult train(TrainingJob job) {
        if (job.run().settings().epochFigures() == dev.descent.train.TrainingSettings.EpochFigureSource.RUNNING) {
            // The batches run on the executors, which report gradients, not their figures.
            throw new DescentException("train.epoch-figures = running is not available with engine = spark, whose"
                    + " executors report gradients only; use train.epoch-figures = full (the default)");
        }
        boolean existed = SparkSession.getDefaultSession().isDefined();
        SparkSession session = session("descent train", sparkKeys);
        try {
            return train(job, session);
        } catch (DescentException e) {
            throw e;
        } catch (Exception e) {   // SparkException is a checked exception Scala code throws unchecked
            throw unwrap(e);
        } finally {
            if (!existed) {
                session.stop();
            }
        }
    }

    /**
     * The Spark session: the running one (spark-submit's, an embedding application's), or a new one
     * with the {@code spark.*} keys of {@code settings}, on {@code local[*]} unless a master is set.
     * A session on a cluster gets this jar, so that the executors have the engine's classes.
     */
    static SparkSession session(String name, Map<String, String> settings) {
        SparkSession.Builder builder = SparkSession.builder().appName(name)
                .config("spark.ui.showConsoleProgress", "false");
        settings.forEach((key, value) -> {
            if (key.startsWith("spark.")) {
                builder.config(key, value);
            }
        });
        if (!settings.containsKey("spark.master") && System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        boolean starting = SparkSession.getDefaultSession().isEmpty();
        String master = settings.getOrDefault("spark.master", System.getProperty("spark.master", "local[*]"));
        if (starting) {
            MasterAddress.requireReachable(settings.getOrDefault("spark.master", System.getProperty("spark.master")));
            // Spark takes seconds to start (its classes, the scheduler, the executors): say so before the wait.
            LOG.info("starting Spark on {} (this takes a few seconds)", master);
        }
        long started = System.nanoTime();
        SparkSession session = builder.getOrCreate();
        if (starting) {
            LOG.info("Spark {} is up after {} s, with {} core(s); {}", session.version(),
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
                    session.sparkContext().defaultParallelism(), name.endsWith("train")
                            ? "reading the data in its executors" : "predicting in its executors");
        }
        java.nio.file.Path own = WorkerSpec.location(SparkEngine.class);
        if (!session.sparkContext().isLocal() && own != null && java.nio.file.Files.isRegularFile(own)) {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
            String jarName = own.getFileName().toString();
            if (context.jars().stream().noneMatch(j -> j.endsWith("/" + jarName) || j.equals(own.toString()))) {
                context.addJar(own.toString());
            }
        }
        return session;
    }

    private TrainingResult train(TrainingJob job, SparkSession session) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        int parts = partitions > 0 ? partitions : spark.defaultParallelism();
        long loading = System.nanoTime();
        SparkRows rows = rows(job, session, spark, parts);
        try {
            LOG.debug("the rows are in {} partitions after {} ms", parts, (System.nanoTime() - loading) / 1_000_000);
            String run = UUID.randomUUID().toString();
            try {
                return strategy == Strategy.SYNC ? sync(job, spark, rows, run) : localSgd(job, spark, rows, parts, run);
            } finally {
                release(rows, run);
            }
        } finally {
            rows.release();
        }
    }

    private static SparkRows rows(TrainingJob job, SparkSession session, JavaSparkContext spark, int parts) {
        DataSource source = job.run().data();
        Optional<Table> table = tableOf(source);
        if (table.isPresent()) {
            Map<String, String> options = ComponentInfo.of(source).options();
            return SparkRows.read(session, table.get(), job, parts, table.get().format().equals("csv")
                    && Table.encodingOption(options).isPresent() ? Optional.of(Table.encodingOptions(options))
                    : Optional.empty());
        }
        LOG.info("the data source '{}' loads on the driver; its rows are spread over {} partitions",
                ComponentInfo.of(source).name(), parts);
        return SparkRows.distribute(spark, job.loadData(), parts);
    }

    /**
     * Lets the executors drop the run's workers (which hold their rows): best effort, a task per
     * partition, and in this JVM, which is the executor in local mode.
     */
    private static void release(SparkRows rows, String run) {
        Worker.release(run);
        try {
            rows.training().foreachPartition(blocks -> Worker.release(run));
        } catch (Exception e) {
            LOG.debug("could not release the executors' workers of run {}", run, e);
        }
    }

    /** The table Spark reads for {@code source}: the csv and parquet sources; empty for others. */
    static Optional<Table> tableOf(DataSource source) {
        if (source instanceof ParquetData parquet) {
            return Optional.of(parquet.table());
        }
        ComponentInfo info = ComponentInfo.of(source);
        if (info.name().equals("csv") && source.getClass().getName().equals("dev.descent.plugins.csv.CsvData")) {
            Optional<String> encoding = Table.encodingOption(info.options());
            if (encoding.isPresent() && isLocalFile(info.options().getOrDefault("path", ""))) {
                // A file of the driver's: the csv source fills and encodes it as on the local engine, bit for
                // bit; a folder or a cluster's path is read, filled and encoded by the executors.
                LOG.info("{}: the csv source fills and encodes {} on the driver", encoding.get(),
                        info.options().get("path"));
                return Optional.empty();
            }
            return Optional.of(Table.ofCsv(info.options()));
        }
        return Optional.empty();
    }

    /** Whether {@code path} is a regular file of this machine (not a folder, not a cluster's path). */
    private static boolean isLocalFile(String path) {
        if (path.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !path.startsWith("file:")) {
            return false;
        }
        try {
            return java.nio.file.Files.isRegularFile(path.startsWith("file:") ? java.nio.file.Path.of(
                    java.net.URI.create(path)) : java.nio.file.Path.of(path));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ----- sync --------------------------------------------------------------------------------

    private TrainingResult sync(TrainingJob job, JavaSparkContext spark, SparkRows rows, String run) {
        int n = rows.described().examples();
        Minibatches minibatches = new Minibatches(n, job.run().settings().batchSize(), job.random().shuffling());
        int batches = minibatches.count();
        List<Parameter> parameters = job.initialize(rows.described(), batches);
        for (int epoch = 1; epoch < job.firstEpoch(); epoch++) {
            minibatches.shuffle();
        }
        Broadcast<WorkerSpec> spec = spark.broadcast(spec(run, job, rows, spark));
        TrainingStep step = job.step(GradientCombiner.LOCAL);
        JavaRDD<Block> training = rows.training();
        long started = System.nanoTime();
        try {
            for (int epoch = job.firstEpoch(); epoch <= job.run().settings().epochs(); epoch++) {
                job.startEpoch(epoch);
                minibatches.shuffle();
                int[] order = minibatches.order();
                for (int b = 0; b < batches; b++) {
                    int from = minibatches.from(b);
                    long[] batch = new long[minibatches.size(b)];
                    for (int i = 0; i < batch.length; i++) {
                        batch[i] = order[from + i];
                    }
                    // The parameters travel in the task itself, which Spark broadcasts once per step to every
                    // executor (its task binary): one broadcast, not a second one of our own.
                    float[][] values = values(parameters);
                    List<Partial> partials = TreeSum.onExecutors(training.mapPartitionsWithIndex((p, blocks) -> List.of(
                            Worker.of(spec.value(), p).gradient(p, blocks.next(), batch, values)).iterator(),
                            true), training.getNumPartitions());
                    long examples = partials.stream().mapToLong(Partial::rows).sum();
                    step.applyCombined(TreeSum.arrays(partials), (int) examples,
                            TreeSum.loss(partials, 0, partials.size()), epoch, b + 1, batches);
                }
                if (!endEpoch(job, spark, spec, rows, parameters, epoch, started)) {
                    break;
                }
            }
            return job.finish(Duration.ofNanos(System.nanoTime() - started));
        } finally {
            spec.destroy();
        }
    }

    // ----- local SGD -------------------------------------------------------------------------

    private TrainingResult localSgd(TrainingJob job, JavaSparkContext spark, SparkRows rows, int parts, String run) {
        int n = rows.described().examples();
        int batchSize = job.run().settings().batchSize();
        // train.batch-size stays the global batch: each partition's local steps take its share.
        int localBatch = Math.max(1, batchSize / parts);
        long largest = (n + parts - 1L) / parts;
        int localBatches = (int) ((largest + localBatch - 1) / localBatch);
        int rounds = (localBatches + syncEvery - 1) / syncEvery;
        List<Parameter> parameters = job.initialize(rows.described(), rounds);
        Broadcast<WorkerSpec> spec = spark.broadcast(spec(run, job, rows, spark));
        State saved = job.run().optimizer().saveState();
        Partial.SavedState state = saved.isEmpty() ? null : Partial.SavedState.of(saved);
        JavaRDD<Block> training = rows.training();
        int every = syncEvery;
        LOG.debug("local SGD: {} partitions, local batches of {}, {} rounds of {} steps per epoch", parts, localBatch,
                rounds, every);
        long started = System.nanoTime();
        try {
            for (int epoch = job.firstEpoch(); epoch <= job.run().settings().epochs(); epoch++) {
                job.startEpoch(epoch);
                for (int r = 0; r < rounds; r++) {
                    Map<String, String> optimizer = WorkerSpec.configOf(ComponentKind.OPTIMIZER, job.run().optimizer());
                    Broadcast<float[][]> values = spark.broadcast(values(parameters));
                    Partial.SavedState from = state;
                    int e = epoch;
                    int first = r * every;
                    List<Partial> partials = training.mapPartitionsWithIndex((p, blocks) -> List.of(
                            Worker.of(spec.value(), p).localRound(p, blocks.next(), values.value(), from, optimizer, e,
                                    first, every, localBatch)).iterator(), true).collect();
                    values.destroy();
                    List<Partial> stepped = partials.stream().filter(q -> q.rows() > 0).toList();
                    if (stepped.isEmpty()) {
                        continue;
                    }
                    float[][] average = TreeSum.arrays(stepped);
                    for (int i = 0; i < average.length; i++) {
                        for (int j = 0; j < average[i].length; j++) {
                            average[i][j] /= stepped.size();
                        }
                        parameters.get(i).value().assign(average[i]);
                    }
                    state = averageState(stepped);
                    if (state != null) {
                        job.run().optimizer().restoreState(state.toState());
                    }
                    long examples = stepped.stream().mapToLong(Partial::rows).sum();
                    job.batchEnded(epoch, r + 1, rounds, (int) Math.min(examples, Integer.MAX_VALUE),
                            TreeSum.loss(stepped, 0, stepped.size()));
                }
                if (!endEpoch(job, spark, spec, rows, parameters, epoch, started)) {
                    break;
                }
            }
            return job.finish(Duration.ofNanos(System.nanoTime() - started));
        } finally {
            spec.destroy();
        }
    }

    /** The partitions' optimizer states averaged: arrays and numbers by their mean, counts by their largest. */
    static Partial.SavedState averageState(List<Partial> partials) {
        Partial.SavedState first = partials.get(0).state();
        if (first == null || (first.arrays().isEmpty() && first.numbers().isEmpty() && first.counts().isEmpty())) {
            return first;
        }
        Map<String, float[]> arrays = new LinkedHashMap<>();
        first.arrays().forEach((name, values) -> {
            double[] sum = new double[values.length];
            for (Partial p : partials) {
                float[] own = p.state().arrays().get(name);
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += own[j];
                }
            }
            float[] mean = new float[sum.length];
            for (int j = 0; j < sum.length; j++) {
                mean[j] = (float) (sum[j] / partials.size());
            }
            arrays.put(name, mean);
        });
        Map<String, Double> numbers = new LinkedHashMap<>();
        first.numbers().forEach((name, value) -> numbers.put(name,
                partials.stream().mapToDouble(p -> p.state().numbers().get(name)).sum() / partials.size()));
        Map<String, Long> counts = new LinkedHashMap<>();
        first.counts().forEach((name, value) -> counts.put(name,
                partials.stream().mapToLong(p -> p.state().counts().get(name)).max().orElse(value)));
        return new Partial.SavedState(arrays, numbers, counts);
    }

    // ----- shared ------------------------------------------------------------------------------

    private static WorkerSpec spec(String run, TrainingJob job, SparkRows rows, JavaSparkContext spark) {
        WorkerSpec spec = WorkerSpec.of(run, job, rows.described().features(),
                rows.described().isClassification() ? rows.described().classes().size() : rows.described().outputs(),
                rows.described().classes());
        // Plugins from a plugin folder travel to the executors with the job, as spark.jars would take them.
        for (String jar : spec.pluginJars()) {
            if (!spark.jars().contains(jar) && spark.jars().stream().noneMatch(j -> j.endsWith("/" + jar))) {
                spark.addJar(jar);
            }
        }
        return spec;
    }

    /** The epoch's loss (and accuracy) over every training and validation row, then the trainer's end of epoch. */
    private static boolean endEpoch(TrainingJob job, JavaSparkContext spark, Broadcast<WorkerSpec> spec,
                                    SparkRows rows, List<Parameter> parameters, int epoch, long started) {
        Broadcast<float[][]> values = spark.broadcast(values(parameters));
        try {
            EpochFigures figures = figures(rows.training(), spec, values, rows.described().isClassification());
            Optional<EpochFigures> validation = rows.validation() == null ? Optional.empty()
                    : Optional.of(figures(rows.validation(), spec, values, rows.described().isClassification()));
            return job.endEpoch(epoch, figures, validation, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            values.destroy();
        }
    }

    private static EpochFigures figures(JavaRDD<Block> blocks, Broadcast<WorkerSpec> spec,
                                        Broadcast<float[][]> values, boolean classify) {
        List<Partial> partials = blocks.mapPartitionsWithIndex((p, it) -> List.of(
                Worker.of(spec.value(), p).figures(p, it.next(), values.value())).iterator(), true).collect();
        long rows = partials.stream().mapToLong(Partial::rows).sum();
        double loss = TreeSum.loss(partials, 0, partials.size());
        long correct = partials.stream().mapToLong(Partial::correct).sum();
        return new EpochFigures(loss / rows, classify ? OptionalDouble.of((double) correct / rows)
                : OptionalDouble.empty());
    }

    private static float[][] values(List<Parameter> parameters) {
        float[][] values = new float[parameters.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = parameters.get(i).value().toFloatArray();
        }
        return values;
    }

    /**
     * A failed Spark job as the user should see it: the Descent error an executor raised (a bad cell,
     * a missing plugin), or one line of Spark's reason.
     */
    static RuntimeException unwrap(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DescentException descent) {
                return descent;
            }
        }
        String message = String.valueOf(failure.getMessage());
        for (String known : List.of(dev.descent.api.DataException.class.getName() + ": ",
                TrainingException.class.getName() + ": ", "java.lang.IllegalStateException: ")) {
            int at = message.indexOf(known);
            if (at >= 0) {
                String reason = message.substring(at + known.length()).lines().findFirst().orElse("");
                return known.startsWith(dev.descent.api.DataException.class.getName())
                        ? new dev.descent.api.DataException(reason) : new TrainingException(reason);
            }
        }
        return new TrainingException("Spark could not run the job: "
                + message.lines().findFirst().orElse(failure.toString()), failure);
    }
}
