package dev.descent.plugins.idx;

import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.Dataset;
import dev.descent.api.Standardization;
import dev.descent.data.HeldOut;
import dev.descent.data.IdxReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the IDX sources share: an images file and a labels file become a classification data set of
 * one row per image (its pixels in reading order, divided by a scale) and one class index per row.
 */
final class Images {

    private Images() {
    }

    /**
     * Reads the first {@code examples} images and labels (all when 0).
     *
     * @param classes     the class names, in label order; empty to name them by number ({@code 0}, {@code 1}, …)
     * @param divideBy    what each value is divided by (255 maps bytes to [0, 1], as torchvision's ToTensor)
     * @param standardize whether to scale each pixel to mean 0, standard deviation 1 over these rows (or
     *                    with the saved model's statistics, when the run continues one), with the
     *                    statistics of the training rows only
     * @param validationFraction the share of the rows held out for validation (seeded by the run), 0 for none
     */
    static Dataset load(Path imagesFile, Path labelsFile, int examples, List<String> classes, double divideBy,
                        boolean standardize, double validationFraction, DataContext context, String what) {
        int limit = examples == 0 ? Integer.MAX_VALUE : examples;
        IdxReader.Contents labels = IdxReader.read(labelsFile, limit, what + " labels");
        if (labels.itemSize() != 1) {
            throw new DataException(what + " labels (" + labelsFile + ") hold items of shape " + labels.shape()
                    + "; a labels file holds one number per image (IDX with one dimension)");
        }
        IdxReader.Contents images = IdxReader.read(imagesFile, limit, what + " images");
        if (images.dimensions()[0] != labels.dimensions()[0]) {
            throw new DataException(what + " images (" + imagesFile + ") hold " + images.dimensions()[0]
                    + " images but the labels (" + labelsFile + ") hold " + labels.dimensions()[0]
                    + " labels; the two files must come from the same split");
        }
        if (examples > images.dimensions()[0]) {
            throw new DataException("data.examples = " + examples + " but " + what + " has only "
                    + images.dimensions()[0] + " images; ask for at most that many, or 0 for all");
        }
        if (images.itemSize() == 0) {
            throw new DataException(what + " images (" + imagesFile + ") have no values: their shape is "
                    + images.shape());
        }
        if (images.items() == 0) {
            throw new DataException(what + " images (" + imagesFile + ") hold no images");
        }
        List<String> names = classes.isEmpty() ? numbered(labels.values()) : classes;
        float[] y = labels.values();
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0 && y[i] < names.size() && y[i] == Math.rint(y[i]))) {
                throw new DataException("label " + y[i] + " of image " + (i + 1) + " in " + labelsFile + " is not a class:"
                        + " " + what + " has " + names.size() + " classes, 0 to " + (names.size() - 1));
            }
        }
        float[] x = images.values();
        float scale = (float) divideBy;
        if (scale != 1) {
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] / scale;
            }
        }
        int d = images.itemSize();
        List<String> featureNames = new ArrayList<>(d);
        for (int j = 1; j <= d; j++) {
            featureNames.add("pixel" + j);
        }
        int n = images.items();
        int held = HeldOut.count(n, validationFraction);
        if (validationFraction > 0 && (held == 0 || held == n)) {
            throw new DataException("data.validation-fraction = " + validationFraction + " of " + n + " images leaves "
                    + (held == 0 ? "no validation images" : "no training images") + "; use more images or another"
                    + " fraction");
        }
        int[] order = HeldOut.order(n, held, context.random());
        Dataset data = held == 0 ? new Dataset(x, y, featureNames, List.of("label"), names, Map.of())
                : rows(x, y, d, order, held, n, featureNames, names);
        Dataset validation = held == 0 ? null : rows(x, y, d, order, 0, held, featureNames, names);
        if (standardize) {
            Optional<Standardization> saved = context.standardization();
            if (saved.isPresent() && saved.get().features() != d) {
                throw new DataException("the saved model's standardization is for " + saved.get().features()
                        + " features, but " + what + " has " + d + " pixels per image");
            }
            Standardization statistics = saved.orElseGet(() -> statisticsOf(data.featureMatrix(), data.examples(), d));
            statistics.apply(data.featureMatrix(), data.examples());
            data.withStandardization(statistics);
            if (validation != null) {
                statistics.apply(validation.featureMatrix(), validation.examples());
                validation.withStandardization(statistics);
            }
        }
        return validation == null ? data : data.withValidation(validation);
    }

    /** The rows {@code order[from … to)}, in that order, as a data set of their own. */
    private static Dataset rows(float[] x, float[] y, int d, int[] order, int from, int to, List<String> featureNames,
                                List<String> classes) {
        float[] rx = new float[(to - from) * d];
        float[] ry = new float[to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(x, order[i] * d, rx, (i - from) * d, d);
            ry[i - from] = y[order[i]];
        }
        return new Dataset(rx, ry, featureNames, List.of("label"), classes, Map.of());
    }

    /** Mean and population standard deviation per pixel; a pixel that never changes is only centred (std 1). */
    static Standardization statisticsOf(float[] x, int n, int d) {
        double[] sum = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                sum[j] += x[i * d + j];
            }
        }
        double[] mean = new double[d];
        double[] squares = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sum[j] / n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double delta = x[i * d + j] - mean[j];
                squares[j] += delta * delta;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(squares[j] / n);
            if (!(std[j] > 1e-12)) {
                std[j] = 1;
            }
        }
        return new Standardization(mean, std);
    }

    /** Classes named by their numbers, as many as the largest label says. */
    private static List<String> numbered(float[] labels) {
        float max = 0;
        for (float label : labels) {
            if (label > max && label < 1 << 16) {
                max = label;
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= Math.max(1, (int) max); c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }
}
