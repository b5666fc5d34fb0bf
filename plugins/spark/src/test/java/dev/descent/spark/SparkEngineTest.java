package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.DataException;
import dev.descent.config.ConfigException;
import dev.descent.config.RunConfig;
import dev.descent.run.Descent;
import dev.descent.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark engine on {@code local[2]}: the same config trains to the same loss as the local
 * engine, sync runs repeat bit for bit, and data Spark reads (CSV, Parquet) is the data the local
 * reader reads.
 */
class SparkEngineTest {

    private static SparkSession session;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSpark() {
        // One session for the class: the engine uses a session that already runs, and leaves it running.
        session = SparkSession.builder().master("local[2]").appName("SparkEngineTest")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        session.stop();
    }

    private static RunConfig config(String... pairs) {
        RunConfig config = RunConfig.empty();
        for (int i = 0; i < pairs.length; i += 2) {
            config = config.with(pairs[i], pairs[i + 1], "the test");
        }
        return config;
    }

    private static RunConfig onSpark(RunConfig config, String strategy) {
        return config.with("engine", "spark", "the test").with("engine.strategy", strategy, "the test")
                .with("engine.partitions", "2", "the test").with("spark.master", "local[2]", "the test");
    }

    @Test
    void theBooksRunEndsAtTheLocalEnginesLossWithEitherStrategy() {
        TrainingResult local = Descent.train(config());
        TrainingResult sync = Descent.train(onSpark(config(), "sync"));
        TrainingResult localSgd = Descent.train(onSpark(config(), "local-sgd"));

        assertThat(sync.epochLosses()).hasSize(3);
        assertThat(sync.finalLoss()).isCloseTo(local.finalLoss(), within(0.01 * local.finalLoss()));
        assertThat(localSgd.finalLoss()).isCloseTo(local.finalLoss(), within(0.01 * local.finalLoss()));
        assertThat(sync.parameters().get("w")).hasSize(2);
    }

    @Test
    void syncFollowsTheLocalRunOverTheSameGlobalBatchesWithin1e5() {
        RunConfig book = config("train.epochs", "2");
        TrainingResult local = Descent.train(book);
        TrainingResult sync = Descent.train(onSpark(book, "sync"));

        for (int e = 0; e < local.epochLosses().size(); e++) {
            assertThat(sync.epochLosses().get(e)).isCloseTo(local.epochLosses().get(e),
                    within(1e-5 * local.epochLosses().get(e)));
        }
        local.parameters().forEach((name, values) -> {
            float[] spark = sync.parameters().get(name);
            for (int i = 0; i < values.length; i++) {
                assertThat((double) spark[i]).as(name + "[" + i + "]")
                        .isCloseTo(values[i], within(1e-5 * Math.abs(values[i]) + 1e-7));
            }
        });
    }

    @Test
    void twoSyncRunsWithTheSameSeedAndPartitioningAreBitIdentical() {
        RunConfig run = onSpark(config("train.epochs", "2", "seed", "7"), "sync");
        TrainingResult first = Descent.train(run);
        TrainingResult second = Descent.train(run);

        assertThat(second.epochLosses()).isEqualTo(first.epochLosses());
        first.parameters().forEach((name, values) -> assertThat(second.parameters().get(name)).isEqualTo(values));
    }

    @Test
    void manyPartitionsAreSummedInGroupsOnTheExecutorsAndStillMatchTheLocalRun() {
        RunConfig book = config("train.epochs", "1");
        TrainingResult local = Descent.train(book);
        RunConfig wide = onSpark(book, "sync").with("engine.partitions", "40", "the test");
        TrainingResult first = Descent.train(wide);
        TrainingResult second = Descent.train(wide);

        assertThat(first.finalLoss()).isCloseTo(local.finalLoss(), within(1e-5 * local.finalLoss()));
        assertThat(second.epochLosses()).isEqualTo(first.epochLosses());
        first.parameters().forEach((name, values) -> assertThat(second.parameters().get(name)).isEqualTo(values));
    }

    @Test
    void aCsvRunOnSparkEndsWhereTheLocalCsvRunEnds() throws IOException {
        Path csv = houses(dir.resolve("houses.csv"), 2_000);
        RunConfig run = config("data", "csv", "data.path", csv.toString(), "data.target", "price",
                "optimizer.lr", "0.05", "train.batch-size", "20", "train.epochs", "4");
        TrainingResult local = Descent.train(run);
        TrainingResult sync = Descent.train(onSpark(run, "sync"));
        TrainingResult localSgd = Descent.train(onSpark(run, "local-sgd").with("engine.sync-every", "5", "the test"));

        assertThat(sync.standardization()).isNotNull();
        assertThat(sync.standardization().mean()).containsExactly(local.standardization().mean(), within(1e-9));
        assertThat(sync.featureNames()).isEqualTo(local.featureNames());
        assertThat(sync.finalLoss()).isCloseTo(local.finalLoss(), within(1e-5 * local.finalLoss()));
        assertThat(localSgd.finalLoss()).isCloseTo(local.finalLoss(), within(0.01 * local.finalLoss()));
    }

