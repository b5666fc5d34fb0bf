package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.config.RunConfig;
import dev.descent.io.ModelFile;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.Descent;
import dev.descent.predict.Predictor;
import dev.descent.train.Run;
import dev.descent.run.RunResolver;
import dev.descent.train.TrainingResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The predictor a service loads once and calls from many threads, one row at a time. */
class PredictorTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(PredictorTest.class.getClassLoader());

    @TempDir
    Path dir;

    private static ModelFile train(String... assignments) {
        RunConfig config = RunConfig.empty();
        for (String a : assignments) {
            config = config.withOverride(a);
        }
        Run run = RunResolver.resolve(config, REGISTRY);
        TrainingResult result = Descent.train(run, List.of(), List.of());
        return result.toModelFile(Instant.EPOCH);
    }

    /** A CSV of 200 rows, 5 features on very different scales (so standardisation matters), and a target. */
    private Path houses() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("a,b,c,d,e,y\n");
        for (int i = 0; i < 200; i++) {
            double a = random.nextDouble(50, 250);
            double b = random.nextInt(1, 7);
            double c = random.nextDouble(-3, 3);
            double d = random.nextDouble(1000, 90000);
            double e = random.nextDouble(0, 1);
            csv.append(a).append(',').append(b).append(',').append(c).append(',').append(d).append(',').append(e)
                    .append(',').append(2 * a + 10 * b - 3 * c + 0.001 * d + e).append('\n');
        }
        return Files.writeString(dir.resolve("houses.csv"), csv);
    }

    private static float[] rows(int rows, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2) * (1 + i % features * 1000);
        }
        return x;
    }

    @Test
    void oneRowGivesWhatTheBatchGivesWithTheSavedScalingAndLeavesTheRowAlone() throws IOException {
        ModelFile file = train("data=csv", "data.path=" + houses(), "train.epochs=5");
        assertThat(file.standardization()).isNotNull();
        try (Predictor predictor = Predictor.load(file, REGISTRY)) {
            assertThat(predictor.isDirect()).isTrue();
            float[] x = rows(50, 5, 1);
            float[] batch = predictor.predict(x.clone(), 50);
            float[] out = new float[50];
            float[] untouched = x.clone();
            predictor.predict(x, 50, out);
            assertThat(x).as("not scaled in place").containsExactly(untouched);
            for (int i = 0; i < 50; i++) {
                float[] row = Arrays.copyOfRange(x, i * 5, i * 5 + 5);
                float one = predictor.predict(row);
                assertThat((double) one).isCloseTo(batch[i], within(1e-6 * Math.max(1, Math.abs(batch[i]))));
                assertThat(out[i]).isEqualTo(one);
                assertThat(row).containsExactly(Arrays.copyOfRange(untouched, i * 5, i * 5 + 5));
            }
        }
    }

    @Test
    void aClassifiersRowGivesTheBatchsClassAndProbabilities() {
        for (String[] run : new String[][] {
                {"data=synthetic-classes", "model=softmax", "loss=cross-entropy", "data.classes=4", "data.features=3"},
                {"data=synthetic-classes", "model=logistic", "loss=binary-cross-entropy", "data.classes=2"}}) {
            ModelFile file = train(run);
            try (Predictor predictor = Predictor.load(file, REGISTRY)) {
                assertThat(predictor.isDirect()).isTrue();
                int d = predictor.features().size();
                int k = predictor.classes().size();
                float[] x = rows(40, d, 2);
                for (int i = 0; i < x.length; i++) {
                    x[i] /= 1000;
                }
                Predictor.Classified batch = predictor.classify(x.clone(), 40);
                double[] p = new double[k];
                for (int i = 0; i < 40; i++) {
                    float[] row = Arrays.copyOfRange(x, i * d, (i + 1) * d);
                    assertThat(predictor.classify(row)).as(run[1] + " row " + i).isEqualTo(batch.classes()[i]);
                    predictor.probabilities(row, p);
                    for (int c = 0; c < k; c++) {
                        assertThat(p[c]).isCloseTo(batch.probabilities()[i * k + c], within(1e-6));
                    }
                    assertThat(Arrays.stream(p).sum()).isCloseTo(1, within(1e-12));
                }
            }
        }
    }

    @Test
    void manyThreadsShareOnePredictorAndGetTheAnswersOfOne() throws Exception {
        ModelFile file = train("data.random-weights=100", "train.epochs=1");
        try (Predictor predictor = Predictor.load(file, REGISTRY)) {
            float[] x = rows(1000, 100, 5);
            float[] expected = new float[1000];
            predictor.predict(x, 1000, expected);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<float[]>> answers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    answers.add(pool.submit(() -> {
                        float[] mine = new float[1000];
                        float[] row = new float[100];
                        for (int round = 0; round < 20; round++) {
                            for (int i = 0; i < 1000; i++) {
                                System.arraycopy(x, i * 100, row, 0, 100);
                                mine[i] = predictor.predict(row);
                            }
                        }
                        return mine;
                    }));
                }
                for (Future<float[]> answer : answers) {
                    assertThat(answer.get()).containsExactly(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void predictingOneRowAllocatesNothing() {
        ModelFile file = train("data.random-weights=100", "train.epochs=1");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Predictor predictor = Predictor.load(file, REGISTRY)) {
            float[] row = rows(1, 100, 7);
            float[] batch = rows(1000, 100, 8);
            float[] out = new float[1000];
            float sink = 0;
            for (int i = 0; i < 50_000; i++) {   // past the interpreter and C1
                sink += predictor.predict(row);
            }
            predictor.predict(batch, 1000, out);
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                sink += predictor.predict(row);
            }
            for (int i = 0; i < 100; i++) {
                predictor.predict(batch, 1000, out);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated by 100,000 rows and 100 batches (sum %s)", sink)
                    .isLessThan(1024);
        }
    }
}
