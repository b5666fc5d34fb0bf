package dev.descent.plugins.csv;

import com.google.auto.service.AutoService;
import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Option;
import dev.descent.api.Plugin;
import dev.descent.data.CsvReader;
import dev.descent.data.RawColumns;
import dev.descent.data.TableDataset;
import dev.descent.data.TableOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A table from a CSV file: the target column (or several, for multi-output regression) holds the
 * labels, the others (or a chosen few) are the features; text columns are categories, one-hot
 * encoded, and missing cells are filled or their rows left out as {@code missing} says. A target of class names (or
 * {@code task = classification}) makes a classification data set, its classes sorted or as
 * {@code classes} lists them. Features are standardised with the training rows' statistics by default, because raw
 * features of very different scales make SGD diverge; a seeded fraction of rows can be held out for
 * validation.
 */
@AutoService(DataSource.class)
@Plugin(name = "csv", description = "A table from a CSV file: numeric features, a target column of numbers or"
        + " class names")
public final class CsvData extends TableOptions implements DataSource {

    @Option(name = "path", description = "The CSV file (required); on Spark (engine = spark) any path Spark reads:"
            + " file:, hdfs:, s3a:, a folder of CSV files")
    private String path;

    @Option(name = "delimiter", description = "The field separator: one character, or 'tab'")
    private String delimiter = ",";

    @Option(name = "header", description = "Whether the first line names the columns")
    private boolean header = true;

    @Override
    public Dataset load(DataContext context) {
        if (path == null) {
            throw new DataException("the csv data source needs a file: set data.path, e.g. data.path = houses.csv");
        }
        return new TableDataset(path, choice()).load(context, reader(context));
    }

    @Override
    public TableDataset.Pool pool(DataContext context) {
        if (path == null) {
            throw new DataException("the csv data source needs a file: set data.path, e.g. data.path = houses.csv");
        }
        return new TableDataset(path, choice()).pool(context, reader(context));
    }

    private TableDataset.Reader reader(DataContext context) {
        CsvReader reader = new CsvReader(localFile(), delimiterChar(), header);
        return new TableDataset.Reader() {
            @Override
            public CsvReader.Table read(Function<List<String>, CsvReader.Selection> choose, CsvReader.Scaling scaling) {
                return reader.read(choose, context.progress(), scaling);
            }

            @Override
            public RawColumns readColumns(Function<List<String>, CsvReader.Selection> choose, Set<String> text) {
                return reader.readColumns(choose, context.progress(), text);
            }
        };
    }

    /** data.path as a file of this machine; a URI of another file system is for the Spark engine. */
    private Path localFile() {
        if (path.isBlank()) {
            throw new DataException("data.path is empty; set it to a CSV file, e.g. data.path = houses.csv");
        }
        if (path.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !path.startsWith("file:")) {
            throw new DataException("data.path = " + path + " is not a file of this machine; a path on "
                    + path.substring(0, path.indexOf(':')) + ": is read by Spark's executors (engine = spark, with the"
                    + " descent-spark launcher), or copy the file here");
        }
        try {
            return path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
        } catch (IllegalArgumentException e) {
            throw new DataException("data.path = " + path + " is not a valid file path: " + e.getMessage());
        }
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