    @Test
    void aParquetTableTrainsLikeTheSameRowsInCsv() throws IOException {
        Path csv = houses(dir.resolve("for-parquet.csv"), 1_000);
        Path parquet = dir.resolve("houses.parquet");
        session.read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
                .write().parquet(parquet.toString());
        RunConfig fromCsv = onSpark(config("data", "csv", "data.path", csv.toString(), "data.target", "price"), "sync");
        RunConfig fromParquet = onSpark(config("data", "parquet", "data.path", parquet.toString(),
                "data.target", "price"), "sync");

        TrainingResult a = Descent.train(fromCsv);
        TrainingResult b = Descent.train(fromParquet);

        assertThat(b.featureNames()).isEqualTo(a.featureNames());
        assertThat(b.finalLoss()).isCloseTo(a.finalLoss(), within(1e-6 * a.finalLoss()));
    }

    @Test
    void irisClassifiesOnSparkAsLocally() {
        RunConfig iris = config("data", "csv", "data.path", Path.of("../../data/iris.csv").toString(),
                "data.target", "species", "model", "softmax", "loss", "cross-entropy", "optimizer.lr", "0.1",
                "train.epochs", "20", "train.batch-size", "10");
        TrainingResult local = Descent.train(iris);
        TrainingResult spark = Descent.train(onSpark(iris, "sync"));

        assertThat(spark.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(spark.finalLoss()).isCloseTo(local.finalLoss(), within(0.01 * local.finalLoss()));
        assertThat(spark.finalMetric("accuracy").getAsDouble()).isGreaterThan(0.9);
    }

    @Test
    void aComposedMlpTrainsOnSparkAndSyncFollowsTheLocalRun() {
        String iris = Path.of("../../data/iris.csv").toString();
        RunConfig mlp = config("data", "csv", "data.path", iris, "data.target", "species", "model", "mlp",
                "mlp.hidden", "8", "mlp.activation", "tanh", "loss", "cross-entropy", "optimizer.lr", "0.1",
                "train.epochs", "6", "train.batch-size", "10", "test", "csv", "test.path", iris, "test.target",
                "species");
        TrainingResult local = Descent.train(mlp);
        TrainingResult sync = Descent.train(onSpark(mlp, "sync"));

        assertThat(sync.parameters()).containsOnlyKeys("0.W", "0.b", "2.W", "2.b");
        for (int e = 0; e < local.epochLosses().size(); e++) {
            assertThat(sync.epochLosses().get(e)).isCloseTo(local.epochLosses().get(e),
                    within(1e-5 * local.epochLosses().get(e)));
        }
        // The test rows are scored on the driver after every epoch, as the local engine scores them.
        assertThat(sync.epochMetrics().get("test-accuracy")).hasSize(6);
        assertThat(sync.epochMetrics().get("test-loss").get(5)).isCloseTo(local.epochMetrics().get("test-loss").get(5),
                within(1e-4));
    }

    @Test
    void aDropoutNetTrainsOnSparkWithEitherStrategyAndRepeatsBitForBit() {
        RunConfig net = config("data", "csv", "data.path", Path.of("../../data/iris.csv").toString(), "data.target",
                "species", "model", "sequential", "model.layers", "linear:16, relu, dropout:0.3, linear", "loss",
                "cross-entropy", "optimizer.lr", "0.1", "train.epochs", "15", "train.batch-size", "10");
        for (String strategy : new String[] {"sync", "local-sgd"}) {
            TrainingResult first = Descent.train(onSpark(net, strategy));
            TrainingResult second = Descent.train(onSpark(net, strategy));

            assertThat(second.epochLosses()).as(strategy).isEqualTo(first.epochLosses());
            assertThat(first.finalLoss()).as(strategy).isLessThan(first.epochLosses().get(0));
            assertThat(first.finalMetric("accuracy").getAsDouble()).as(strategy).isGreaterThan(0.8);
        }
    }

    @Test
    void aHeldOutShareIsReportedAsTheValidationLoss() throws IOException {
        Path csv = houses(dir.resolve("validation.csv"), 2_000);
        TrainingResult spark = Descent.train(onSpark(config("data", "csv", "data.path", csv.toString(),
                "data.target", "price", "data.validation-fraction", "0.2"), "sync"));

        assertThat(spark.validationLosses()).hasSize(3);
        assertThat(spark.finalValidationLoss().getAsDouble()).isCloseTo(spark.finalLoss(), within(0.5));
    }

    @Test
    void aCellThatIsNotANumberIsNamedWithItsColumn() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "size,rooms,price\n1,2,3\n4,five,6\n7,8,9\n");

