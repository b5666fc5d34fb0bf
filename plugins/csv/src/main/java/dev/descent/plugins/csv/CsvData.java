package dev.descent.plugins.csv;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.api.Standardization;
import dev.descent.data.CsvReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A numeric table from a CSV file: one column is the label, the others (or a chosen few) the
 * features. Features are standardised with the training rows' statistics by default, because raw
 * features of very different scales make SGD diverge; a seeded fraction of rows can be held out for
 * validation.
 */
@AutoService(DataSource.class)
@Plugin(name = "csv", description = "Numeric table from a CSV file: one label column, the others features")
public final class CsvData implements DataSource {

    @Option(name = "path", description = "The CSV file (required)")
    private Path path;

    @Option(name = "target", description = "The label column's name; the last column if not set")
    private String target = "";

    @Option(name = "features", description = "The feature columns' names, in order; every other column if not set")
    private String[] features = new String[0];

    @Option(name = "delimiter", description = "The field separator: one character, or 'tab'")
    private String delimiter = ",";

    @Option(name = "header", description = "Whether the first line names the columns")
    private boolean header = true;

    @Option(name = "standardize", description = "Scale each feature to mean 0, standard deviation 1 (training rows' statistics)")
    private boolean standardize = true;

    @Option(name = "validation-fraction", description = "Fraction of rows held out (seeded) to report a validation loss",
            min = 0, max = 0.9)
    private double validationFraction = 0;

    @Override
    public Dataset load(DataContext context) {
        if (path == null) {
            throw new DataException("the csv data source needs a file: set data.path, e.g. --set data.path=houses.csv");
        }
        CsvReader reader = new CsvReader(path, delimiterChar(), header);
        List<String> featureNames = new ArrayList<>();
        String[] labelName = new String[1];
        CsvReader.Table table = reader.read(columns -> choose(columns, featureNames, labelName), context.progress());

        int n = table.rows();
        int d = featureNames.size();
        int validationRows = (int) Math.floor(n * validationFraction);
        if (validationFraction > 0 && (validationRows == 0 || validationRows == n)) {
            throw new DataException("data.validation-fraction = " + validationFraction + " of " + n + " rows leaves "
                    + (validationRows == 0 ? "no validation rows" : "no training rows") + "; use more data or another fraction");
        }
        int[] order = heldOutOrder(n, validationRows, context.random());
        Dataset train = subset(table, order, validationRows, n, d, featureNames, labelName[0]);
        Standardization statistics = null;
        if (standardize) {
            statistics = context.standardization().orElseGet(() -> statisticsOf(train, featureNames));
            statistics.apply(train.featureMatrix(), train.examples());
            train.withStandardization(statistics);
        }
        if (validationRows > 0) {
            Dataset validation = subset(table, order, 0, validationRows, d, featureNames, labelName[0]);
            if (statistics != null) {
                statistics.apply(validation.featureMatrix(), validation.examples());
                validation.withStandardization(statistics);
            }
            train.withValidation(validation);
        }
        return train;
    }

    private CsvReader.Selection choose(List<String> columns, List<String> featureNames, String[] labelName) {
        String label = target.isEmpty() ? columns.get(columns.size() - 1) : target;
        int labelColumn = columns.indexOf(label);
        if (labelColumn < 0) {
            throw new DataException("data.target = '" + target + "' is not a column of " + path + "; its columns are: "
                    + String.join(", ", columns));
        }
        List<Integer> chosen = new ArrayList<>();
        if (features.length == 0) {
            for (int c = 0; c < columns.size(); c++) {
                if (c != labelColumn) {
                    chosen.add(c);
                }
            }
        } else {
            for (String name : features) {
                int c = columns.indexOf(name);
                if (c < 0) {
                    throw new DataException("data.features names '" + name + "', which is not a column of " + path
                            + "; its columns are: " + String.join(", ", columns));
                }
                if (c == labelColumn) {
                    throw new DataException("data.features names '" + name + "', which is the label column (data.target);"
                            + " a column cannot be both");
                }
                if (chosen.contains(c)) {
                    throw new DataException("data.features names '" + name + "' twice");
                }
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            throw new DataException(path + " has no feature columns besides the label '" + label + "'");
        }
        chosen.forEach(c -> featureNames.add(columns.get(c)));
        labelName[0] = label;
        return new CsvReader.Selection(chosen.stream().mapToInt(Integer::intValue).toArray(), labelColumn);
    }

    /** Row order: a seeded shuffle when some rows are held out (the first {@code held} are validation). */
    private static int[] heldOutOrder(int n, int held, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (held > 0) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            // Keep each part in file order, so the split alone depends on the seed.
            java.util.Arrays.sort(order, 0, held);
            java.util.Arrays.sort(order, held, n);
        }
        return order;
    }

    private static Dataset subset(CsvReader.Table table, int[] order, int from, int to, int d, List<String> names,
                                  String label) {
        int rows = to - from;
        if (from == 0 && rows == table.rows()) {
            return new Dataset(table.features(), table.labels(), names, label, Map.of());
        }
        float[] x = new float[rows * d];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            int r = order[from + i];
            System.arraycopy(table.features(), r * d, x, i * d, d);
            y[i] = table.labels()[r];
        }
        return new Dataset(x, y, names, label, Map.of());
    }

    private Standardization statisticsOf(Dataset data, List<String> names) {
        int n = data.examples();
        int d = data.features();
        float[] x = data.featureMatrix();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int i = 0; i < n; i++) {   // Welford: one pass, numerically stable
            for (int j = 0; j < d; j++) {
                double delta = x[i * d + j] - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (x[i * d + j] - mean[j]);
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(m2[j] / n);
            if (!(std[j] > 1e-12 * Math.max(1, Math.abs(mean[j])))) {
                throw new DataException("column '" + names.get(j) + "' of " + path + " is constant (every training row holds "
                        + mean[j] + "), so it cannot be standardised and says nothing to the model; drop it"
                        + " (data.features) or set data.standardize = false");
            }
        }
        return new Standardization(mean, std);
    }

    private char delimiterChar() {
        if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
            return '\t';
        }
        if (delimiter.length() != 1) {
            throw new DataException("data.delimiter = '" + delimiter + "' must be one character (or 'tab')");
        }
        return delimiter.charAt(0);
    }
}
