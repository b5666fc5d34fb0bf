package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run saved after 3 epochs and resumed to 6 prints the epoch lines of an uninterrupted 6-epoch run
 * for epochs 4-6 and ends with bit-identical parameters, for every optimizer and schedule, through
 * the CLI.
 */
class ExactResumeIT {

    @TempDir
    Path dir;

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("sgd", List.of()),
                Arguments.of("sgd with nesterov momentum and weight decay", List.of("optimizer.momentum=0.9",
                        "optimizer.nesterov=true", "optimizer.weight-decay=0.01", "optimizer.lr=0.01")),
                Arguments.of("adam", List.of("optimizer=adam", "optimizer.lr=0.05")),
                Arguments.of("adam with amsgrad", List.of("optimizer=adam", "optimizer.lr=0.05", "optimizer.amsgrad=true")),
                Arguments.of("adamw", List.of("optimizer=adamw", "optimizer.lr=0.05")),
                Arguments.of("rmsprop, centered, with momentum", List.of("optimizer=rmsprop", "optimizer.centered=true",
                        "optimizer.momentum=0.5")),
                Arguments.of("adagrad with lr-decay", List.of("optimizer=adagrad", "optimizer.lr=0.5",
                        "optimizer.lr-decay=0.01")),
                Arguments.of("schedule step", List.of("schedule=step", "schedule.step-size=2", "schedule.gamma=0.5")),
                Arguments.of("schedule exponential", List.of("schedule=exponential", "schedule.gamma=0.8")),
                Arguments.of("schedule cosine", List.of("schedule=cosine", "schedule.t-max=6")),
                Arguments.of("schedule warmup-cosine", List.of("optimizer=adam", "optimizer.lr=0.05",
                        "schedule=warmup-cosine", "schedule.warmup=2", "schedule.t-max=6")),
                Arguments.of("schedule plateau", List.of("schedule=plateau", "schedule.patience=0",
                        "schedule.factor=0.5", "schedule.threshold=0.5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void aResumedRunContinuesAsIfNeverInterrupted(String name, List<String> settings) throws IOException {
        DescentProcess.Result whole = train(settings, "train.epochs=6", "whole.json");
        DescentProcess.Result first = train(settings, "train.epochs=3", "first.json");
        DescentProcess.Result resumed = descent("train", "--resume", "first.json", "--set", "train.epochs=6",
                "--save", "resumed.json");
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();

        List<String> wholeLines = epochLines(whole);
        assertThat(wholeLines).hasSize(6);
        assertThat(epochLines(first)).isEqualTo(wholeLines.subList(0, 3));
        assertThat(epochLines(resumed)).as(name).isEqualTo(wholeLines.subList(3, 6));
        JsonNode expected = read("whole.json");
        JsonNode actual = read("resumed.json");
        assertThat(actual.get("parameters")).as(name + ": parameters").isEqualTo(expected.get("parameters"));
        assertThat(actual.get("state")).as(name + ": optimizer, schedule and callback state")
                .isEqualTo(expected.get("state"));
    }

    @Test
    void resumingARunThatHasAlreadyReachedItsEpochsSaysWhatToSet() {
        train(List.of(), "train.epochs=3", "done.json");
        DescentProcess.Result again = descent("train", "--resume", "done.json");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).contains("has already trained 3 epoch(s)").contains("set train.epochs above 3");
    }

    @Test
    void anotherOptimizerOnResumeDropsTheSavedOptionsOfTheOldOne() {
        train(List.of("optimizer.momentum=0.9"), "train.epochs=2", "sgd.json");
        DescentProcess.Result switched = descent("train", "--resume", "sgd.json", "--set", "optimizer=adam",
                "--set", "train.epochs=3");
        assertThat(switched.exitCode()).as(switched.stderr()).isZero();
        assertThat(switched.epochLosses()).hasSize(1);
    }

    private DescentProcess.Result train(List<String> settings, String epochs, String save) {
        List<String> args = new ArrayList<>(List.of("train", "--save", save, "--set", epochs));
        settings.forEach(s -> args.addAll(List.of("--set", s)));
        DescentProcess.Result result = descent(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    private static List<String> epochLines(DescentProcess.Result result) {
        return result.stdoutLines().stream().filter(l -> l.startsWith("epoch ")).toList();
    }

    private JsonNode read(String file) throws IOException {
        return new ObjectMapper().readTree(dir.resolve(file).toFile());
    }

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }
}
