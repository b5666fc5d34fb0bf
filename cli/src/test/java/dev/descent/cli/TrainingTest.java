package dev.descent.cli;

import static dev.descent.cli.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import com.google.inject.multibindings.OptionalBinder;
import dev.descent.api.ComponentKind;
import dev.descent.api.Loss;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.api.State;
import dev.descent.io.ModelFile;
import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import dev.descent.predict.Predictor;
import dev.descent.train.ResumeFrom;
import java.time.Instant;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginRegistry;
import dev.descent.train.BatchEnd;
import dev.descent.run.Descent;
import dev.descent.train.EpochEnd;
import dev.descent.train.Run;
import dev.descent.run.RunResolver;
import dev.descent.run.Trainer;
import dev.descent.run.TrainerModule;
import dev.descent.train.TrainingException;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import dev.descent.train.TrainingStart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer over the real bundled plugins: the book's run and the rules around it. */
class TrainingTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(TrainingTest.class.getClassLoader());

    private static TrainingResult train(RunConfig config, TrainingListener... listeners) {
        return Descent.train(config, REGISTRY, List.of(listeners), List.of());
    }

    @Test
    void theBooksRunReachesTheNoiseFloorAndRecoversTheParameters() {
        TrainingResult result = train(RunConfig.empty());
        assertThat(result.epochLosses()).hasSize(3);
        assertThat(result.epochLosses().get(0)).isLessThan(0.1);
        assertThat(result.finalLoss()).isLessThan(1e-4).isGreaterThan(2e-5);   // σ²/2 = 5e-5
        assertThat(result.estimationErrors()).containsOnlyKeys("w", "b");
        for (float[] error : result.estimationErrors().values()) {
            for (float e : error) {
                assertThat(Math.abs(e)).isLessThan(5e-3f);
            }
        }
    }

    @Test
    void aResultPrintsReadablyAsJShellShowsIt() {
        String shown = train(RunConfig.empty()).toString();
        assertThat(shown).doesNotContain("[F@").startsWith("TrainingResult: 3 epochs (1 to 3) in ")
                .contains("\n  loss per epoch: 0.041703, 0.000162, 0.000051\n")
                .contains("\n  w (2x1) = [1.9999, -3.3997]\n").contains("\n  b (1) = [4.1988]\n")
                .contains("\n  w error = [8.5711e-05, -3.0875e-04]\n").endsWith("\n  features x0, x1 -> target y");
        String classifier = train(config("data=synthetic-classes", "model=softmax", "loss=cross-entropy",
                "train.epochs=12")).toString();
        assertThat(classifier).contains("  loss per epoch: ").contains(", …, ")
                .contains("  validation-accuracy per epoch: ").endsWith("(classes 0, 1, 2)");
    }

    @Test
    void theSameSeedGivesBitIdenticalResultsAndAnotherSeedDoesNot() {
        TrainingResult a = train(config("seed=11"));
        TrainingResult b = train(config("seed=11"));
        TrainingResult c = train(config("seed=12"));
        assertThat(a.epochLosses()).isEqualTo(b.epochLosses());
        assertThat(a.parameters().get("w")).isEqualTo(b.parameters().get("w"));
        assertThat(a.epochLosses()).isNotEqualTo(c.epochLosses());
    }

    @Test
    void theCpuDeviceTrainsToTheSameBitsOnOneThreadAndOnSeveral() {
        // Batches of 4096 × 80 and a 30,000-row epoch loss: large enough that the device splits its
        // gathers, products and sums between threads (more than 2 × 2^18 values).
        String[] run = {"device=cpu", "data.examples=30000", "data.random-weights=80", "train.batch-size=7000",
            "train.epochs=2", "optimizer.lr=0.01"};
        TrainingResult one = train(config(run).withOverride("device.threads=1"));
        for (String threads : List.of("2", "3")) {
            TrainingResult many = train(config(run).withOverride("device.threads=" + threads));
            assertThat(many.epochLosses()).as("%s threads", threads).isEqualTo(one.epochLosses());
            assertThat(many.parameters().get("w")).as("%s threads", threads).isEqualTo(one.parameters().get("w"));
            assertThat(many.parameters().get("b")).as("%s threads", threads).isEqualTo(one.parameters().get("b"));
        }
    }

    @Test
    void theDataDoesNotDependOnTrainingSettingsOrTheModel() {
        List<float[]> seen = new ArrayList<>();
        TrainingListener capture = new TrainingListener() {
            @Override
            public void trainingStarted(TrainingStart start) {
                seen.add(start.dataset().featureMatrix());
            }
        };
        train(config("train.batch-size=7", "train.epochs=1"), capture);
        train(config("train.batch-size=50", "model.init-std=0.5", "train.epochs=1"), capture);
        assertThat(seen.get(0)).isEqualTo(seen.get(1));
    }

    @Test
    void aShortLastBatchIsSteppedWithItsRealSize() {
        List<Integer> sizes = new ArrayList<>();
        Optimizer recording = (parameters, batchSize) -> sizes.add(batchSize);
        Descent.train(config("data.examples=25", "train.epochs=2"), REGISTRY, List.of(),
                List.of(binder -> binder.bind(Optimizer.class).toInstance(recording)));
        assertThat(sizes).containsExactly(10, 10, 5, 10, 10, 5);
    }

    @Test
    void aUserCanReplaceTheLossWithAGuiceOverride() {
        int[] calls = {0};
        Loss absolute = (yHat, y) -> {
            calls[0]++;
            return yHat.sub(y.reshape(yHat.shape())).abs();
        };
        Run run = RunResolver.resolve(RunConfig.empty(), REGISTRY);
        Module override = Modules.override(new TrainerModule(run))
                .with(binder -> binder.bind(Loss.class).toInstance(absolute));
        TrainingResult result = Guice.createInjector(override).getInstance(Trainer.class).train();
        assertThat(calls[0]).isEqualTo(3 * (100 + 1));   // per epoch: 100 minibatches, then the full-data loss
        assertThat(result.finalLoss()).isLessThan(0.05);   // mean |error|; it starts near 3
    }

    @Test
    void listenersSeeTheRunInOrder() {
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void trainingStarted(TrainingStart start) {
                events.add("start " + start.batchesPerEpoch());
            }

            @Override
            public void batchEnded(BatchEnd batch) {
                if (batch.batch() == batch.batchesPerEpoch()) {
                    events.add("last batch of " + batch.epoch() + " with " + batch.examples() + " examples, loss "
                            + (batch.loss() >= 0 ? "known" : "negative"));
                }
            }

            @Override
            public void epochEnded(EpochEnd epoch) {
                events.add("epoch " + epoch.epoch() + "/" + epoch.epochs());
            }

            @Override
            public void trainingEnded(TrainingResult result) {
                events.add("end");
            }
        };
        train(config("data.examples=95", "train.epochs=2"), listener);
        assertThat(events).containsExactly("start 10", "last batch of 1 with 5 examples, loss known", "epoch 1/2",
                "last batch of 2 with 5 examples, loss known", "epoch 2/2", "end");
    }

    @Test
    void aDivergingRunStopsAtTheFirstNonFiniteLossAndSuggestsASmallerLearningRate() {
        List<Double> reported = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochEnded(EpochEnd epoch) {
                reported.add(epoch.loss());
            }
        };
        assertThatThrownBy(() -> train(config("optimizer.lr=1000"), listener))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("diverged in epoch 1").hasMessageContaining("smaller optimizer.lr");
        assertThat(reported).allMatch(Double::isFinite);
    }

    @Test
    void aDivergenceNamesTheStepAndThePartThatFirstWentNonFinite() {
        assertThatThrownBy(() -> train(config("optimizer.lr=1000")))
                .hasMessageMatching("training diverged in epoch 1, batch \\d+: the loss 'squared' gave the first value"
                        + " that was not finite \\(from finite predictions\\); the parameters had grown to .*"
                        + "smaller optimizer.lr.*")
                .hasMessageNotContaining("batch 1:");
        assertThatThrownBy(() -> train(config("optimizer.lr=1e38")))
                .hasMessageStartingWith("training diverged in epoch 1, batch 2: the model 'linreg' gave the first value"
                        + " that was not finite (from finite parameters)");
        assertThatThrownBy(() -> train(config("optimizer.lr=3e38")))
                .hasMessageStartingWith("training diverged in epoch 1, batch 1: the optimizer 'sgd' gave the first"
                        + " value that was not finite (parameter 'w', from finite gradients)")
                .hasMessageContaining("smaller optimizer.lr");
    }

    @Test
    void withoutACopyOfTheEpochsStartADivergenceSaysHowToHaveItExplained() {
        assertThatThrownBy(() -> train(config("optimizer.lr=1000", "train.explain-divergence=never")))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("training diverged in epoch 1: the mean loss became ")
                .hasMessageEndingWith("; the learning rate is probably too large, try a smaller optimizer.lr (e.g. a"
                        + " tenth of the current one) (to find the step and the part that first gave a value that was"
                        + " not finite, run again with train.explain-divergence = always)");
        assertThatThrownBy(() -> train(config("optimizer.lr=1000", "train.explain-divergence=always")))
                .hasMessageMatching("training diverged in epoch 1, batch \\d+: the loss 'squared' gave the first value.*");
    }

    @Test
    void aLossThatOverflowsOnTheFirstStepBlamesTheDataNotTheLearningRate() {
        assertThatThrownBy(() -> train(config("data.weights=1e30, 1")))
                .hasMessageStartingWith("training diverged in epoch 1, batch 1: the loss 'squared' gave the first value")
                .hasMessageContaining("the run's first step").hasMessageContaining("too large for float arithmetic")
                .hasMessageNotContaining("optimizer.lr");
    }

    @Test
    void aLossThatDoesNotReturnOneValuePerExampleIsReported() {
        Loss summing = (yHat, y) -> yHat.sub(y.reshape(yHat.shape())).square().sum();
        assertThatThrownBy(() -> Descent.train(RunConfig.empty(), REGISTRY, List.of(),
                List.of(binder -> binder.bind(Loss.class).toInstance(summing))))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("returned shape ()").hasMessageContaining("one value per example");
    }

    @Test
    void listenersCanBeAddedWithAMultibinder() {
        List<Integer> epochs = new ArrayList<>();
        Run run = RunResolver.resolve(RunConfig.empty(), REGISTRY);
        Module listening = binder -> Multibinder.newSetBinder(binder, TrainingListener.class).addBinding()
                .toInstance(new TrainingListener() {
                    @Override
                    public void epochEnded(EpochEnd epoch) {
                        epochs.add(epoch.epoch());
                    }
                });
        Guice.createInjector(new TrainerModule(run), listening).getInstance(Trainer.class).train();
        assertThat(epochs).containsExactly(1, 2, 3);
    }

    @Test
    void trainedParametersAreReturnedInTheModelsOrder() {
        TrainingResult result = train(RunConfig.empty());
        assertThat(result.parameters()).containsOnlyKeys("w", "b");
        assertThat(result.parameters().keySet()).containsExactly("w", "b");
        assertThat(result.parameters().get("w")[0]).isBetween(1.99f, 2.01f);
    }

    @Test
    void aModelWhoseSavedOptionsDifferFromTheDefaultsPredictsWhatItPredictedAtTheEndOfTraining() {
        Run run = RunResolver.resolve(config("model.bias=false", "model.init-std=0.5"), REGISTRY);
        float[][] atTheEnd = new float[2][];
        TrainingListener capture = new TrainingListener() {
            @Override
            public void trainingStarted(TrainingStart start) {
                atTheEnd[0] = start.dataset().featureMatrix().clone();
            }

            @Override
            public void trainingEnded(TrainingResult result) {
                try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
                    int rows = atTheEnd[0].length / 2;
                    atTheEnd[1] = run.model().forward(Tensor.of(run.device(), atTheEnd[0], Shape.of(rows, 2)))
                            .toFloatArray();
                }
            }
        };
        TrainingResult result = Descent.train(run, List.of(capture), List.of());
        assertThat(result.parameters()).containsOnlyKeys("w");
        ModelFile file = result.toModelFile(Instant.EPOCH);
        assertThat(file.model().options()).containsEntry("bias", "false").containsEntry("init-std", "0.5");
        try (Predictor predictor = Predictor.load(file, REGISTRY)) {
            assertThat(predictor.predict(atTheEnd[0].clone(), atTheEnd[0].length / 2)).containsExactly(atTheEnd[1]);
        }
    }

    @Test
    void theModelFileDescribesTheComponentsTheRunUsedOverridesIncluded() {
        Loss absolute = (yHat, y) -> yHat.sub(y.reshape(yHat.shape())).abs();
        Run run = RunResolver.resolve(RunConfig.empty(), REGISTRY);
        TrainingResult result = Descent.train(run, List.of(), List.of(binder -> binder.bind(Loss.class)
                .toInstance(absolute)));
        ModelFile file = result.toModelFile(Instant.EPOCH);
        assertThat(file.provenance().components().get("loss").name()).isEqualTo(absolute.getClass().getName());
        assertThat(file.provenance().components().get("optimizer").name()).isEqualTo("sgd");
        assertThat(file.config()).containsEntry("loss", absolute.getClass().getName()).containsEntry("engine", "local")
                .containsEntry("schedule", "constant").containsEntry("callbacks", "");
    }

    @Test
    void aDeviceBoundByAnOverrideIsClosedWhenTrainingEnds() {
        boolean[] closed = {false};
        CpuDeviceHandle device = new CpuDeviceHandle(closed);
        Descent.train(RunResolver.resolve(config("train.epochs=1"), REGISTRY), List.of(),
                List.of(binder -> binder.bind(Device.class).toInstance(device)));
        assertThat(closed[0]).isTrue();
    }

    @Test
    void aScheduleChangesTheRateThroughLearningRateAndAnOptimizerWithoutItIsRefusedBeforeEpoch1() {
        // Without LearningRate, the constant schedule trains at the optimizer's own rate ...
        CountingOptimizer plain = new CountingOptimizer();
        TrainingResult constant = Descent.train(RunResolver.resolve(config("train.epochs=1"), REGISTRY), List.of(),
                List.of(b -> b.bind(Optimizer.class).toInstance(plain)));
        assertThat(plain.steps).isEqualTo(100);
        assertThat(constant.state().learningRate()).isNaN();
        // ... and a schedule that would change it is refused before any step, naming what to do.
        CountingOptimizer refused = new CountingOptimizer();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Descent.train(RunResolver.resolve(
                        config("schedule=cosine"), REGISTRY), List.of(),
                        List.of(b -> b.bind(Optimizer.class).toInstance(refused))))
                .hasMessageContaining("the schedule 'cosine' changes the learning rate")
                .hasMessageContaining("does not implement dev.descent.api.LearningRate")
                .hasMessageContaining("use schedule = constant");
        assertThat(refused.steps).isZero();
        // sgd implements it: the rate follows the schedule, and ends configured again for the saved config.
        TrainingResult cosine = train(config("schedule=cosine", "train.epochs=4", "optimizer.lr=0.1"));
        assertThat(cosine.state().learningRate()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void anEmbedderResumesAModelFileAsTrainResumeDoesAndEndsAsTheUninterruptedRun(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TrainingResult whole = train(config("train.epochs=4", "optimizer=adam", "optimizer.lr=0.05"));
        java.nio.file.Path saved = dir.resolve("two.json");
        dev.descent.io.ModelFiles.write(train(config("train.epochs=2", "optimizer=adam", "optimizer.lr=0.05"))
                .toModelFile(Instant.EPOCH), saved);
        // The saved config (adam, its lr) under the user's keys; the saved parameters, moments and history.
        dev.descent.run.ResumePlan plan = dev.descent.run.ResumePlan.of(saved, config("train.epochs=4"));
        assertThat(plan.config().get("optimizer").orElseThrow().value()).isEqualTo("adam");
        TrainingResult resumed = Descent.resume(plan, REGISTRY, List.of());
        assertThat(resumed.state().epoch()).isEqualTo(4);
        assertThat(resumed.epochLosses()).isEqualTo(whole.epochLosses());
        assertThat(resumed.parameters().get("w")).isEqualTo(whole.parameters().get("w"));
    }

    @Test
    void anOptimizersStateIsSavedWithTheModelAndRestoredOnResume() {
        CountingOptimizer first = new CountingOptimizer();
        Run run = RunResolver.resolve(config("train.epochs=2"), REGISTRY);
        TrainingResult result = Descent.train(run, List.of(), List.of(b -> b.bind(Optimizer.class).toInstance(first)));
        assertThat(result.state().optimizer().count("steps")).isEqualTo(200);
        assertThat(result.state().epoch()).isEqualTo(2);

        CountingOptimizer resumed = new CountingOptimizer();
        ResumeFrom from = new ResumeFrom("the first run", result.parameters(), result.featureNames(), null,
                result.state(), java.util.Map.of());
        TrainingResult second = Descent.train(RunResolver.resolve(config("train.epochs=3"), REGISTRY), List.of(),
                List.of(b -> b.bind(Optimizer.class).toInstance(resumed),
                        b -> OptionalBinder.newOptionalBinder(b, ResumeFrom.class).setBinding().toInstance(from)));
        assertThat(resumed.restoredFrom).isEqualTo(200);
        assertThat(second.state().optimizer().count("steps")).isEqualTo(300);
        assertThat(second.state().epoch()).isEqualTo(3);
    }

    @Test
    void theEngineIsChosenByNameLikeAnyComponent() {
        assertThat(train(config("engine=local")).epochLosses()).hasSize(3);
        assertThatThrownBy(() -> train(config("engine=spark")))
                .hasMessageContaining("unknown engine 'spark'").hasMessageContaining("available engines: local");
    }

    /** Counts its steps, and saves and restores the count. */
    private static final class CountingOptimizer implements Optimizer {
        long steps;
        long restoredFrom = -1;

        @Override
        public void step(List<Parameter> parameters, int batchSize) {
            steps++;
            for (Parameter p : parameters) {
                p.value().addScaledInPlace(-0.03 / batchSize, p.grad());
            }
        }

        @Override
        public State saveState() {
            return State.builder().count("steps", steps).build();
        }

        @Override
        public void restoreState(State state) {
            steps = state.count("steps");
            restoredFrom = steps;
        }
    }

    /** A cpu device that records being closed. */
    private static final class CpuDeviceHandle implements Device {
        private final Device cpu = (Device) PluginRegistry.instantiate(REGISTRY.require(ComponentKind.DEVICE, "cpu",
                null));
        private final boolean[] closed;

        CpuDeviceHandle(boolean[] closed) {
            this.closed = closed;
        }

        @Override
        public String description() {
            return "a cpu that records being closed";
        }

        @Override
        public DeviceBuffer allocate(int length) {
            return cpu.allocate(length);
        }

        @Override
        public void release(DeviceBuffer buffer) {
            cpu.release(buffer);
        }

        @Override
        public void upload(float[] source, DeviceBuffer target) {
            cpu.upload(source, target);
        }

        @Override
        public void download(DeviceBuffer source, float[] target) {
            cpu.download(source, target);
        }

        @Override
        public void fill(DeviceBuffer target, float value) {
            cpu.fill(target, value);
        }

        @Override
        public void close() {
            closed[0] = true;
            cpu.close();
        }
    }
}
