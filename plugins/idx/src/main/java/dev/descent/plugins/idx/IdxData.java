package dev.descent.plugins.idx;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Any pair of IDX files, as MNIST, Kuzushiji-MNIST or EMNIST are distributed: one of images (or any
 * items of numbers), one of class labels. Each item becomes a row of its values, divided by
 * {@code data.divide-by}.
 */
@AutoService(DataSource.class)
@Plugin(name = "idx", description = "Images and class labels from IDX files (MNIST and the like; .gz or not)")
public final class IdxData implements DataSource {

    @Option(name = "images", description = "The IDX file of the images (or other items), one row each (required)")
    private String images = "";

    @Option(name = "labels", description = "The IDX file of the labels, one class number per image (required)")
    private String labels = "";

    @Option(name = "classes", description = "The class names in label order (0, 1, ...); if not set, the numbers")
    private String[] classes = new String[0];

    @Option(name = "examples", description = "How many images to read, from the first (0: all)", min = 0)
    private int examples = 0;

    @Option(name = "divide-by", description = "What every value is divided by (255: bytes to [0, 1])", min = 0,
            minExclusive = true)
    private double divideBy = 255;

    @Option(name = "standardize", description = "Scale each value to mean 0, standard deviation 1")
    private boolean standardize = false;

    @Option(name = "validation-fraction", description = "Fraction of the images held out (seeded) to report a"
            + " validation loss and accuracy", min = 0, max = 0.9)
    private double validationFraction = 0;

    @Override
    public Dataset load(DataContext context) {
        if (images.isBlank() || labels.isBlank()) {
            throw new DataException("data = idx needs data.images and data.labels: the IDX files of the images and"
                    + " of their labels");
        }
        List<String> names = Arrays.asList(classes);
        if (names.size() == 1) {
            throw new DataException("data.classes names one class (" + names.get(0) + "); classification needs two"
                    + " or more, or leave it unset to name the classes by number");
        }
        return Images.load(Path.of(images.strip()), Path.of(labels.strip()), examples, names, divideBy, standardize,
                validationFraction, context, "the IDX data");
    }
}
