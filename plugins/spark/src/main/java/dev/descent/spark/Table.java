package dev.descent.spark;

import dev.descent.api.DataException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import dev.descent.data.TableEncoder;
import java.util.Optional;

/**
 * A table Spark reads in the executors, as a data source's options describe it: where, in which
 * format, which columns are features and target, how the target is read, and how the rows are
 * prepared (standardisation, validation split). The {@code csv} data source's options and the
 * {@code parquet} data source's mean the same here.
 *
 * @param format             {@code csv} or {@code parquet}
 * @param path               any path Spark reads ({@code file:}, {@code hdfs:}, {@code s3a:}, a folder)
 * @param target             the target columns; empty for the last column
 * @param features           the feature columns; empty for every other column
 * @param task               {@code auto}, {@code regression} or {@code classification}
 * @param classes            the class names in index order; empty to find and sort them
 * @param validationFraction the share of rows held out, chosen per row from the run seed
 */
record Table(String format, String path, boolean header, char delimiter, List<String> target, List<String> features,
             String task, List<String> classes, boolean standardize, double validationFraction) implements Serializable {

    /** The table the {@code csv} data source's options describe. */
    static Table ofCsv(Map<String, String> options) {
        String path = options.get("path");
        if (path == null || path.isEmpty() || path.equals("null")) {
            throw new DataException("the csv data source needs a file: set data.path, e.g. data.path = houses.csv");
        }
        String delimiter = options.getOrDefault("delimiter", ",");
        char separator;
        if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
            separator = '\t';
        } else if (delimiter.length() == 1) {
            separator = delimiter.charAt(0);
        } else {
            throw new DataException("data.delimiter = '" + delimiter + "' must be one character (or 'tab')");
        }
        return new Table("csv", path, Boolean.parseBoolean(options.getOrDefault("header", "true")), separator,
                list(options.get("target")), list(options.get("features")), options.getOrDefault("task", "auto"),
                list(options.get("classes")), Boolean.parseBoolean(options.getOrDefault("standardize", "true")),
                Double.parseDouble(options.getOrDefault("validation-fraction", "0")));
    }

    /**
     * The option of the {@code csv} source that asks for missing cells to be filled or categories to be
     * one-hot encoded ({@code data.missing}, {@code data.missing-per-column}, {@code data.categorical}),
     * as {@code key = value}; empty when none does.
     */
    static Optional<String> encodingOption(Map<String, String> options) {
        for (String key : List.of("missing", "missing-per-column", "categorical")) {
            String value = options.getOrDefault(key, "");
            if (!value.isBlank() && !value.equals("error") && !value.equals("null")) {
                return Optional.of("data." + key + " = " + value);
            }
        }
        return Optional.empty();
    }

    /** The filling and encoding the {@code csv} source's options ask for, as the table reader takes them. */
    static TableEncoder.Options encodingOptions(Map<String, String> options) {
        return new TableEncoder.Options(TableEncoder.Options.strategy(options.getOrDefault("missing", "error"),
                "data.missing"), TableEncoder.Options.perColumn(list(options.get("missing-per-column"))
                .toArray(String[]::new)), Double.parseDouble(options.getOrDefault("fill-value", "0")),
                options.getOrDefault("fill-category", "missing"),
                Boolean.parseBoolean(options.getOrDefault("missing-indicator", "false")),
                java.util.Set.copyOf(list(options.get("categorical"))),
                options.getOrDefault("handle-unknown", "error").equalsIgnoreCase("ignore"),
                Integer.parseInt(options.getOrDefault("max-categories", "100")));
    }

    /** A comma-separated option value as a list; empty for none. */
    static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
