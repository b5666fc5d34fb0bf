package dev.descent.spark;

import dev.descent.api.DataException;
import dev.descent.api.Encoding;
import dev.descent.api.Standardization;
import dev.descent.data.CsvReader;
import dev.descent.data.RawColumns;
import dev.descent.data.TableEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A table with missing cells or category columns, read by the executors: each input partition's cells
 * are kept as they are (numbers, NaN when missing; text, null when missing), the filling and the
 * categories are fitted on the training rows by distributed jobs ({@link TableEncoder.TrainingStatistics}:
 * sums, an exact distributed median, value counts), and each partition is then encoded by the same code
 * as on the local engine ({@link TableEncoder#encode}). The training rows are those the run's
 * validation hash keeps in, as for any table Spark reads.
 */
final class EncodedTable {

    private EncodedTable() {
    }

    /** One input partition's rows as read: its cells, and which rows the validation hash holds out. */
    record Part(RawColumns columns, boolean[] held) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The parsed input partitions (training and held-out blocks), the features' names and the encoding. */
    record Parsed(JavaRDD<Block[]> blocks, Encoding encoding, double[] offsets) {
    }

    /**
     * Reads {@code chosen} (the feature columns, then the target columns) and encodes it.
     *
     * @param classIndex the classes' indices, for classification; empty for regression
     * @param saved      a resumed run's encoding and standardisation, when there are
     */
    static Parsed read(org.apache.spark.sql.Dataset<Row> chosen, Table table, List<String> featureNames,
                       List<String> targets, Map<String, Integer> classIndex, TableEncoder.Options options,
                       Optional<Encoding> savedEncoding, Optional<Standardization> saved, long seed) {
        int d = featureNames.size();
        int k = targets.size();
        String path = table.path();
        double fraction = table.validationFraction();
        boolean classify = !classIndex.isEmpty();
        Set<String> text = new LinkedHashSet<>(options.categorical());
        savedEncoding.ifPresent(e -> e.columns().stream().filter(Encoding.Column::categorical)
                .forEach(c -> text.add(c.name())));
        boolean[] found = textColumns(chosen, featureNames, table, text);
        for (int j = 0; j < d; j++) {
            if (found[j]) {
                text.add(featureNames.get(j));
            }
        }
        boolean[] isText = new boolean[d];
        for (int j = 0; j < d; j++) {
            isText[j] = text.contains(featureNames.get(j));
        }
        Set<String> dropColumns = new LinkedHashSet<>();
        for (String name : featureNames) {
            String strategy = savedEncoding.map(e -> e.columns().get(e.inputs().indexOf(name)).missing())
                    .orElse(options.strategy(name));
            if (strategy.equals("drop")) {
                dropColumns.add(name);
            }
        }
        boolean dropTargets = savedEncoding.map(e -> e.columns().stream().anyMatch(c -> !c.missing().equals("error")))
                .orElse(!options.missing().equals("error") || !options.missingPerColumn().isEmpty());
        List<String> names = List.copyOf(featureNames);
        Set<String> drops = Set.copyOf(dropColumns);
        JavaRDD<Part> parts = chosen.javaRDD().mapPartitionsWithIndex((p, rows) -> List.of(parse(p, rows, names, k,
                isText, classify, drops, dropTargets, seed, fraction, path)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Encoding encoding = savedEncoding.orElseGet(() -> TableEncoder.fit(new Statistics(parts, names, isText),
                    options, path));
            if (savedEncoding.isPresent() && !encoding.inputs().equals(names)) {
                throw new DataException("the saved model reads the columns " + encoding.inputs() + ", but " + path
                        + " gives " + names + "; choose the columns the model was trained on (data.features)");
            }
            int width = encoding.features();
            double[] offsets = null;
            double[] mean = null;   // the scaling, as arrays (a Scaling stays in its JVM): none when null
            double[] std = null;
            if (saved.isPresent()) {
                mean = saved.get().mean();
                std = saved.get().std();
            } else if (table.standardize()) {
                offsets = firstRow(parts, encoding);
                mean = offsets;
                std = new double[width];
                Arrays.fill(std, 1);   // float(x − the first row's x), as locally
            }
            double[] m = mean;
            double[] s = std;
            JavaRDD<Block[]> blocks = parts.map(part -> {
                CsvReader.Scaling scaling = m == null ? CsvReader.Scaling.RAW : CsvReader.Scaling.standardized(m, s);
                return new Block[] {block(part, encoding, scaling, false, k, classIndex, path),
                        block(part, encoding, scaling, true, k, classIndex, path)};
            }).persist(StorageLevel.MEMORY_AND_DISK());
            blocks.count();
            return new Parsed(blocks, encoding, offsets);
        } finally {
            parts.unpersist(false);
        }
    }

    /**
     * Which feature columns hold text: a Parquet string column; a CSV column whose cells are names (none a
     * number). A CSV column that mixes numbers and names, or holds a cell that starts like a number but is
     * not one, is refused naming the cell, as the local reader refuses it (one pass over the table).
     */
    private static boolean[] textColumns(org.apache.spark.sql.Dataset<Row> chosen, List<String> names, Table table,
                                         Set<String> declared) {
        int d = names.size();
        boolean[] strings = new boolean[d];
        for (int j = 0; j < d; j++) {
            strings[j] = chosen.schema().fields()[j].dataType() == DataTypes.StringType;
        }
        if (!table.format().equals("csv")) {
            return strings;
        }
        // per column: a number cell, a name, a cell that starts like a number but is not one (the first seen)
        String[][] seen = chosen.javaRDD().mapPartitions(rows -> {
            String[][] found = new String[d][3];
            while (rows.hasNext()) {
                Row row = rows.next();
                for (int j = 0; j < d; j++) {
                    Object value = row.get(j);
                    String cell = value == null ? "" : value.toString().strip();
                    if (!strings[j] || CsvReader.isMissing(cell)) {
                        continue;
                    }
                    int kind = CsvReader.isNumberText(cell) ? 0 : TableEncoder.startsLikeNumber(cell) ? 2 : 1;
                    if (found[j][kind] == null) {
                        found[j][kind] = cell;
                    }
                }
            }
            return java.util.Collections.singletonList(found).iterator();
        }).fold(new String[d][3], (a, b) -> {
            String[][] both = new String[d][3];
            for (int j = 0; j < d; j++) {
                for (int kind = 0; kind < 3; kind++) {
                    both[j][kind] = a[j][kind] != null ? a[j][kind] : b[j][kind];
                }
            }
            return both;
        });
        boolean[] text = new boolean[d];
        for (int j = 0; j < d; j++) {
            if (declared.contains(names.get(j))) {
                continue;
            }
            String where = "column '" + names.get(j) + "' of " + table.path();
            if (seen[j][2] != null) {
                throw new DataException(where + " holds '" + seen[j][2] + "', which is not a number though it starts"
                        + " like one; fix the cell, or name the column in data.categorical to read its cells as"
                        + " categories");
            }
            if (seen[j][0] != null && seen[j][1] != null) {
                throw new DataException(where + " holds '" + seen[j][1] + "', but other cells of the column are numbers"
                        + " (" + seen[j][0] + "); fix the cell, or name the column in data.categorical to read its cells"
                        + " as categories");
            }
            text[j] = seen[j][1] != null;
        }
        return text;
    }

    private static Part parse(int p, java.util.Iterator<Row> rows, List<String> names, int k, boolean[] isText,
                              boolean classify, Set<String> dropColumns, boolean dropTargets, long seed, double fraction,
                              String path) {
        int d = names.size();
        List<Object[]> kept = new ArrayList<>();
        List<Boolean> held = new ArrayList<>();
        List<Map<String, String>> distinct = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            distinct.add(new HashMap<>());
        }
        long i = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            boolean out = fraction > 0 && SparkRows.heldOut(seed, p, i++, fraction);
            Object[] cells = new Object[d + k];
            boolean keep = true;
            for (int j = 0; j < d; j++) {
                Object value = row.get(j);
                String cell = value == null ? "" : value.toString().strip();
                boolean missing = !(value instanceof Number) && CsvReader.isMissing(cell);
                if (missing && dropColumns.contains(names.get(j))) {
                    keep = false;
                }
                cells[j] = isText[j] ? (missing ? null : distinct.get(j).computeIfAbsent(cell, t -> t))
                        : missing ? Double.NaN : value instanceof Number n ? n.doubleValue() : number(cell, names.get(j),
                        path);
            }
            for (int t = 0; t < k; t++) {
                Object value = row.get(d + t);
                String cell = value == null ? "" : value.toString().strip();
                boolean missing = !(value instanceof Number) && CsvReader.isMissing(cell);
                if (missing) {
                    if (!dropTargets) {
                        throw new DataException("a row of " + path + " misses its target; every row needs its"
                                + " target: fill it, or set data.missing (rows without a target are then left out)");
                    }
                    keep = false;
                }
                cells[d + t] = classify ? cell : missing ? Double.NaN : value instanceof Number n ? n.doubleValue()
                        : number(cell, "target", path);
            }
            if (keep) {
                kept.add(cells);
                held.add(out);
            }
        }
        int n = kept.size();
        double[][] numbers = new double[d][];
        String[][] texts = new String[d][];
        for (int j = 0; j < d; j++) {
            if (isText[j]) {
                texts[j] = new String[n];
            } else {
                numbers[j] = new double[n];
            }
        }
        float[] labels = classify ? null : new float[n * k];
        String[] labelTexts = classify ? new String[n] : null;
        boolean[] heldOut = new boolean[n];
        for (int r = 0; r < n; r++) {
            Object[] cells = kept.get(r);
            for (int j = 0; j < d; j++) {
                if (isText[j]) {
                    texts[j][r] = (String) cells[j];
                } else {
                    numbers[j][r] = (Double) cells[j];
                }
            }
            for (int t = 0; t < k; t++) {
                if (classify) {
                    labelTexts[r] = (String) cells[d];
                } else {
                    labels[r * k + t] = (float) (double) (Double) cells[d + t];
                }
            }
            heldOut[r] = held.get(r);
        }
        return new Part(new RawColumns(names, names, numbers, texts, labels, labelTexts, n, null), heldOut);
    }

    private static double number(String cell, String column, String path) {
        try {
            double value = Double.parseDouble(cell);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new DataException("column '" + column + "' of " + path + " holds '" + cell + "', which is not a finite"
                + " number; fix the cell, or name the column in data.categorical");
    }

    /**
     * What each feature is shifted by before it is rounded to float: the first kept row's value (its
     * cell, or the fill of a missing one) for a number feature, 0 for the others, as the local reader does.
     */
    private static double[] firstRow(JavaRDD<Part> parts, Encoding encoding) {
        RawColumns raw = parts.filter(p -> p.columns().rows() > 0).first().columns();
        double[] offsets = new double[encoding.features()];
        int j = 0;
        for (int c = 0; c < encoding.columns().size(); c++) {
            Encoding.Column column = encoding.columns().get(c);
            if (!column.categorical()) {
                double x = raw.numbers()[c][0];
                offsets[j] = Double.isNaN(x) ? column.fillNumber() : x;
            }
            j += column.width();
        }
        return offsets;
    }

    /** One partition's training (or held-out) rows, encoded, as a block. */
    private static Block block(Part part, Encoding encoding, CsvReader.Scaling scaling, boolean heldOut, int k,
                               Map<String, Integer> classIndex, String path) {
        RawColumns raw = part.columns();
        int[] rows = new int[raw.rows()];
        int n = 0;
        for (int r = 0; r < raw.rows(); r++) {
            if (part.held()[r] == heldOut) {
                rows[n++] = r;
            }
        }
        rows = Arrays.copyOf(rows, n);
        int d = encoding.features();
        if (n == 0) {
            return new Block(-1, 0, d, k, new float[0], new float[0]);
        }
        CsvReader.Table table = TableEncoder.encode(encoding, raw, rows, scaling, line -> "a row of " + path, true);
        float[] y = new float[n * k];
        for (int r = 0; r < n; r++) {
            if (classIndex.isEmpty()) {
                System.arraycopy(raw.labels(), rows[r] * k, y, r * k, k);
            } else {
                String label = raw.labelTexts()[rows[r]];
                Integer index = classIndex.get(label);
                if (index == null) {
                    throw new DataException("column of " + path + " holds the class '" + label + "', which is not one"
                            + " of the classes (" + String.join(", ", classIndex.keySet()) + "); add it to"
                            + " data.classes or drop the row");
                }
                y[r] = index;
            }
        }
        return new Block(-1, n, d, k, table.features(), y);
    }

    /** The training rows' statistics, each from a distributed job over the kept input partitions. */
    private record Statistics(JavaRDD<Part> parts, List<String> names, boolean[] text)
            implements TableEncoder.TrainingStatistics {

        @Override
        public boolean isText(int c) {
            return text[c];
        }

        @Override
        public long rows() {
            return parts.map(p -> {
                long n = 0;
                for (boolean held : p.held()) {
                    n += held ? 0 : 1;
                }
                return n;
            }).fold(0L, Long::sum);
        }

        @Override
        public long present(int c) {
            return parts.map(p -> {
                long n = 0;
                for (int r = 0; r < p.columns().rows(); r++) {
                    n += !p.held()[r] && !p.columns().isMissing(c, r) ? 1 : 0;
                }
                return n;
            }).fold(0L, Long::sum);
        }

        private JavaRDD<Double> values(int c) {
            return parts.flatMap(p -> {
                List<Double> values = new ArrayList<>();
                for (int r = 0; r < p.columns().rows(); r++) {
                    if (!p.held()[r] && !p.columns().isMissing(c, r)) {
                        values.add(p.columns().numbers()[c][r]);
                    }
                }
                return values.iterator();
            });
        }

        @Override
        public double mean(int c) {
            List<double[]> sums = parts.map(p -> {   // per partition, in row order; summed in partition order
                double sum = 0;
                long n = 0;
                for (int r = 0; r < p.columns().rows(); r++) {
                    if (!p.held()[r] && !p.columns().isMissing(c, r)) {
                        sum += p.columns().numbers()[c][r];
                        n++;
                    }
                }
                return new double[] {sum, n};
            }).collect();
            double sum = 0;
            double n = 0;
            for (double[] s : sums) {
                sum += s[0];
                n += s[1];
            }
            return sum / n;
        }

        @Override
        public double median(int c) {
            long n = present(c);
            JavaRDD<Double> sorted = values(c).sortBy(x -> x, true, Math.max(1, parts.getNumPartitions()));
            long low = (n - 1) / 2;
            long high = n / 2;
            Map<Long, Double> middle = new HashMap<>();
            sorted.zipWithIndex().filter(t -> t._2() == low || t._2() == high).collect()
                    .forEach(t -> middle.put(t._2(), t._1()));
            return (middle.get(low) + middle.get(high)) / 2;
        }

        @Override
        public double mostFrequent(int c) {
            Tuple2<Double, Long> best = values(c).mapToPair(x -> new Tuple2<>(x, 1L)).reduceByKey(Long::sum)
                    .reduce((a, b) -> a._2() > b._2() || (a._2().equals(b._2()) && a._1() < b._1()) ? a : b);
            return best._1();
        }

        private org.apache.spark.api.java.JavaPairRDD<String, Long> counted(int c) {
            return parts.flatMap(p -> {
                List<String> values = new ArrayList<>();
                for (int r = 0; r < p.columns().rows(); r++) {
                    if (!p.held()[r] && p.columns().texts()[c][r] != null) {
                        values.add(p.columns().texts()[c][r]);
                    }
                }
                return values.iterator();
            }).mapToPair(v -> new Tuple2<>(v, 1L)).reduceByKey(Long::sum);
        }

        @Override
        public long distinct(int c) {
            return counted(c).count();
        }

        @Override
        public Map<String, Long> counts(int c) {
            Map<String, Long> counts = new LinkedHashMap<>();
            counted(c).collect().stream().sorted((a, b) -> a._1().compareTo(b._1()))
                    .forEach(t -> counts.put(t._1(), t._2()));
            return counts;
        }
    }
}
