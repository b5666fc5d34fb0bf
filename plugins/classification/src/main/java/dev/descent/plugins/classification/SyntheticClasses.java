package dev.descent.plugins.classification;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.data.Memory;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Labelled clusters for a first classification run: {@code classes} centres drawn from
 * N(0, separation²) in every feature (drawn again until every two are at least {@code separation}
 * apart), and each example a class chosen uniformly at random plus N(0, 1) noise around its centre.
 * So {@code separation} is the least distance between two centres in units of the clusters' spread:
 * at the default 5 the clusters barely overlap and a linear classifier reaches about 0.99 accuracy.
 *
 * <p>Draws come from the run's data stream: the centres first, then example by example its class and
 * its features. The last {@code validation-fraction} of the examples are held out for validation.
 * The classes are named {@code 0, 1, …}.
 */
@AutoService(DataSource.class)
@Plugin(name = "synthetic-classes", description = "Generated classes: Gaussian clusters N(centre, 1) around random"
        + " centres at least 'separation' apart")
public final class SyntheticClasses implements DataSource {

    private static final int MAX_CENTRE_DRAWS = 10_000;

    @Option(name = "examples", description = "Number of examples to generate (training and validation)", min = 2)
    private int examples = 1000;

    @Option(name = "features", description = "Number of features", min = 1)
    private int features = 2;

    @Option(name = "classes", description = "Number of classes", min = 2, max = 1000)
    private int classes = 3;

    @Option(name = "separation", description = "Least distance between two class centres, in standard deviations"
            + " of the clusters", min = 0)
    private double separation = 5;

    @Option(name = "validation-fraction", description = "Fraction of the examples held out to report validation"
            + " loss and accuracy", min = 0, max = 0.9)
    private double validationFraction = 0.2;

    @Override
    public Dataset load(DataContext context) {
        RandomGenerator random = context.random();
        long size = (long) examples * features;
        if (size > Integer.MAX_VALUE) {
            throw new DataException("data.examples × data.features is " + size + " values, more than one array holds ("
                    + Integer.MAX_VALUE + "); generate fewer examples or features");
        }
        // The arrays, and as much again while the held-out split copies them apart.
        Memory.require(2 * 4 * (size + examples), String.format(java.util.Locale.ROOT,
                "the synthetic data's %,d examples × %,d features", examples, features));
        double[][] centres = centres(random);
        float[] x = new float[(int) size];
        float[] y = new float[examples];
        for (int i = 0; i < examples; i++) {
            int c = random.nextInt(classes);
            y[i] = c;
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) (centres[c][j] + random.nextGaussian());
            }
        }
        List<String> featureNames = new ArrayList<>(features);
        for (int j = 0; j < features; j++) {   // x0, x1, ...: named as indexed (--plot-feature 1 is x1, the book's features[:, 1])
            featureNames.add("x" + j);
        }
        List<String> classNames = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            classNames.add(Integer.toString(c));
        }
        int held = (int) Math.floor(examples * validationFraction);
        if (validationFraction > 0 && held == 0) {
            throw new DataException("data.validation-fraction = " + validationFraction + " of " + examples
                    + " examples holds out none; generate more examples or set data.validation-fraction = 0");
        }
        int trained = examples - held;
        Dataset train = new Dataset(java.util.Arrays.copyOf(x, trained * features), java.util.Arrays.copyOf(y, trained),
                featureNames, List.of("class"), classNames, Map.of());
        if (held > 0) {
            train.withValidation(new Dataset(java.util.Arrays.copyOfRange(x, trained * features, x.length),
                    java.util.Arrays.copyOfRange(y, trained, examples), featureNames, List.of("class"), classNames,
                    Map.of()));
        }
        return train;
    }

    /** Centres at least {@code separation} apart, redrawn as a whole until they are. */
    private double[][] centres(RandomGenerator random) {
        double[][] centres = new double[classes][features];
        for (int attempt = 0; attempt < MAX_CENTRE_DRAWS; attempt++) {
            for (double[] centre : centres) {
                for (int j = 0; j < features; j++) {
                    centre[j] = random.nextGaussian() * separation;
                }
            }
            if (farEnoughApart(centres)) {
                return centres;
            }
        }
        throw new DataException("could not place " + classes + " class centres at least data.separation = " + separation
                + " apart in " + features + " feature(s) after " + MAX_CENTRE_DRAWS + " draws; use more data.features"
                + " or fewer data.classes");
    }

    private boolean farEnoughApart(double[][] centres) {
        for (int a = 0; a < centres.length; a++) {
            for (int b = a + 1; b < centres.length; b++) {
                double squared = 0;
                for (int j = 0; j < features; j++) {
                    double d = centres[a][j] - centres[b][j];
                    squared += d * d;
                }
                if (squared < separation * separation) {
                    return false;
                }
            }
        }
        return true;
    }
}
