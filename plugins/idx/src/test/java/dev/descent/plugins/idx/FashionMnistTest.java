package dev.descent.plugins.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.Dataset;
import dev.descent.config.ConfigValue;
import dev.descent.plugin.OptionBinder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real files of Debian's dataset-fashion-mnist (.ci/run installs it) and small made-up ones. */
class FashionMnistTest {

    @TempDir
    Path dir;

    private static final DataContext CONTEXT = new DataContext(new SplittableRandom(1));

    @Test
    void readsTheBooksTrainingImagesAsRowsOf784ValuesInZeroToOne() {
        Dataset data = configure(new FashionMnist(), Map.of("examples", "100")).load(CONTEXT);

        assertThat(data.examples()).isEqualTo(100);
        assertThat(data.features()).isEqualTo(784);
        assertThat(data.featureNames()).startsWith("pixel1").endsWith("pixel784");
        assertThat(data.classes()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                "Shirt", "Sneaker", "Bag", "Ankle boot");
        assertThat(data.labelVector()[0]).as("the first training image is an ankle boot").isEqualTo(9);
        float max = 0;
        for (float v : data.featureMatrix()) {
            int bits = Math.round(v * 255);
            assertThat(v).as("a byte divided by 255 in float, as ToTensor()").isEqualTo(bits / 255f);
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        assertThat(data.standardization()).isNull();
    }

    @Test
    void readsTheTestSplitWhole() {
        Dataset data = configure(new FashionMnist(), Map.of("split", "test")).load(CONTEXT);

        assertThat(data.examples()).isEqualTo(10_000);
        int[] perClass = new int[10];
        for (float label : data.labelVector()) {
            perClass[(int) label]++;
        }
        assertThat(perClass).containsOnly(1000);
    }

    @Test
    void standardizesEachPixelWhenAsked() {
        Dataset data = configure(new FashionMnist(), Map.of("examples", "500", "standardize", "true"))
                .load(CONTEXT);

        assertThat(data.standardization()).isNotNull();
        double sum = 0;
        for (int i = 0; i < 500; i++) {
            sum += data.featureMatrix()[i * 784 + 400];
        }
        assertThat(sum / 500).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void holdsASeededFractionOutForValidationScaledWithTheTrainingRowsStatistics() {
        Dataset data = configure(new FashionMnist(), Map.of("examples", "500", "standardize", "true",
                "validation-fraction", "0.2")).load(new DataContext(new SplittableRandom(1)));
        Dataset all = configure(new FashionMnist(), Map.of("examples", "500")).load(CONTEXT);
        assertThat(data.examples()).isEqualTo(400);
        assertThat(data.validation().examples()).isEqualTo(100);
        assertThat(data.validation().standardization()).isEqualTo(data.standardization());
        // the statistics are the training rows' alone: pixel 401's mean over the 400, not over all 500
        double trainingMean = 0;
        double allMean = 0;
        for (int i = 0; i < 500; i++) {
            allMean += all.featureMatrix()[i * 784 + 400] / 500.0;
        }
        float[] heldLabels = data.validation().labelVector();
        int[] classes = new int[10];
        for (float label : heldLabels) {
            classes[(int) label]++;
        }
        assertThat(java.util.Arrays.stream(classes).sum()).isEqualTo(100);
        for (int i = 0; i < 400; i++) {
            trainingMean += (data.featureMatrix()[i * 784 + 400] * data.standardization().std()[400]
                    + data.standardization().mean()[400]) / 400.0;
        }
        assertThat(data.standardization().mean()[400]).isCloseTo(trainingMean,
                org.assertj.core.data.Offset.offset(1e-6)).isNotEqualTo(allMean);
        // the same seed holds the same rows out
        Dataset again = configure(new FashionMnist(), Map.of("examples", "500", "validation-fraction", "0.2"))
                .load(new DataContext(new SplittableRandom(1)));
        assertThat(again.validation().labelVector()).isEqualTo(heldLabels);
        assertThatThrownBy(() -> configure(new FashionMnist(), Map.of("examples", "3", "validation-fraction", "0.2"))
                .load(CONTEXT)).hasMessage("data.validation-fraction = 0.2 of 3 images leaves no validation images;"
                + " use more images or another fraction");
    }

    @Test
    void readsUncompressedFilesFromAChosenFolder() throws IOException {
        writeSplit("train", 3, new int[] {0, 9, 4}, false);

        Dataset data = configure(new FashionMnist(), Map.of("path", dir.toString())).load(CONTEXT);

        assertThat(data.examples()).isEqualTo(3);
        assertThat(data.labelVector()).containsExactly(0, 9, 4);
        assertThat(data.featureMatrix()[784 + 5]).isEqualTo(1 / 255f);
    }

    @Test
    void refusesImagesAndLabelsWhoseCountsDisagree() throws IOException {
        writeSplit("train", 3, new int[] {0, 9}, true);

        assertThatThrownBy(() -> configure(new FashionMnist(), Map.of("path", dir.toString()))
                .load(CONTEXT)).isInstanceOf(DataException.class)
                .hasMessageContaining("hold 3 images but the labels (" + dir.resolve("train-labels-idx1-ubyte.gz")
                        + ") hold 2 labels");
    }

    @Test
    void refusesALabelThatIsNotAClass() throws IOException {
        writeSplit("train", 2, new int[] {3, 10}, true);

        assertThatThrownBy(() -> configure(new FashionMnist(), Map.of("path", dir.toString()))
                .load(CONTEXT)).isInstanceOf(DataException.class)
                .hasMessageContaining("label 10.0 of image 2 in ").hasMessageContaining("has 10 classes, 0 to 9");
    }

    @Test
    void saysWhichFileIsMissing() {
        assertThatThrownBy(() -> configure(new FashionMnist(), Map.of("path", dir.toString(), "split", "test"))
                .load(CONTEXT)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("Fashion-MNIST's file t10k-images-idx3-ubyte.gz (or t10k-images-idx3-ubyte) is"
                        + " not in " + dir);
    }

    @Test
    void asksForNoMoreImagesThanTheSplitHas() throws IOException {
        writeSplit("train", 2, new int[] {3, 1}, true);

        assertThatThrownBy(() -> configure(new FashionMnist(), Map.of("path", dir.toString(),
                "examples", "5")).load(CONTEXT)).isInstanceOf(DataException.class)
                .hasMessage("data.examples = 5 but Fashion-MNIST's train split has only 2 images; ask for at most that"
                        + " many, or 0 for all");
    }

    @Test
    void theIdxSourceNamesClassesByNumberUnlessTold() throws IOException {
        writeSplit("train", 3, new int[] {0, 2, 1}, true);
        Map<String, String> files = Map.of("images", dir.resolve("train-images-idx3-ubyte.gz").toString(),
                "labels", dir.resolve("train-labels-idx1-ubyte.gz").toString());

        Dataset data = configure(new IdxData(), files).load(CONTEXT);

        assertThat(data.classes()).containsExactly("0", "1", "2");
        assertThat(data.features()).isEqualTo(784);
    }

    /** {@code source} with its options set from text, as a config file sets them. */
    private static <T> T configure(T source, Map<String, String> options) {
        Map<String, ConfigValue> section = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> section.put(k, new ConfigValue("data." + k, v, "the test")));
        OptionBinder.bind(source, OptionBinder.optionsOf(source.getClass()), "data", "the data source", section);
        return source;
    }

    /** {@code images} made-up 28 × 28 images (image i has the value i at pixel 5) and the given labels. */
    private void writeSplit(String prefix, int images, int[] labels, boolean gzip) throws IOException {
        ByteBuffer x = ByteBuffer.allocate(16 + images * 784).put(new byte[] {0, 0, 8, 3}).putInt(images).putInt(28)
                .putInt(28);
        for (int i = 0; i < images; i++) {
            byte[] image = new byte[784];
            image[5] = (byte) i;
            x.put(image);
        }
        ByteBuffer y = ByteBuffer.allocate(8 + labels.length).put(new byte[] {0, 0, 8, 1}).putInt(labels.length);
        for (int label : labels) {
            y.put((byte) label);
        }
        String suffix = gzip ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip ? gzip(x.array()) : x.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip ? gzip(y.array()) : y.array());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
