package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent inspect}: a saved model's coefficients by feature name, as text and as JSON. */
class InspectIT {

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    /** y = 3 size − 20 age + 100, features far from zero and of very different spreads. */
    private void writeHouses() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("size,age,price\n");
        for (int i = 0; i < 400; i++) {
            double size = 50 + 150 * random.nextDouble();
            double age = random.nextInt(60);
            csv.append(String.format(Locale.ROOT, "%.2f,%.0f,%.3f%n", size, age,
                    3 * size - 20 * age + 100 + 0.1 * random.nextGaussian()));
        }
        Files.writeString(dir.resolve("houses.csv"), csv);
    }

    @Test
    void theCoefficientsPerUnitOfEachFeatureAreTheDatasOwnAndTheStandardisedOnesWhatTrainingSaw() throws IOException {
        writeHouses();
        assertThat(descent("train", "--set", "data=csv", "--set", "data.path=houses.csv", "--set", "train.epochs=60",
                "--set", "optimizer=adam", "--set", "optimizer.lr=0.5", "--save", "m.json", "-q").exitCode()).isZero();
        DescentProcess.Result text = descent("inspect", "--model", "m.json");
        assertThat(text.exitCode()).as(text.stderr()).isZero();
        assertThat(text.stdout()).startsWith("m.json: a 'linreg' model").contains("predicting price from 2 feature(s)")
                .contains("coefficients per unit of each feature").contains("coefficients per standard deviation")
                .contains("feature scaling").containsPattern("epoch 60 +\\d+\\.\\d{6}").contains("optimizer  adam")
                .contains("optimizer.lr = 0.5");

        DescentProcess.Result json = descent("inspect", "--model", "m.json", "--json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.stdout());
        JsonNode perUnit = root.path("coefficients").path("perUnit");
        JsonNode standardised = root.path("coefficients").path("standardised");
        JsonNode scaling = root.path("scaling");
        // Per unit: the standardised weight over the feature's spread; the intercept takes the means.
        double intercept = standardised.path("(intercept)").get(0).asDouble();
        for (String feature : new String[] {"size", "age"}) {
            double w = standardised.path(feature).get(0).asDouble();
            double std = scaling.path(feature).path("std").asDouble();
            assertThat(perUnit.path(feature).get(0).asDouble()).isCloseTo(w / std, within(1e-9 * Math.abs(w / std)));
            intercept -= w * scaling.path(feature).path("mean").asDouble() / std;
        }
        assertThat(perUnit.path("(intercept)").get(0).asDouble()).isCloseTo(intercept, within(1e-9 * Math.abs(intercept)));
        // and the data's own coefficients come out, to within what 60 epochs of training reach
        assertThat(perUnit.path("size").get(0).asDouble()).isCloseTo(3, within(0.1));
        assertThat(perUnit.path("age").get(0).asDouble()).isCloseTo(-20, within(1.0));
        assertThat(perUnit.path("(intercept)").get(0).asDouble()).isCloseTo(100, within(15.0));
        assertThat(root.path("provenance").path("epochLosses")).hasSize(60);
        assertThat(root.path("config").path("data.path").asText()).isEqualTo("houses.csv");
    }

    @Test
    void aClassifierHasOneColumnPerClassAndLogisticTheSecondClasssLogit() throws IOException {
        assertThat(descent("train", "--set", "data=synthetic-classes", "--set", "model=softmax", "--set",
                "loss=cross-entropy", "--save", "soft.json", "-q").exitCode()).isZero();
        DescentProcess.Result softmax = descent("inspect", "--model", "soft.json");
        assertThat(softmax.exitCode()).as(softmax.stderr()).isZero();
        assertThat(softmax.stdout()).contains("classifying class into 3 classes (0, 1, 2)")
                .containsPattern("\\n +0 +1 +2\\n  x0 ").contains("validation-accuracy");

        assertThat(descent("train", "--set", "data=synthetic-classes", "--set", "data.classes=2", "--set",
                "model=logistic", "--set", "loss=binary-cross-entropy", "--save", "logit.json", "-q").exitCode()).isZero();
        assertThat(descent("inspect", "--model", "logit.json").stdout()).contains("logit of 1");
    }

    @Test
    void aMissingModelIsOneLineWithExitCode2() {
        DescentProcess.Result result = descent("inspect", "--model", "nowhere.json");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).singleElement().asString().startsWith("descent: model file nowhere.json does not exist");
    }
}
