package dev.descent.cli;

import static dev.descent.cli.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.io.ModelFiles;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.Descent;
import dev.descent.run.ResumePlan;
import dev.descent.train.BatchEnd;
import dev.descent.train.EpochEnd;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.epoch-figures = running}: the book's {@code train_ch3} figures — each epoch's loss is
 * the mean of its batches' losses as they trained, with no pass over the training set after it —
 * which change nothing of what is trained.
 */
class RunningFiguresTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(RunningFiguresTest.class.getClassLoader());

    @TempDir
    Path dir;

    private static final String[] CLASSIFIER = {"data=synthetic-classes", "data.examples=300", "data.features=4",
        "data.classes=3", "model=mlp", "mlp.hidden=8", "mlp.dropout=0.2", "loss=cross-entropy", "optimizer.lr=0.1",
        "train.batch-size=32", "train.epochs=4"};

    private static String[] with(String... more) {
        String[] all = Arrays.copyOf(CLASSIFIER, CLASSIFIER.length + more.length);
        System.arraycopy(more, 0, all, CLASSIFIER.length, more.length);
        return all;
    }

    @Test
    void eachEpochsLossIsTheMeanOfItsBatchesLossesAndTheTrainingIsUnchanged() {
        List<double[]> batches = new ArrayList<>();   // epoch, mean loss, examples
        List<EpochEnd> epochs = new ArrayList<>();
        TrainingListener watch = new TrainingListener() {
            @Override
            public void batchEnded(BatchEnd batch) {
                batches.add(new double[] {batch.epoch(), batch.loss(), batch.examples()});
            }

            @Override
            public void epochEnded(EpochEnd epoch) {
                epochs.add(epoch);
            }
        };
        TrainingResult running = Descent.train(config(with("train.epoch-figures=running")), REGISTRY, List.of(watch),
                List.of());
        TrainingResult full = Descent.train(config(CLASSIFIER), REGISTRY, List.of(), List.of());

        for (EpochEnd epoch : epochs) {
            double sum = 0;
            double examples = 0;
            for (double[] b : batches) {
                if (b[0] == epoch.epoch()) {
                    sum += b[1] * b[2];
                    examples += b[2];
                }
            }
            assertThat(examples).isEqualTo(240);   // the training part: 300 rows less the validation fifth
            assertThat(epoch.loss()).as("epoch %d", epoch.epoch()).isCloseTo(sum / examples,
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(epoch.metrics().get("accuracy")).isBetween(0.0, 1.0);
        }
        assertThat(running.epochLosses()).isNotEqualTo(full.epochLosses());
        for (String name : full.parameters().keySet()) {
            assertThat(running.parameters().get(name)).as(name).isEqualTo(full.parameters().get(name));
        }
        assertThat(running.validationLosses()).as("validation is scored in full either way")
                .isEqualTo(full.validationLosses());
    }

    @Test
    void aResumedRunContinuesTheRunningFiguresAsTheUninterruptedRun() throws IOException {
        TrainingResult whole = Descent.train(config(with("train.epoch-figures=running")), REGISTRY, List.of(),
                List.of());
        Path saved = dir.resolve("two.json");
        ModelFiles.write(Descent.train(config(with("train.epoch-figures=running", "train.epochs=2")), REGISTRY,
                List.of(), List.of()).toModelFile(Instant.EPOCH), saved);
        TrainingResult resumed = Descent.resume(ResumePlan.of(saved, config("train.epochs=4")), REGISTRY, List.of());
        assertThat(resumed.epochLosses()).isEqualTo(whole.epochLosses());
        assertThat(resumed.epochMetrics()).isEqualTo(whole.epochMetrics());
    }

    @Test
    void anUnknownChoiceIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> Descent.train(config(with("train.epoch-figures=mean")), REGISTRY, List.of(),
                List.of())).hasMessageContaining("train.epoch-figures").hasMessageContaining("full")
                .hasMessageContaining("running");
    }
}
