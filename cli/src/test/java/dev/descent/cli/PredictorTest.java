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

    /**
     * A model whose forward pass waits until a second thread's forward pass has started too: under one
     * lock around the forward pass the second thread could never arrive.
     */
    @dev.descent.api.Plugin(name = "rendezvous", description = "Test model: X w, once two threads are in it")
    public static final class RendezvousModel implements dev.descent.api.Model {

        static final java.util.concurrent.CyclicBarrier BOTH = new java.util.concurrent.CyclicBarrier(2);
        private List<dev.descent.api.Parameter> parameters = List.of();

        @Override
        public void initialize(dev.descent.api.ModelContext context) {
            parameters = List.of(context.zeros("w", dev.descent.tensor.Shape.of(context.features(), 1)));
        }

        @Override
        public dev.descent.tensor.Tensor forward(dev.descent.tensor.Tensor features) {
            if (features.shape().dim(0) > 0) {
                try {
                    BOTH.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("no second thread predicted at the same time", e);
                }
            }
            return features.matmul(parameters.get(0).value());
        }

        @Override
        public List<dev.descent.api.Parameter> parameters() {
            return parameters;
        }
    }

    /** The test class path, with {@link RendezvousModel} listed as a model (for this test's registry only). */
    private static ClassLoader withRendezvous(Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + dev.descent.api.Model.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, RendezvousModel.class.getName() + "\n");
        java.net.URL extra = services.toUri().toURL();
        return new ClassLoader(PredictorTest.class.getClassLoader()) {
            @Override
            public java.util.Enumeration<java.net.URL> getResources(String name) throws IOException {
                List<java.net.URL> urls = java.util.Collections.list(super.getResources(name));
                if (name.equals("META-INF/services/" + dev.descent.api.Model.class.getName())) {
                    urls.add(extra);
                }
                return java.util.Collections.enumeration(urls);
            }
        };
    }

    @Test
    void threadsPredictingAtOnceRunTheForwardPassAtOnceEachOnItsOwnCopyOfTheModel() throws Exception {
        PluginRegistry registry = PluginRegistry.discover(withRendezvous(dir));
        float[] w = {1, -2, 0.5f};
        ModelFile file = new ModelFile("descent-model", 3, new ModelFile.Component("rendezvous", "test", "test.jar",
                java.util.Map.of()), List.of("a", "b", "c"), "y", 1, "regression", List.of(), null, null,
                List.of(new ModelFile.ParameterValues("w", new int[] {3, 1}, w)), null, java.util.Map.of(), null);
        try (Predictor predictor = Predictor.load(file, registry)) {
            assertThat(predictor.isDirect()).isFalse();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<float[]>> answers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    float[] row = {t, 1, 2};
                    answers.add(pool.submit(() -> predictor.predict(row.clone(), 1)));
                }
                assertThat(answers.get(0).get()).containsExactly(-1f);
                assertThat(answers.get(1).get()).containsExactly(0f);
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
