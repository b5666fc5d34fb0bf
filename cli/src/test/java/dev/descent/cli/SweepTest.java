package dev.descent.cli;

import static dev.descent.cli.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.config.ConfigException;
import dev.descent.config.RunConfig;
import dev.descent.experiment.Sweep;
import dev.descent.experiment.SweepSpace;
import dev.descent.plugin.PluginRegistry;
import dev.descent.train.RandomStreams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trials a sweep makes, and their outcomes, whatever the order and the number of jobs. */
class SweepTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(SweepTest.class.getClassLoader());

    private static final RunConfig CLASSES = config("data=synthetic-classes", "data.examples=400", "model=mlp",
            "model.hidden=8", "loss=cross-entropy", "train.epochs=3", "train.batch-size=16");

    @Test
    void eachTrialsFiguresAreTheSameWhateverTheOrderAndTheNumberOfJobs() {
        List<SweepSpace.Trial> trials = SweepSpace.parse(List.of("optimizer.lr=0.01,0.1,1", "mlp.hidden=4,16"),
                List.of()).grid(CLASSES, REGISTRY);
        assertThat(trials).hasSize(6);
        Sweep sweep = new Sweep(REGISTRY, new Sweep.Scoring(0, true), List.of());
        List<Sweep.Outcome> alone = sweep.run(trials, 1, o -> { });
        List<SweepSpace.Trial> reversed = new ArrayList<>(trials);
        Collections.reverse(reversed);
        List<Integer> finishedOrder = new ArrayList<>();
        List<Sweep.Outcome> together = sweep.run(reversed, 2, o -> finishedOrder.add(o.trial().number()));
        assertThat(finishedOrder).hasSize(6);
        for (Sweep.Outcome first : alone) {
            Sweep.Outcome second = together.stream().filter(o -> o.trial().number() == first.trial().number())
                    .findFirst().orElseThrow();
            assertThat(first.failed()).isFalse();
            assertThat(second.figures()).as("trial %d", first.trial().number()).isEqualTo(first.figures());
            assertThat(second.training()).isEqualTo(first.training());
        }
        assertThat(alone.get(0).figures()).isNotEqualTo(alone.get(5).figures());
    }

    @Test
    void aComponentsOptionIsSetOnlyInTheTrialsThatUseTheComponentAndTrialsAreNotRepeated() {
        List<SweepSpace.Trial> trials = SweepSpace.parse(List.of("model=linreg,mlp", "mlp.hidden=4,8"), List.of())
                .grid(config("train.epochs=1"), REGISTRY);
        assertThat(trials).extracting(SweepSpace.Trial::describe)
                .containsExactly("model=linreg", "model=mlp, mlp.hidden=4", "model=mlp, mlp.hidden=8");
        assertThat(trials.get(2).config().get("mlp.hidden").orElseThrow().value()).isEqualTo("8");
        assertThat(trials.get(0).config().get("mlp.hidden")).isEmpty();
        // a key the config spells the other way is replaced, not doubled
        List<SweepSpace.Trial> respelled = SweepSpace.parse(List.of("mlp.hidden=4,8", "optimizer.lr=0.5"), List.of())
                .grid(config("model=mlp", "model.hidden=64", "sgd.lr=0.1"), REGISTRY);
        assertThat(respelled.get(0).config().get("model.hidden")).isEmpty();
        assertThat(respelled.get(0).config().get("sgd.lr")).isEmpty();
        assertThat(respelled.get(1).config().get("mlp.hidden").orElseThrow().value()).isEqualTo("8");
        assertThat(dev.descent.run.RunResolver.resolve(respelled.get(1).config(), REGISTRY).model())
                .extracting(m -> dev.descent.plugin.ComponentInfo.of(m).options().get("hidden")).isEqualTo("8");
        assertThat(trials).extracting(SweepSpace.Trial::number).containsExactly(1, 2, 3);
    }

    @Test
    void randomTrialsDrawRatesLogUniformlyWholeNumbersWholeAndTheSameForTheSameSeed() {
        SweepSpace space = SweepSpace.parse(List.of("optimizer=sgd,adam"),
                List.of("optimizer.lr=0.0001:1", "mlp.hidden=8:512", "model.dropout=0:0.5"));
        List<SweepSpace.Trial> trials = space.random(CLASSES, REGISTRY, 400, new RandomStreams(7).stream("sweep"));
        assertThat(space.ranges().get(0).log()).isTrue();
        assertThat(space.ranges().get(2).log()).isFalse();
        int belowMilli = 0;
        for (SweepSpace.Trial t : trials) {
            double lr = Double.parseDouble(t.values().get("optimizer.lr"));
            assertThat(lr).isBetween(0.0001, 1.0);
            assertThat(t.values().get("optimizer.lr").replace("0.", "").replaceFirst("^0+", "").length())
                    .as("four significant digits").isLessThanOrEqualTo(4);
            belowMilli += lr < 0.01 ? 1 : 0;
            assertThat(t.values().get("mlp.hidden")).matches("\\d+");
            assertThat(Integer.parseInt(t.values().get("mlp.hidden"))).isBetween(8, 512);
        }
        // log-uniform: half the draws below 0.01 (the middle of 1e-4 … 1 in logarithms); uniform would give 1%
        assertThat(belowMilli).isBetween(160, 240);
        List<SweepSpace.Trial> again = space.random(CLASSES, REGISTRY, 400, new RandomStreams(7).stream("sweep"));
        assertThat(again).extracting(SweepSpace.Trial::values)
                .containsExactlyElementsOf(trials.stream().map(SweepSpace.Trial::values).toList());
    }

    @Test
    void aFailingTrialIsAnOutcomeWithItsOneLineReason() {
        SweepSpace.Trial diverges = SweepSpace.parse(List.of("optimizer.lr=1000"), List.of())
                .grid(config("data.examples=100", "train.epochs=2"), REGISTRY).get(0);
        Sweep sweep = new Sweep(REGISTRY, new Sweep.Scoring(0, true), List.of());
        Sweep.Outcome outcome = sweep.trial(diverges);
        assertThat(outcome.failed()).isTrue();
        // the book's synthetic data holds nothing out (and has no option to): scoring says what to do
        assertThat(outcome.reason()).isEqualTo("the sweep scores each trial on the validation split, but data ="
                + " synthetic-gaussian holds no rows out; score by cross-validation with --folds 5");
        Sweep.Outcome crossValidated = new Sweep(REGISTRY, new Sweep.Scoring(3, true), List.of()).trial(diverges);
        assertThat(crossValidated.failed()).isTrue();
        assertThat(crossValidated.reason()).contains("diverged").doesNotContain("\n");
    }

    @Test
    void badSpacesAreRefusedInOneLine() {
        assertThatThrownBy(() -> SweepSpace.parse(List.of(), List.of("optimizer.lr=1:0.1")))
                .isInstanceOf(ConfigException.class).hasMessage("--range optimizer.lr=1:0.1 is empty: its low end must"
                        + " be below its high end, e.g. optimizer.lr=0.0001:1");
        assertThatThrownBy(() -> SweepSpace.parse(List.of("optimizer.lr=0.1,,1"), List.of()))
                .hasMessageStartingWith("--grid optimizer.lr=0.1,,1 has an empty value");
        assertThatThrownBy(() -> SweepSpace.parse(List.of("optimizer.lr="), List.of()))
                .hasMessageStartingWith("--grid optimizer.lr= has an empty value");
        assertThatThrownBy(() -> SweepSpace.parse(List.of(), List.of("optimizer.lr=0:1")))
                .hasMessageStartingWith("--range optimizer.lr=0:1 is drawn on a log scale");
        assertThatThrownBy(() -> SweepSpace.parse(List.of(), List.of("optimizer.lr=0.1:1")).grid(CLASSES, REGISTRY))
                .hasMessageStartingWith("--range optimizer.lr draws values for random trials; add --random N");
        assertThatThrownBy(() -> SweepSpace.parse(List.of("optimizer.lr=0.1"), List.of("optimizer.lr=0.1:1")))
                .hasMessageStartingWith("optimizer.lr is swept twice");
    }

    @Test
    void theResultsFileReadsBackAsTheOutcomesItRecorded() {
        List<SweepSpace.Trial> trials = SweepSpace.parse(List.of("optimizer.lr=0.1,1"), List.of())
                .grid(CLASSES, REGISTRY);
        Sweep.Outcome ok = new Sweep.Outcome(trials.get(0), Map.of("loss", 0.5, "accuracy", 0.75, "log-loss", 0.5,
                "macro-F1", 0.7), Map.of(), Map.of("loss", 0.4), 1.25, null, null);
        Sweep.Outcome failed = new Sweep.Outcome(trials.get(1), Map.of(), Map.of(), Map.of(), 0.5,
                "it diverged, \"badly\"", null);
        SweepResults results = new SweepResults(List.of("optimizer.lr"), dev.descent.experiment.Scores.CLASSIFICATION,
                false, 42);
        java.nio.file.Path file = TorchRecordings.ROOT.resolve("cli/target/sweep-results-test.csv");
        results.write(file, List.of(failed, ok), dev.descent.io.OutputPolicy.NO_INPUTS);
        List<Sweep.Outcome> back = results.read(file, trials);
        assertThat(back).hasSize(2);
        assertThat(back.get(0).figures()).isEqualTo(ok.figures());
        assertThat(back.get(1).reason()).isEqualTo("it diverged, \"badly\"");
        assertThat(SweepResults.ranked(back, "accuracy").get(0).trial().number()).isEqualTo(1);
        assertThatThrownBy(() -> new SweepResults(List.of("optimizer.lr"), dev.descent.experiment.Scores.CLASSIFICATION,
                false, 43).read(file, trials)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is trial 1 of another sweep");
    }
}
