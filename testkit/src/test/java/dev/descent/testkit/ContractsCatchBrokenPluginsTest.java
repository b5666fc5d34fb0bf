package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The contracts are only worth something if they fail for broken plugins: these must fail. */
class ContractsCatchBrokenPluginsTest {

    private static Events run(Class<?> contractTest) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contractTest)).execute().testEvents();
    }

    /** The unique ids of the failed tests, which name the test method (display names of parameterized runs do not). */
    private static List<String> failedTests(Class<?> contractTest) {
        return run(contractTest).failed().stream().map(e -> e.getTestDescriptor().getUniqueId().toString()).toList();
    }

    @Test
    void aLossReturningOneValuePerBatchFailsTheShapeCheck() {
        assertThat(failedTests(SummingLossCheck.class)).anyMatch(id -> id.contains("returnsOneLossPerExample"));
    }

    @Test
    void aLossThatCanBeNegativeFailsTheSignCheck() {
        assertThat(failedTests(SignedLossCheck.class)).anyMatch(id -> id.contains("isNonNegativeAndFinite"));
    }

    @Test
    void aNaiveLogCoshThatOverflowsFailsTheLargeErrorCheck() {
        assertThat(failedTests(NaiveLogCoshLossCheck.class))
                .anyMatch(id -> id.contains("staysFiniteWithAFiniteGradientForHugeAndTinyErrors"));
    }

    @Test
    void anOptimizerSharingStateAcrossInstancesFailsTheLeakCheck() {
        assertThat(failedTests(SharedStateOptimizerCheck.class)).anyMatch(id -> id.contains("stateDoesNotLeakBetweenInstances"));
    }

    @Test
    void anOptimizerThatMovesWithoutAGradientFailsTheZeroGradientCheck() {
        assertThat(failedTests(DriftingOptimizerCheck.class)).anyMatch(id -> id.contains("aZeroGradientLeavesParametersUnchanged"));
    }

    @Test
    void anOptimizerIgnoringTheBatchSizeFailsTheMeanGradientCheck() {
        assertThat(failedTests(BatchBlindOptimizerCheck.class))
                .anyMatch(id -> id.contains("theUpdateFollowsTheMeanGradientOverTheRealBatchSize"));
    }

    @Test
    void anOptimizerWithAStaticStateMapFailsTheSharedParameterCheck() {
        assertThat(failedTests(StaticStateOptimizerCheck.class))
                .anyMatch(id -> id.contains("twoInstancesKeepTheirOwnStateEvenForTheSameParameterObjects"));
    }

    @Test
    void anOptimizerCountingStepsPerParameterFailsTheStepCounterCheck() {
        assertThat(failedTests(CountPerParameterOptimizerCheck.class))
                .anyMatch(id -> id.contains("theStepCounterAdvancesOncePerStepNotOncePerParameter"));
    }

    @Test
    void anOptimizerThatForgetsItsStateFailsTheRestoreCheck() {
        assertThat(failedTests(ForgetfulOptimizerCheck.class))
                .anyMatch(id -> id.contains("aRestoredOptimizerTakesExactlyTheStepsOfTheUninterruptedOne"));
    }

    @Test
    void aModelInitialisedFromAnUnseededRandomFailsTheSeedCheck() {
        assertThat(failedTests(UnseededModelCheck.class)).anyMatch(id -> id.contains("theSameSeedGivesTheSameInitialisation"));
    }

    @Test
    void aModelThatCallsItselfAffineButAddsNoBiasFailsTheAffineCheck() {
        assertThat(failedTests(FalselyAffineModelCheck.class)).anyMatch(id -> id.contains("anAffineModelComputesXTimesWPlusB"));
    }

    @Test
    void aNaiveSoftmaxCrossEntropyFailsTheLargeLogitCheck() {
        assertThat(failedTests(NaiveCrossEntropyCheck.class))
                .anyMatch(id -> id.contains("staysFiniteWithAFiniteGradientForLogitsOfTenThousand"));
    }

    @Test
    void aHealthyCrossEntropyPassesEveryCheck() {
        Events events = run(StableCrossEntropyCheck.class);
        assertThat(events.failed().count()).isZero();
        assertThat(events.succeeded().count()).isPositive();
    }

    @Test
    void aHealthyPluginPassesEveryCheck() {
        Events events = run(HealthyLossCheck.class);
        assertThat(events.failed().count()).isZero();
        assertThat(events.succeeded().count()).isPositive();
    }

    // ----- broken plugins, checked by the kit (named *Check so the build does not run them itself) ----

    /** Momentum whose velocity is {@code v = 0.9 v + g}, and whose step count scales the rate. */
    abstract static class CountingMomentum implements Optimizer {
        final Map<Parameter, Tensor> velocities;
        long steps;

        CountingMomentum(Map<Parameter, Tensor> velocities) {
            this.velocities = velocities;
        }

        @Override
        public void step(List<Parameter> parameters, int batchSize) {
            steps++;
            for (Parameter p : parameters) {
                Tensor v = velocities.computeIfAbsent(p, q -> Tensor.persistentZeros(q.value().device(), q.value().shape()));
                v.mulInPlace(0.9).addScaledInPlace(1.0 / divisor(batchSize), p.grad());
                p.value().addScaledInPlace(-0.01 / Math.sqrt(count(parameters.size())), v);
            }
        }

        int divisor(int batchSize) {
            return batchSize;
        }

        long count(int parameters) {
            return steps;
        }
    }

    static class BatchBlindOptimizerCheck extends OptimizerContract {
        @Override
        protected Optimizer createOptimizer() {
            return new CountingMomentum(new java.util.IdentityHashMap<>()) {
                @Override
                int divisor(int batchSize) {
                    return 1;
                }
            };
        }
    }

    private static final Map<Parameter, Tensor> STATIC_STATE = new java.util.IdentityHashMap<>();

    static class StaticStateOptimizerCheck extends OptimizerContract {
        @Override
        protected Optimizer createOptimizer() {
            return new CountingMomentum(STATIC_STATE) { };
        }
    }

    static class CountPerParameterOptimizerCheck extends OptimizerContract {
        @Override
        protected Optimizer createOptimizer() {
            return new CountingMomentum(new java.util.IdentityHashMap<>()) {
                @Override
                long count(int parameters) {
                    return steps * parameters;
                }
            };
        }
    }

    /** Keeps velocities but saves none: a restored instance starts from rest. */
    static class ForgetfulOptimizerCheck extends OptimizerContract {
        @Override
        protected Optimizer createOptimizer() {
            return new CountingMomentum(new java.util.IdentityHashMap<>()) { };
        }
    }

    static class NaiveLogCoshLossCheck extends LossContract {
        @Override
        protected Loss createLoss() {
            return (yHat, y) -> {
                Tensor e = yHat.sub(y.reshape(yHat.shape()));
                return e.exp().add(e.neg().exp()).div(2).log();
            };
        }
    }

    static class SummingLossCheck extends LossContract {
        @Override
        protected Loss createLoss() {
            return (yHat, y) -> yHat.sub(y.reshape(yHat.shape())).square().sum();
        }
    }

    static class SignedLossCheck extends LossContract {
        @Override
        protected Loss createLoss() {
            return (yHat, y) -> yHat.sub(y.reshape(yHat.shape()));
        }
    }

    /** −log(exp(z_y) / Σ exp(z)), as written in a textbook: exp(1e4) overflows. */
    static class NaiveCrossEntropyCheck extends ClassificationLossContract {
        @Override
        protected Loss createLoss() {
            return new Loss() {
                public Tensor apply(Tensor yHat, Tensor y) {
                    Tensor e = yHat.exp();
                    int n = yHat.shape().dim(0);
                    return e.pick(y).div(e.sum(1)).log().neg().reshape(n, 1);
                }

                public dev.descent.api.Task task() {
                    return dev.descent.api.Task.CLASSIFICATION;
                }
            };
        }
    }

    static class StableCrossEntropyCheck extends ClassificationLossContract {
        @Override
        protected Loss createLoss() {
            return new Loss() {
                public Tensor apply(Tensor yHat, Tensor y) {
                    return yHat.logSumExp(1).sub(yHat.pick(y)).reshape(yHat.shape().dim(0), 1);
                }

                public dev.descent.api.Task task() {
                    return dev.descent.api.Task.CLASSIFICATION;
                }
            };
        }
    }

    static class HealthyLossCheck extends LossContract {
        @Override
        protected Loss createLoss() {
            return (yHat, y) -> yHat.sub(y.reshape(yHat.shape())).square().div(2);
        }
    }

    /** Momentum whose velocities are static: a second instance starts with the first one's state. */
    static final class SharedStateOptimizer implements Optimizer {
        private static final Map<String, float[]> VELOCITY = new HashMap<>();

        @Override
        public void step(List<Parameter> parameters, int batchSize) {
            for (Parameter p : parameters) {
                float[] g = p.grad().toFloatArray();
                float[] v = VELOCITY.computeIfAbsent(p.value().shape().toString(), k -> new float[g.length]);
                float[] values = p.value().toFloatArray();
                for (int i = 0; i < g.length; i++) {
                    v[i] = 0.9f * v[i] + g[i];
                    values[i] -= 0.01f * v[i];
                }
                p.value().assign(values);
            }
        }
    }

    static class SharedStateOptimizerCheck extends OptimizerContract {
        @Override
        protected Optimizer createOptimizer() {
            return new SharedStateOptimizer();
        }
    }

    static class DriftingOptimizerCheck extends OptimizerContract {
        @Override
        protected Optimizer createOptimizer() {
            return (parameters, batchSize) -> parameters.forEach(p ->
                    p.value().addScaledInPlace(-0.03, p.grad()).assign(shifted(p.value().toFloatArray())));
        }

        private static float[] shifted(float[] values) {
            for (int i = 0; i < values.length; i++) {
                values[i] += 1e-3f;
            }
            return values;
        }
    }

    static class UnseededModelCheck extends ModelContract {
        @Override
        protected Model createModel() {
            return new Model() {
                private List<Parameter> parameters = List.of();

                @Override
                public void initialize(ModelContext context) {
                    Random unseeded = new Random();
                    float[] w = new float[context.features()];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = (float) unseeded.nextGaussian();
                    }
                    parameters = List.of(new Parameter("w", Tensor.parameter(context.device(), w,
                            Shape.of(context.features(), 1))));
                }

                @Override
                public Tensor forward(Tensor x) {
                    return x.matmul(parameters.get(0).value());
                }

                @Override
                public List<Parameter> parameters() {
                    return parameters;
                }
            };
        }

        @Override
        protected Map<String, Shape> expectedParameters(int features) {
            return Map.of("w", Shape.of(features, 1));
        }
    }

    /** Says its forward is X w + b, but forgets b. */
    static class FalselyAffineModelCheck extends ModelContract {
        @Override
        protected Model createModel() {
            return new Model() {
                private List<Parameter> parameters = List.of();

                @Override
                public void initialize(ModelContext context) {
                    parameters = List.of(context.normal("w", Shape.of(context.features(), 1), 0.1),
                            context.zeros("b", Shape.of(1)));
                }

                @Override
                public Tensor forward(Tensor x) {
                    return x.matmul(parameters.get(0).value());
                }

                @Override
                public List<Parameter> parameters() {
                    return parameters;
                }

                @Override
                public java.util.Optional<dev.descent.api.Affine> affine() {
                    return java.util.Optional.of(new dev.descent.api.Affine("w", "b"));
                }
            };
        }

        @Override
        protected Map<String, Shape> expectedParameters(int features) {
            return Map.of("w", Shape.of(features, 1), "b", Shape.of(1));
        }
    }

    @Test
    void aLayerThatMisstatesItsWidthFailsTheShapeCheck() {
        assertThat(failedTests(WrongWidthLayerCheck.class))
                .anyMatch(id -> id.contains("mapsEachRowToTheWidthItSaidInBothPasses"));
    }

    @Test
    void aLayerDrawingByChanceWhenEvaluatingFailsTheDeterminismCheck() {
        assertThat(failedTests(ChancyLayerCheck.class)).anyMatch(id -> id.contains("anEvaluationPassIsDeterministic"));
    }

    @Test
    void aLayerThatCutsTheGraphFailsTheGradientCheck() {
        assertThat(failedTests(DetachingLayerCheck.class))
                .anyMatch(id -> id.contains("gradientsMatchFiniteDifferencesInBothPasses"));
    }

    @Test
    void layersSharingAStaticParameterFailTheIsolationCheck() {
        assertThat(failedTests(SharedParameterLayerCheck.class)).anyMatch(id -> id.contains("instancesShareNoState"));
    }

    @Test
    void aLayerKeepingStateOutsideItsParametersFailsTheRestoreCheck() {
        assertThat(failedTests(HiddenScaleLayerCheck.class))
                .anyMatch(id -> id.contains("aLayerRestoredFromItsSavedParametersComputesWhatTheSavedOneDid"));
    }

    /** Scales by a factor it draws at initialisation and keeps in a field: no model file holds it. */
    static class HiddenScaleLayerCheck extends LayerContract {
        @Override
        protected dev.descent.api.Layer createLayer() {
            return new dev.descent.api.Layer() {
                private double scale;

                @Override
                public int initialize(dev.descent.api.LayerContext context) {
                    scale = 1 + context.random().nextDouble();
                    return context.inputs();
                }

                @Override
                public Tensor forward(Tensor input, dev.descent.api.Pass pass) {
                    return input.mul(scale);
                }
            };
        }

        @Override
        protected Map<String, Shape> expectedParameters(int inputs) {
            return Map.of();
        }
    }

    /** Says it gives one more value per row than it does. */
    static class WrongWidthLayerCheck extends LayerContract {
        @Override
        protected dev.descent.api.Layer createLayer() {
            return new dev.descent.api.Layer() {
                @Override
                public int initialize(dev.descent.api.LayerContext context) {
                    return context.inputs() + 1;
                }

                @Override
                public Tensor forward(Tensor input, dev.descent.api.Pass pass) {
                    return input.tanh();
                }
            };
        }

        @Override
        protected Map<String, Shape> expectedParameters(int inputs) {
            return Map.of();
        }
    }

    /** Adds noise from a generator of its own in every pass. */
    static class ChancyLayerCheck extends LayerContract {
        @Override
        protected dev.descent.api.Layer createLayer() {
            java.util.Random random = new java.util.Random();
            return new dev.descent.api.Layer() {
                @Override
                public int initialize(dev.descent.api.LayerContext context) {
                    return context.inputs();
                }

                @Override
                public Tensor forward(Tensor input, dev.descent.api.Pass pass) {
                    return input.add(random.nextGaussian() * 0.1);
                }
            };
        }

        @Override
        protected Map<String, Shape> expectedParameters(int inputs) {
            return Map.of();
        }
    }

    /** Scales by a parameter, but through a detached copy of its input: no gradient reaches the input. */
    static class DetachingLayerCheck extends LayerContract {
        @Override
        protected dev.descent.api.Layer createLayer() {
            return new dev.descent.api.Layer() {
                @Override
                public int initialize(dev.descent.api.LayerContext context) {
                    return context.inputs();
                }

                @Override
                public Tensor forward(Tensor input, dev.descent.api.Pass pass) {
                    return input.detach().square();
                }
            };
        }

        @Override
        protected Map<String, Shape> expectedParameters(int inputs) {
            return Map.of();
        }
    }

    /** Every instance multiplies by one static parameter, created by the first. */
    static class SharedParameterLayerCheck extends LayerContract {
        static dev.descent.api.Parameter shared;

        @Override
        protected dev.descent.api.Layer createLayer() {
            return new dev.descent.api.Layer() {
                @Override
                public int initialize(dev.descent.api.LayerContext context) {
                    if (shared == null || shared.value().device() != context.device()) {
                        shared = context.parameter("s", new float[] {1.5f}, Shape.of(1));
                    }
                    return context.inputs();
                }

                @Override
                public Tensor forward(Tensor input, dev.descent.api.Pass pass) {
                    return input.mul(shared.value());
                }

                @Override
                public List<dev.descent.api.Parameter> parameters() {
                    return List.of(shared);
                }
            };
        }

        @Override
        protected Map<String, Shape> expectedParameters(int inputs) {
            return Map.of("0.s", Shape.of(1));
        }
    }
}
