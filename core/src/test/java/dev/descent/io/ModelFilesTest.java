package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.Encoding;
import dev.descent.api.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    @TempDir
    Path dir;

    private static ModelFile model(float... w) {
        ModelFile.Component linreg = new ModelFile.Component("linreg", "1.0", "/x.jar", Map.of("init-std", "0.01"));
        return new ModelFile(ModelFiles.FORMAT, ModelFiles.PLAIN_FORMAT_VERSION, linreg, List.of("a", "b"), "y", 1,
                "regression", List.of(), new ModelFile.Scaling(new double[] {1, 2}, new double[] {3, 4}), null,
                List.of(new ModelFile.ParameterValues("w", new int[] {2, 1}, w),
                        new ModelFile.ParameterValues("b", new int[] {1}, new float[] {0.1f})),
                new ModelFile.SavedState(3, 0.03, State.builder().array("velocity/w", new float[] {0.5f, -1f})
                        .count("steps", 300).build(), State.EMPTY, Map.of()),
                Map.of("model", "linreg"), new ModelFile.Provenance("0.1", 42, "2026-01-01T00:00:00Z", 3, 5e-5, null,
                List.of(0.04, 1e-4, 5e-5), List.of(), Map.of("model", linreg), Map.of()));
    }

    @Test
    void aWrittenModelReadsBackExactly() {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1.1f, -3.3999999f), file);
        ModelFile read = ModelFiles.read(file);
        assertThat(read.parameters().get(0).values()).containsExactly(1.1f, -3.3999999f);
        assertThat(read.standardization().std()).containsExactly(3, 4);
        assertThat(read.features()).containsExactly("a", "b");
        assertThat(read.provenance().seed()).isEqualTo(42);
    }

    @Test
    void aFailureMidWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        String before = Files.readString(file);
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("{\"format\" : \"descent-mo".getBytes());
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(Files.readString(file)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aTruncatedFileIsReportedAsTruncated() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        String full = Files.readString(file);
        Files.writeString(file, full.substring(0, full.length() / 2));
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void anotherFormatVersionIsRefusedNamingBothVersions() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        Files.writeString(file, Files.readString(file).replace("\"formatVersion\" : 3", "\"formatVersion\" : 7"));
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("format version 7").hasMessageContaining("reads versions 1 to 4");
    }

    @Test
    void theRunsStateReadsBackExactly() {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        ModelFile.SavedState state = ModelFiles.read(file).state();
        assertThat(state.epoch()).isEqualTo(3);
        assertThat(state.learningRate()).isEqualTo(0.03);
        assertThat(state.optimizer().array("velocity/w")).containsExactly(0.5f, -1f);
        assertThat(state.optimizer().count("steps")).isEqualTo(300);
        assertThat(state.schedule().isEmpty()).isTrue();
    }

    @Test
    void aVersionTwoFileWithoutTaskAndClassesIsReadAsARegressionModel() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        String json = Files.readString(file).replace("\"formatVersion\" : 3", "\"formatVersion\" : 2")
                .replaceAll("\\s*\"task\" : \"regression\",", "").replaceAll("\\s*\"classes\" : \\[ \\],", "");
        assertThat(json).doesNotContain("task").doesNotContain("classes");
        Files.writeString(file, json);
        ModelFile read = ModelFiles.read(file);
        assertThat(read.formatVersion()).isEqualTo(2);
        assertThat(read.task()).isEqualTo("regression");
        assertThat(read.classes()).isEmpty();
        assertThat(read.isClassification()).isFalse();
    }

    @Test
    void aClassifierWhoseOutputsDoNotMatchItsClassesIsRefused() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        Files.writeString(file, Files.readString(file).replace("\"task\" : \"regression\"", "\"task\" : \"classification\"")
                .replace("\"classes\" : [ ]", "\"classes\" : [ \"a\", \"b\", \"c\" ]"));
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("3 classes but 1 outputs");
    }

    @Test
    void aVersionOneFileWithoutOutputsAndStateIsStillRead() throws IOException {
        Path file = dir.resolve("m.json");
        Files.writeString(file, """
                {"format": "descent-model", "formatVersion": 1,
                 "model": {"name": "linreg", "version": "0.1.0", "jar": "/x.jar", "options": {"init-std": "0.01"}},
                 "features": ["a", "b"], "target": "y", "standardization": null,
                 "parameters": [{"name": "w", "shape": [2, 1], "values": [1.0, 2.0]},
                                {"name": "b", "shape": [1], "values": [0.5]}],
                 "config": {"model": "linreg"},
                 "provenance": {"descentVersion": "0.1.0", "seed": 42, "created": "2026-11-26T00:00:00Z", "epochs": 3,
                                "finalLoss": 5e-5, "finalValidationLoss": null, "epochLosses": [0.04, 1e-4, 5e-5],
                                "validationLosses": [], "components": {}}}
                """);
        ModelFile read = ModelFiles.read(file);
        assertThat(read.formatVersion()).isEqualTo(1);
        assertThat(read.outputs()).isEqualTo(1);
        assertThat(read.state()).isNull();
        assertThat(read.parameters().get(0).values()).containsExactly(1f, 2f);
    }

    @Test
    void valuesThatDoNotFillTheShapeAreRefused() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        Files.writeString(file, Files.readString(file).replace("\"shape\" : [ 2, 1 ]", "\"shape\" : [ 2000000, 1000 ]"));
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("parameter 'w'");
    }

    @Test
    void otherJsonIsNotAModelFile() throws IOException {
        Path file = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not a Descent model file");
        Path text = Files.writeString(dir.resolve("notes.json"), "not json at all");
        assertThatThrownBy(() -> ModelFiles.read(text)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not valid JSON, at line 1");
    }

    @Test
    void deeplyNestedInputIsRefusedBeforeItCanExhaustMemory() throws IOException {
        Path file = Files.writeString(dir.resolve("deep.json"), "[".repeat(100_000));
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class);
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingTheKey() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        Files.writeString(file, Files.readString(file).replace("\"target\" : \"y\",",
                "\"target\" : \"y\", \"target\" : \"z\","));
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("has the key 'target' twice");
    }

    @Test
    void contentAfterTheJsonObjectIsRefused() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        Files.writeString(file, Files.readString(file) + "\n{\"more\": 1}\n");
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("there is more after its JSON object");
    }

    @Test
    void aFormatVersionThatIsNotAWholeNumberIsRefused() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        String json = Files.readString(file);
        for (String version : new String[] {"1.5", "\"1\"", "2.0"}) {
            Files.writeString(file, json.replace("\"formatVersion\" : 3", "\"formatVersion\" : " + version));
            assertThatThrownBy(() -> ModelFiles.read(file)).as(version).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("formatVersion is " + version);
        }
    }

    @Test
    void aFeatureNamedTwiceIsRefused() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1f, 2f), file);
        Files.writeString(file, Files.readString(file).replace("\"features\" : [ \"a\", \"b\" ]",
                "\"features\" : [ \"a\", \"a\" ]"));
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("names a feature twice");
    }

    @Test
    void theReadersLimitsAreNamedNotCalledInvalidJsonAtAnUnknownPosition() throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}");
        assertThatThrownBy(() -> ModelFiles.read(deep)).hasMessageContaining("nests objects and lists 33 deep; a"
                + " model file nests at most 32").hasMessageNotContaining("unknown position");
        Path text = Files.writeString(dir.resolve("text.json"), "{\"a\":\"" + "x".repeat((1 << 20) + 1) + "\"}");
        assertThatThrownBy(() -> ModelFiles.read(text)).hasMessageContaining("holds a text of 1048577 characters");
        Path number = Files.writeString(dir.resolve("number.json"), "{\"a\":1" + "0".repeat(100) + "}");
        assertThatThrownBy(() -> ModelFiles.read(number)).hasMessageContaining("a number written with 101 characters");
    }

    @Test
    void aFileWithoutItsStandardizationFieldIsRefusedNotReadAsRawFeatures() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(1, 2), file);
        String edited = Files.readString(file).replaceFirst("(?s)\"standardization\" : \\{.*?\\},", "");
        assertThat(edited).doesNotContain("standardization");
        Files.writeString(file, edited);
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("the field 'standardization' is missing");
    }

    @Test
    void anEncodingReadsBackAsWrittenAndMustGiveTheFeatures() throws IOException {
        ModelFile plain = model(1f, 2f);
        Encoding encoding = new Encoding(List.of(
                new Encoding.Column("a", Encoding.NUMBER, "mean", "0.1", true, List.of(), false)));
        ModelFile encoded = new ModelFile(plain.format(), ModelFiles.FORMAT_VERSION, plain.model(),
                List.of("a", "a (missing)"), plain.target(), plain.outputs(), plain.task(), plain.classes(), null,
                encoding, plain.parameters(), plain.state(), plain.config(), plain.provenance());
        Path file = dir.resolve("m.json");
        ModelFiles.write(encoded, file);
        assertThat(Files.readString(file)).contains("\"formatVersion\" : 4");
        assertThat(ModelFiles.read(file).encoding()).isEqualTo(encoding);
        Files.writeString(file, Files.readString(file).replace("\"a (missing)\" ]", "\"b\" ]"));
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageEndingWith("its encoding gives the features [a, a (missing)], not its features [a, b]");
    }
}
