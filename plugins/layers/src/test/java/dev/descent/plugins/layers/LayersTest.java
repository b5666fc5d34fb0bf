package dev.descent.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.DescentException;
import dev.descent.api.Model;
import dev.descent.api.ModelContext;
import dev.descent.api.Parameter;
import dev.descent.api.Pass;
import dev.descent.config.ConfigException;
import dev.descent.plugin.PluginException;
import dev.descent.plugins.cpu.CpuDevice;
import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LayersTest {

    private final Device cpu = new CpuDevice();

    @AfterEach
    void close() {
        cpu.close();
    }

    private static final List<String> CLASSES = List.of("a", "b", "c");

    private Model initialized(String name, Map<String, String> options, int features) {
        Model model = SequentialTest.model(name, options);
        model.initialize(new ModelContext(cpu, features, 3, new SplittableRandom(7), CLASSES));
        return model;
    }

    @Test
    void theMlpIsTheSequentialModelOfTheSameLayers() {
        Model mlp = initialized("mlp", Map.of("hidden", "6, 5", "activation", "tanh", "init", "normal"), 4);
        Model sequential = initialized("sequential", Map.of("layers",
                "linear:6:init=normal, tanh, linear:5:init=normal, tanh, linear:init=normal"), 4);

        assertThat(mlp.parameters()).extracting(Parameter::name).containsExactly("0.W", "0.b", "2.W", "2.b", "4.W", "4.b");
        Tensor x = Tensor.of(cpu, new float[] {1, -2, 0.5f, 3, 0, 1, 2, -1}, Shape.of(2, 4));
        assertThat(mlp.forward(x).toFloatArray()).containsExactly(sequential.forward(x).toFloatArray());
    }

    @Test
    void theBooksInitialisationDrawsWeightsFromNormalWithStdZeroPointZeroOneAndZeroBiases() {
        Model mlp = initialized("mlp", Map.of("hidden", "256", "init", "normal", "init-std", "0.01"), 784);

        float[] w = mlp.parameters().get(0).value().toFloatArray();
        assertThat(std(w)).isCloseTo(0.01, within(0.0002));
        assertThat(mlp.parameters().get(1).value().toFloatArray()).containsOnly(0f);
        assertThat(mlp.parameters().get(1).regularized()).as("biases are not decayed").isFalse();
    }

    @Test
    void heAndXavierAndTorchDrawWithTheirOwnScales() {
        int in = 400;
        int out = 300;
        Map<String, Double> expectedStd = Map.of("he-normal", Math.sqrt(2.0 / in), "he-uniform", Math.sqrt(2.0 / in),
                "xavier-normal", Math.sqrt(2.0 / (in + out)), "xavier-uniform", Math.sqrt(2.0 / (in + out)),
                "torch", 1 / Math.sqrt(3.0 * in));
        expectedStd.forEach((init, std) -> {
            Model m = initialized("sequential", Map.of("layers", "linear:" + out + ":init=" + init + ", linear"), in);
            assertThat(std(m.parameters().get(0).value().toFloatArray())).as(init).isCloseTo(std, within(std * 0.02));
        });
        Model torch = initialized("sequential", Map.of("layers", "linear:" + out + ", linear"), in);
        float bound = (float) (1 / Math.sqrt(in));
        float[] bias = torch.parameters().get(1).value().toFloatArray();
        for (float b : bias) {
            assertThat(Math.abs(b)).as("nn.Linear's bias: U(-1/sqrt(in), 1/sqrt(in))").isLessThanOrEqualTo(bound);
        }
        assertThat(bias).doesNotContain(0f);
    }

    @Test
    void dropoutDropsOnlyWhileTrainingAndScalesWhatItKeeps() {
        Model model = initialized("sequential", Map.of("layers", "dropout:0.25, linear:init=zeros:bias=false"), 1000);
        Dropout dropout = new Dropout(0.25);
        Tensor x = Tensor.of(cpu, filled(1000, 2f), Shape.of(1, 1000));

        assertThat(dropout.forward(x, Pass.EVALUATION).toFloatArray()).containsOnly(2f);
        float[] trained = dropout.forward(x, Pass.training(new SplittableRandom(3))).toFloatArray();
        assertThat(trained).containsOnly(0f, 2f / 0.75f);
        long dropped = countZeros(trained);
        assertThat(dropped).isBetween(200L, 300L);
        assertThat(dropout.forward(x, Pass.training(new SplittableRandom(3))).toFloatArray())
                .as("the same stream draws the same mask").containsExactly(trained);
        assertThat(model.forward(x).shape()).isEqualTo(Shape.of(1, 3));
    }

    @Test
    void dropoutPassesTheGradientOnlyThroughWhatItKept() {
        Dropout dropout = new Dropout(0.5);
        Tensor x = Tensor.parameter(cpu, filled(64, 1f), Shape.of(8, 8));
        float[] out = dropout.forward(x, Pass.training(new SplittableRandom(11))).toFloatArray();
        dropout.forward(x, Pass.training(new SplittableRandom(11))).sum().backward();

        assertThat(x.grad().toFloatArray()).containsExactly(out);   // d(mask·x)/dx = mask, and x = 1
    }

    @Test
    void aLayerNameThatDoesNotExistGetsADidYouMean() {
        assertThatThrownBy(() -> SequentialTest.model("sequential", Map.of("layers", "linear:8, rleu, linear")))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("unknown layer 'rleu' (the test, item 2 of model.layers); did you mean 'relu'?");
    }

    @Test
    void anActivationGivenAnOptionItDoesNotTakeIsRefused() {
        assertThatThrownBy(() -> SequentialTest.model("sequential", Map.of("layers", "linear:8, relu:0.5, linear")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("layer 'relu' (the test, item 2 of model.layers) takes no options, but is given '0.5'");
    }

    @Test
    void aDropoutRateOfOneIsRefused() {
        assertThatThrownBy(() -> SequentialTest.model("mlp", Map.of("dropout", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("it must be >= 0, < 1");
        assertThatThrownBy(() -> SequentialTest.model("sequential", Map.of("layers", "linear:8, dropout:1, linear")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value '1' for dropout:rate (the test, item 2 of model.layers): it must be >= 0, < 1");
    }

    @Test
    void anUnknownNamedOptionSuggestsTheNearest() {
        assertThatThrownBy(() -> SequentialTest.model("sequential", Map.of("layers", "linear:8:int=zeros, linear")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("has no option 'int'; did you mean");
    }

    @Test
    void widthsThatDoNotEndWhereTheDataNeedsAreRefused() {
        assertThatThrownBy(() -> initialized("sequential", Map.of("layers", "linear:8, relu, linear:5"), 4))
                .isInstanceOf(DescentException.class)
                .hasMessageContaining("the last layer (linear) gives 5 values per row, but the model must give one logit"
                        + " per class (3)");
    }

    @Test
    void aSequentialModelWithoutLayersSaysHowToNameThem() {
        assertThatThrownBy(() -> initialized("sequential", Map.of(), 4)).isInstanceOf(DescentException.class)
                .hasMessageContaining("set model.layers, e.g. model.layers = linear:256, relu, linear");
    }

    @Test
    void reluGeluAndTanhMatchTheirDefinitions() {
        float[] v = {-2, -0.5f, 0, 0.5f, 2};
        Tensor x = Tensor.of(cpu, v, Shape.of(1, 5));
        assertThat(new Relu().forward(x, Pass.EVALUATION).toFloatArray()).containsExactly(0, 0, 0, 0.5f, 2);
        float[] gelu = new Gelu().forward(x, Pass.EVALUATION).toFloatArray();
        assertThat(gelu[4]).isCloseTo(1.9544997f, within(1e-6f));   // torch.nn.GELU()(torch.tensor(2.))
        assertThat(gelu[0]).isCloseTo(-0.0455003f, within(1e-6f));
        assertThat(new Tanh().forward(x, Pass.EVALUATION).toFloatArray()[4]).isEqualTo((float) Math.tanh(2));
    }

    @Test
    void theMlpTakesItsOptionsUnderItsOwnNameAsTheBooksConfigsWriteThem() {
        dev.descent.config.RunConfig config = dev.descent.config.RunConfig.empty()
                .with("model", "mlp", "run.properties line 1").with("mlp.hidden", "7, 5", "run.properties line 2")
                .with("loss", "cross-entropy", "run.properties line 3");

        dev.descent.train.Run run = dev.descent.run.RunResolver.resolve(config, SequentialTest.REGISTRY);
        run.model().initialize(new ModelContext(cpu, 4, 3, new SplittableRandom(1), CLASSES));

        assertThat(run.model().parameters()).extracting(p -> p.value().shape()).containsExactly(Shape.of(4, 7),
                Shape.of(7), Shape.of(7, 5), Shape.of(5), Shape.of(5, 3), Shape.of(3));
        assertThatThrownBy(() -> dev.descent.run.RunResolver.resolve(config.with("model.hidden", "3", "--set"),
                SequentialTest.REGISTRY)).isInstanceOf(ConfigException.class)
                .hasMessage("mlp.hidden (run.properties line 2) and model.hidden (--set) set the same option of model"
                        + " 'mlp'; keep one");
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static long countZeros(float[] a) {
        long n = 0;
        for (float v : a) {
            n += v == 0 ? 1 : 0;
        }
        return n;
    }

    private static double std(float[] a) {
        double mean = 0;
        for (float v : a) {
            mean += v;
        }
        mean /= a.length;
        double s = 0;
        for (float v : a) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / a.length);
    }
}