        assertThatThrownBy(() -> Descent.train(onSpark(config("data", "csv", "data.path", csv.toString(),
                "data.standardize", "false"), "sync")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("column 'rooms'").hasMessageContaining("'five'");
    }

    @Test
    void aTableWithMissingCellsAndCategoriesIsEncodedOnTheDriverAndTrainsAsLocally() {
        String penguins = Path.of("..", "..", "data", "penguins.csv").toAbsolutePath().normalize().toString();
        RunConfig run = config("data", "csv", "data.path", penguins, "data.target", "body_mass_g", "data.missing",
                "median", "data.missing-indicator", "true", "optimizer", "adam", "optimizer.lr", "20",
                "train.batch-size", "32", "train.epochs", "3");
        TrainingResult local = Descent.train(run);
        TrainingResult sync = Descent.train(onSpark(run, "sync"));

        assertThat(sync.encoding()).isNotNull().isEqualTo(local.encoding());
        assertThat(sync.featureNames()).isEqualTo(local.featureNames()).contains("species=Gentoo", "sex (missing)");
        assertThat(sync.standardization()).isEqualTo(local.standardization());
        assertThat(sync.finalLoss()).isCloseTo(local.finalLoss(), within(1e-5 * local.finalLoss()));
    }

    @Test
    void aFolderOfTablesWithMissingCellsAndCategoriesIsFilledAndEncodedByTheExecutorsAsLocally() throws IOException {
        Path penguins = Path.of("..", "..", "data", "penguins.csv").toAbsolutePath().normalize();
        Path folder = Files.createDirectory(dir.resolve("penguins"));
        Files.copy(penguins, folder.resolve("part-0.csv"));
        RunConfig run = config("data", "csv", "data.target", "body_mass_g", "data.missing", "median",
                "data.missing-per-column", "sex:most-frequent", "data.missing-indicator", "true", "optimizer", "adam",
                "optimizer.lr", "20", "train.batch-size", "32", "train.epochs", "3");
        TrainingResult local = Descent.train(run.with("data.path", penguins.toString(), "the test"));
        TrainingResult sync = Descent.train(onSpark(run.with("data.path", folder.toString(), "the test"), "sync"));

        assertThat(sync.encoding()).isNotNull().isEqualTo(local.encoding());
        assertThat(sync.featureNames()).isEqualTo(local.featureNames()).contains("island=Dream", "sex (missing)");
        assertThat(sync.standardization().mean()).containsExactly(local.standardization().mean(), within(1e-9));
        assertThat(sync.standardization().std()).containsExactly(local.standardization().std(), within(1e-9));
        assertThat(sync.finalLoss()).isCloseTo(local.finalLoss(), within(1e-5 * local.finalLoss()));

        Files.writeString(folder.resolve("part-0.csv"), "id,x,y\n" + java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> "row" + i + "," + i + "," + i).collect(java.util.stream.Collectors.joining("\n")));
        assertThatThrownBy(() -> Descent.train(onSpark(config("data", "csv", "data.path", folder.toString(),
                "data.missing", "mean"), "sync"))).isInstanceOf(DataException.class)
                .hasMessageStartingWith("column 'id' of " + folder + " has 300 categories in its 300 training rows,"
                        + " more than data.max-categories = 100");
    }

    @Test
    void sparkKeysPassThroughAndUnknownEngineKeysAreRefused() {
        TrainingResult result = Descent.train(onSpark(config("train.epochs", "1"), "sync")
                .with("spark.sql.shuffle.partitions", "4", "the test"));
        assertThat(result.epochLosses()).hasSize(1);

        assertThatThrownBy(() -> Descent.train(onSpark(config(), "sync").with("engine.partition", "2", "the test")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engine.partitions");
        assertThatThrownBy(() -> Descent.train(config("spark.master", "local[2]")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spark.master (the test) is a setting of engine 'spark'")
                .hasMessageContaining("set engine = spark");
    }

    @Test
    void runningEpochFiguresAreRefusedInOneLineSinceTheExecutorsReportGradientsOnly() {
        assertThatThrownBy(() -> Descent.train(onSpark(config("train.epoch-figures", "running"), "sync")))
                .isInstanceOf(dev.descent.api.DescentException.class)
                .hasMessage("train.epoch-figures = running is not available with engine = spark, whose executors"
                        + " report gradients only; use train.epoch-figures = full (the default)");
    }

    /** price = 3·size − 2·rooms + 5 + noise, features of different scales. */
    static Path houses(Path file, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder text = new StringBuilder("size,rooms,price\n");
        for (int i = 0; i < rows; i++) {
            double size = 50 + 100 * random.nextDouble();
            double rooms = 1 + random.nextInt(6);
            double price = 3 * (size - 100) / 30 - 2 * (rooms - 3.5) / 1.7 + 5 + 0.1 * random.nextGaussian();
            text.append(String.format(java.util.Locale.ROOT, "%.4f,%.0f,%.4f%n", size, rooms, price));
        }
        Files.writeString(file, text);
        return file;
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
