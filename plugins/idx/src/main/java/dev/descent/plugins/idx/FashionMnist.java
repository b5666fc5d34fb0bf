package dev.descent.plugins.idx;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST, the data set of the book's chapters 4 and 5: 28 × 28 grey images of clothes in ten
 * classes, 60,000 for training and 10,000 for testing, read from the original IDX files (gzip or not).
 * Each image is a row of 784 values in [0, 1] (the bytes divided by 255, as the book's
 * {@code transforms.ToTensor()}); each label one of the ten classes, named as the book's
 * {@code get_fashion_mnist_labels} names them.
 */
@AutoService(DataSource.class)
@Plugin(name = "fashion-mnist", description = "Fashion-MNIST (the book's images of clothes, 10 classes) from its IDX"
        + " files; Debian: apt-get install dataset-fashion-mnist")
public final class FashionMnist implements DataSource {

    /** Where Debian's (and Ubuntu's) package {@code dataset-fashion-mnist} installs the files. */
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    /** The classes in label order: the data set's own names, which the book's labels follow. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Which of the two sets to read. */
    public enum Split {
        /** the 60,000 training images */
        TRAIN("train"),
        /** the 10,000 test images */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    @Option(name = "path", description = "The folder with the four IDX files (.gz or not); if not set,"
            + " /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist)")
    private String path = "";

    @Option(name = "split", description = "train: the 60,000 training images; test: the 10,000 test images")
    private Split split = Split.TRAIN;

    @Option(name = "examples", description = "How many images to read, from the first (0: all of the split)", min = 0)
    private int examples = 0;

    @Option(name = "standardize", description = "Scale each pixel to mean 0, standard deviation 1 (off: values in"
            + " [0, 1], as the book)")
    private boolean standardize = false;

    @Option(name = "validation-fraction", description = "Fraction of the images held out (seeded) to report a"
            + " validation loss and accuracy", min = 0, max = 0.9)
    private double validationFraction = 0;

    @Override
    public Dataset load(DataContext context) {
        Path folder = folder();
        String what = "Fashion-MNIST's " + split.name().toLowerCase(java.util.Locale.ROOT) + " split";
        return Images.load(file(folder, split.prefix + "-images-idx3-ubyte"), file(folder, split.prefix
                + "-labels-idx1-ubyte"), examples, CLASSES, 255, standardize, validationFraction, context, what);
    }

    private Path folder() {
        if (!path.isBlank()) {
            Path folder = Path.of(path.strip());
            if (!Files.isDirectory(folder)) {
                throw new DataException("data.path = " + path + (Files.exists(folder) ? " is a file" : " does not exist")
                        + "; set it to the folder holding Fashion-MNIST's IDX files (train-images-idx3-ubyte.gz, …)");
            }
            return folder;
        }
        if (!Files.isDirectory(DEBIAN)) {
            throw new DataException("Fashion-MNIST is not installed: " + DEBIAN + " does not exist; install it with"
                    + " 'sudo apt-get install dataset-fashion-mnist' (Debian, Ubuntu), or download the four files of"
                    + " github.com/zalandoresearch/fashion-mnist and set data.path to their folder");
        }
        return DEBIAN;
    }

    /** {@code name.gz}, or {@code name} when only the uncompressed file is there. */
    private static Path file(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        Path plain = folder.resolve(name);
        if (Files.exists(gz) || !Files.exists(plain)) {
            if (!Files.exists(gz)) {
                throw new DataException("Fashion-MNIST's file " + name + ".gz (or " + name + ") is not in " + folder
                        + "; the folder must hold train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                        + " t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (.gz or not)");
            }
            return gz;
        }
        return plain;
    }
}
