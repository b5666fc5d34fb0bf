package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Loss;
import dev.descent.config.RunConfig;
import dev.descent.tensor.Tensor;
import dev.descent.run.Descent;
import dev.descent.train.TrainingResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Descent used as a library from a service's code: no config file, no jars, no CLI. */
class EmbeddingTest {

    /** A loss written in the embedding application itself: mean absolute error's per-example term. */
    private static final class AbsoluteLoss implements Loss {
        int calls;

        @Override
        public Tensor apply(Tensor yHat, Tensor y) {
            calls++;
            return yHat.sub(y.reshape(yHat.shape())).abs();
        }
    }

    @Test
    void aSparkKeyWithoutTheSparkEngineIsAnUnknownKeyForAnEmbedder() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Descent.train(RunConfig.empty()
                        .with("spark.master", "local[2]", "EmbeddingTest")))
                .isInstanceOf(dev.descent.config.ConfigException.class)
                .hasMessageStartingWith("unknown key spark.master (EmbeddingTest); valid keys: data, ");
    }

    @Test
    void theDescentCommandSaysWhereTheSparkEngineIs() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = DescentCommand.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        org.assertj.core.api.Assertions.assertThat(cli.execute("train", "--set", "spark.master=local[2]"))
                .isEqualTo(ExitCodes.USER_ERROR);
        org.assertj.core.api.Assertions.assertThat(err.toString()).contains("spark.master (--set spark.master=local[2])"
                + " is a setting of the spark engine, which this descent does not have: run with descent-spark"
                + " (bin/descent-spark, or spark-submit with spark/target/descent-spark.jar) and engine = spark, or"
                + " remove the key");
    }

    @Test
    void oneCallTrainsAndReturnsLossesAndParameters() {
        TrainingResult result = Descent.train(RunConfig.empty()
                .with("optimizer.lr", "0.1", "EmbeddingTest")
                .with("train.epochs", "2", "EmbeddingTest"));
        assertThat(result.epochLosses()).hasSize(2);
        assertThat(result.finalLoss()).isLessThan(1e-4);
        assertThat(result.parameters().get("w")).hasSize(2);
        assertThat(result.parameters().get("b")[0]).isBetween(4.19f, 4.21f);
    }

    @Test
    void aLossInstanceFromCodeReplacesTheConfiguredOne() {
        AbsoluteLoss loss = new AbsoluteLoss();
        TrainingResult result = Descent.train(RunConfig.empty(), List.of(),
                List.of(binder -> binder.bind(Loss.class).toInstance(loss)));
        assertThat(loss.calls).isEqualTo(3 * (100 + 1));
        assertThat(result.finalLoss()).as("mean |error|").isLessThan(0.05);
    }
}
