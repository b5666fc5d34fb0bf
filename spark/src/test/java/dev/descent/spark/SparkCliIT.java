package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/descent-spark as a user runs it: the book's run prints the book's lines, a model trained on
 * Spark predicts on Spark as the local predict does, and mistakes are one line with exit code 2.
 */
class SparkCliIT {

    @TempDir
    Path dir;

    private static final Path DESCENT = SparkProcesses.launcher().resolveSibling("descent");

    @Test
    void theBooksRunOnSparkPrintsTheLinesOfTheLocalRun() throws Exception {
        SparkProcesses.Result spark = SparkProcesses.descentSpark(dir, "train", "--set", "engine=spark",
                "--set", "engine.partitions=2", "--set", "spark.master=local[2]", "--set", "spark.ui.enabled=false");
        SparkProcesses.Result local = local("train");

        assertThat(spark.exitCode()).as(spark.stderr()).isZero();
        assertThat(spark.stdout()).isEqualTo(local.stdout()).contains("epoch 3, loss 0.000051");
        assertThat(spark.stderr()).doesNotContain("Exception").contains("INFO  trained 3 epoch(s)");
        // Spark's start-up (seconds) is announced before it happens, and its end said with what it found.
        assertThat(spark.stderr().lines().findFirst().orElse(""))
                .isEqualTo("INFO  starting Spark on local[2] (this takes a few seconds)");
        assertThat(spark.stderr()).containsPattern("INFO  Spark 4\\.[0-9.]+ is up after [0-9.]+ s, with 2 core\\(s\\);"
                + " reading the data in its executors");
    }

    @Test
    void aModelTrainedOnSparkPredictsOnSparkAsTheLocalPredictDoes() throws Exception {
        Path csv = SparkEngineTest.houses(dir.resolve("houses.csv"), 3_000);
        Path withIds = dir.resolve("with-ids.csv");
        List<String> lines = Files.readAllLines(csv);
        List<String> numbered = new ArrayList<>(List.of("id," + lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            numbered.add(i + "," + lines.get(i));
        }
        Files.write(withIds, numbered);
        SparkProcesses.Result train = SparkProcesses.descentSpark(dir, "train", "--set", "data=csv",
                "--set", "data.path=" + withIds, "--set", "data.target=price", "--set", "data.features=size,rooms",
                "--set", "engine=spark", "--set", "engine.strategy=local-sgd", "--set", "engine.partitions=2",
                "--set", "spark.master=local[2]", "--set", "spark.ui.enabled=false", "--save", "model.json");
        assertThat(train.exitCode()).as(train.stderr()).isZero();

        SparkProcesses.Result expected = local("predict", "--model", "model.json", "--data", withIds.toString(),
                "--include", "id", "--out", "local.csv");
        assertThat(expected.exitCode()).as(expected.stderr()).isZero();
        SparkProcesses.Result csvOut = SparkProcesses.descentSpark(dir, "predict", "--engine", "spark",
                "--model", "model.json", "--data", withIds.toString(), "--include", "id", "--out", "spark-csv",
                "--set", "spark.master=local[2]", "--set", "spark.ui.enabled=false");
        SparkProcesses.Result parquetOut = SparkProcesses.descentSpark(dir, "predict", "--engine", "spark",
                "--model", "model.json", "--data", withIds.toString(), "--include", "id", "--out", "p.parquet",
                "--set", "spark.master=local[2]", "--set", "spark.ui.enabled=false");

        assertThat(csvOut.exitCode()).as(csvOut.stderr()).isZero();
        assertThat(csvOut.stderr()).contains("predicted 3000 rows into spark-csv");
        List<String> local = Files.readAllLines(dir.resolve("local.csv"));
        assertThat(partLines(dir.resolve("spark-csv"), local.get(0))).isEqualTo(local.subList(1, local.size()));
        assertThat(parquetOut.exitCode()).as(parquetOut.stderr()).isZero();
        SparkSession session = SparkSession.builder().master("local[1]").appName("SparkCliIT")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> rows = session.read().parquet(dir.resolve("p.parquet").toString()).orderBy("id").collectAsList();
            assertThat(rows).hasSize(3000);
            assertThat(rows.get(0).schema().fieldNames()).containsExactly("id", "price_predicted");
            String[] first = local.get(1).split(",");
            assertThat(rows.stream().filter(r -> r.getString(0).equals(first[0])).findFirst().orElseThrow().getFloat(1))
                    .isEqualTo(Float.parseFloat(first[1]));
        } finally {
            session.stop();
        }
    }

