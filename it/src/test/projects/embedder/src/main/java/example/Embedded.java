package example;

import dev.descent.config.RunConfig;
import dev.descent.io.ModelFile;
import dev.descent.plugin.PluginRegistry;
import dev.descent.train.Descent;
import dev.descent.train.EpochEnd;
import dev.descent.train.Predictor;
import dev.descent.train.RunComponents;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.time.Instant;
import java.util.List;

/** Trains the book's model from Java, then predicts with it: what docs/embedding.md shows. */
public final class Embedded {

    public static void main(String[] args) {
        RunConfig config = RunConfig.empty()
                .with("optimizer.lr", "0.03", "Embedded.java")
                .with("train.epochs", "3", "Embedded.java");
        TrainingListener printer = new TrainingListener() {
            @Override
            public void epochEnded(EpochEnd epoch) {
                System.out.printf("epoch %d, loss %f%n", epoch.epoch(), epoch.loss());
            }
        };
        try (PluginRegistry registry = PluginRegistry.discover(Embedded.class.getClassLoader())) {
            RunComponents run = RunComponents.resolve(config, registry);
            TrainingResult result = Descent.train(run, List.of(printer), List.of());
            ModelFile model = run.toModelFile(result, Instant.now());
            try (Predictor predictor = Predictor.load(model, registry)) {
                // The book's true model: y = 2·x1 − 3.4·x2 + 4.2, so (1, 1) gives 2.8.
                System.out.printf("prediction for (1, 1): %.3f%n", predictor.predict(new float[] {1, 1}));
            }
        }
    }
}