    @Test
    void sparkSubmitRunsTheApplicationJarWithSparksOwnJars() throws Exception {
        // What the spark-submit script runs: SparkSubmit from a distribution's jars (Spark's alone, with its log4j).
        String jars = Files.readString(Path.of(System.getProperty("spark.distribution.file"))).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", jars));
        command.addAll(SparkFlags.JVM);
        command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--conf", "spark.ui.enabled=false", "--class", "dev.descent.cli.Main",
                Path.of(System.getProperty("descent.spark.jar")).toAbsolutePath().toString(),
                "train", "--set", "engine=spark", "--set", "engine.partitions=2"));
        Process process = SparkProcesses.start(dir, command, dir.resolve("submit.out"), dir.resolve("submit.err"));
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        String stderr = Files.readString(dir.resolve("submit.err"));
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(Files.readString(dir.resolve("submit.out"))).isEqualTo(local("train").stdout());
        assertThat(stderr).contains("trained 3 epoch(s)");
    }

    @Test
    void aSyncRunResumedFromItsModelFileEndsAsTheUninterruptedRun() throws Exception {
        String[] spark = {"--set", "engine=spark", "--set", "engine.partitions=2", "--set", "spark.master=local[2]",
                "--set", "spark.ui.enabled=false", "--set", "optimizer=adam", "--set", "optimizer.lr=0.05"};
        SparkProcesses.Result whole = SparkProcesses.descentSpark(dir, concat(spark, "train", "--set",
                "train.epochs=3"));
        SparkProcesses.Result first = SparkProcesses.descentSpark(dir, concat(spark, "train", "--set",
                "train.epochs=2", "--save", "two.json"));
        SparkProcesses.Result rest = SparkProcesses.descentSpark(dir, concat(spark, "train", "--resume", "two.json",
                "--set", "train.epochs=3"));

        assertThat(whole.exitCode()).as(whole.stderr()).isZero();
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(rest.exitCode()).as(rest.stderr()).isZero();
        String lastEpoch = whole.stdout().lines().filter(l -> l.startsWith("epoch 3,")).findFirst().orElseThrow();
        assertThat(rest.stdout()).contains(lastEpoch).doesNotContain("epoch 2,");
    }

    private static String[] concat(String[] settings, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(settings));
        return all.toArray(String[]::new);
    }

    @Test
    void aBadCellIsOneLineWithExitCode2AndNoStackTrace() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "size,rooms,price\n1,2,3\n4,five,6\n7,8,10\n");
        SparkProcesses.Result result = SparkProcesses.descentSpark(dir, "train", "--set", "data=csv",
                "--set", "data.path=" + csv, "--set", "data.standardize=false", "--set", "engine=spark",
                "--set", "spark.master=local[2]", "--set", "spark.ui.enabled=false");

        assertThat(result.exitCode()).isEqualTo(2);
        // Besides the INFO lines of Spark's start-up, the one line of the error.
        assertThat(result.stderr().lines().filter(l -> !l.startsWith("INFO  "))).containsExactly("descent: column"
                + " 'rooms' of " + csv + " holds 'five', which is not a number; fix the cell, or leave the column out"
                + " of data.features (a column of categories: name it in data.categorical, and the csv source encodes"
                + " it on the driver)");
    }

    @Test
    void aMasterThatNobodyRunsIsOneLineNamingItsAddressAndHowLongItWasTried() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();   // closed again: nobody listens there
        }
        long start = System.nanoTime();
        SparkProcesses.Result result = SparkProcesses.descentSpark(dir, "train", "--set", "engine=spark",
                "--set", "spark.master=spark://127.0.0.1:" + port);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderr().strip()).startsWith("descent: cannot reach the Spark master at 127.0.0.1:" + port)
                .contains("tried for 10 s").doesNotContain("\n").doesNotContain("Exception");
        assertThat(seconds).as("it used to take 70 s and 230 lines").isLessThan(60);
    }

    @Test
    void theLocalDescentSaysWhereTheSparkEngineIs() throws Exception {
        SparkProcesses.Result result = local("train", "--set", "engine=spark");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown engine 'spark'");
    }

    /** The rows of the part files Spark wrote, in part order, without each part's header. */
    private static List<String> partLines(Path folder, String header) throws IOException {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(folder)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                List<String> lines = Files.readAllLines(part);
                assertThat(lines.get(0)).isEqualTo(header);
                rows.addAll(lines.subList(1, lines.size()));
            }
        }
        return rows;
    }

    private SparkProcesses.Result local(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", DESCENT.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("local.out");
        Path err = dir.resolve("local.err");
        Process process = SparkProcesses.start(dir, command, out, err);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new SparkProcesses.Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
