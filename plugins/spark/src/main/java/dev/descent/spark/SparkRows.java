package dev.descent.spark;

import dev.descent.api.DataException;
import dev.descent.api.Dataset;
import dev.descent.api.Encoding;
import dev.descent.api.Standardization;
import dev.descent.api.Task;
import dev.descent.data.ClassNames;
import dev.descent.data.CsvReader;
import dev.descent.data.Decimals;
import dev.descent.data.TableEncoder;
import dev.descent.train.ResumeFrom;
import dev.descent.train.TrainingJob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The run's rows in Spark's executors: a training set and, when rows are held out, a validation
 * set, each an RDD of one {@link Block} per partition holding a contiguous range of global row
 * indices (row {@code i} of {@code n} in partition {@code i · P / n}), kept in memory for the run.
 * Only counts, class names and the standardisation statistics reach the driver.
 *
 * @param training   the training rows, one block per partition
 * @param validation the held-out rows, or null
 * @param described  the data set's shape, names and scaling, for the trainer on the driver
 */
record SparkRows(JavaRDD<Block> training, JavaRDD<Block> validation, Dataset described) {

    private static final Logger LOG = LoggerFactory.getLogger(SparkRows.class);

    /** More distinct target values than this is not a classification target. */
    static final int MAX_CLASSES = 10_000;

    static final String WHERE = "the Spark executors";

    void release() {
        training.unpersist(false);
        if (validation != null) {
            validation.unpersist(false);
        }
    }

    /** The rows of a data set the driver loaded (synthetic data, a plugin's source), spread over {@code partitions}. */
    static SparkRows distribute(JavaSparkContext spark, Dataset data, int partitions) {
        JavaRDD<Block> training = spread(spark, data, partitions);
        JavaRDD<Block> validation = data.validation() == null ? null : spread(spark, data.validation(), partitions);
        Dataset described = Dataset.described(data.examples(), WHERE, data.featureNames(), data.labelNames(),
                data.classes(), data.trueParameters());
        if (data.standardization() != null) {
            described.withStandardization(data.standardization());
        }
        if (data.encoding() != null) {
            described.withEncoding(data.encoding());
        }
        if (validation != null) {
            Dataset heldOut = data.validation();
            described.withValidation(Dataset.described(heldOut.examples(), WHERE, heldOut.featureNames(),
                    heldOut.labelNames(), heldOut.classes(), heldOut.trueParameters()));
        }
        return new SparkRows(training, validation, described);
    }

    private static JavaRDD<Block> spread(JavaSparkContext spark, Dataset data, int partitions) {
        int n = data.examples();
        int d = data.features();
        int k = data.outputs();
        List<Block> blocks = new ArrayList<>();
        for (int q = 0; q < partitions; q++) {
            int from = (int) ((long) q * n / partitions);
            int to = (int) ((long) (q + 1) * n / partitions);
            blocks.add(new Block(from, to - from, d, k,
                    Arrays.copyOfRange(data.featureMatrix(), from * d, to * d),
                    Arrays.copyOfRange(data.labelVector(), from * k, to * k)));
        }
        // Each block travels as a broadcast of its own: a parallelized collection would carry its data in its
        // partitions, and so in every task of every step; a partition here holds only its index, and an
        // executor that is lost fetches its blocks again from the driver.
        List<org.apache.spark.broadcast.Broadcast<Block>> shared = new ArrayList<>();
        for (Block block : blocks) {
            shared.add(spark.broadcast(block));
        }
        List<Integer> indices = new ArrayList<>();
        for (int q = 0; q < partitions; q++) {
            indices.add(q);
        }
        JavaRDD<Block> rdd = spark.parallelize(indices, partitions).map(q -> shared.get(q).value())
                .persist(StorageLevel.MEMORY_ONLY());
        rdd.count();
        return rdd;
    }

    /**
     * Reads {@code table} in the executors: parses and splits each input partition, counts, spreads the
     * rows into {@code partitions} contiguous ranges, standardises them with statistics from one pass.
     */
    static SparkRows read(SparkSession session, Table table, TrainingJob job, int partitions) {
        return read(session, table, job, partitions, Optional.empty());
    }

    /**
     * As {@link #read(SparkSession, Table, TrainingJob, int)}; with {@code encoding} (or a resumed run's
     * saved encoding) the missing cells are filled and the category columns one-hot encoded, fitted on
     * the training rows ({@link EncodedTable}).
     */
    static SparkRows read(SparkSession session, Table table, TrainingJob job, int partitions,
                          Optional<TableEncoder.Options> encoding) {
        org.apache.spark.sql.Dataset<Row> frame = frame(session, table);
        List<String> columns = List.of(frame.columns());
        List<String> targets = table.target().isEmpty() ? List.of(columns.get(columns.size() - 1)) : table.target();
        for (String t : targets) {
            if (!columns.contains(t)) {
                throw new DataException("data.target = '" + t + "' is not a column of " + table.path()
                        + "; its columns are: " + String.join(", ", columns));
            }
        }
        List<String> featureNames = new ArrayList<>();
        if (table.features().isEmpty()) {
            columns.stream().filter(c -> !targets.contains(c)).forEach(featureNames::add);
        } else {
            for (String name : table.features()) {
                if (!columns.contains(name)) {
                    throw new DataException("data.features names '" + name + "', which is not a column of "
                            + table.path() + "; its columns are: " + String.join(", ", columns));
                }
                if (targets.contains(name)) {
                    throw new DataException("data.features names '" + name + "', which is a label column"
                            + " (data.target); a column cannot be both");
                }
                featureNames.add(name);
            }
        }
        if (featureNames.isEmpty()) {
            throw new DataException(table.path() + " has no feature columns besides the label "
                    + String.join(", ", targets));
        }
        boolean classify = table.task().equals("classification") || !table.classes().isEmpty()
                || (table.task().equals("auto") && job.run().loss().task() == Task.CLASSIFICATION);
        if (classify && targets.size() > 1) {
            throw new DataException("data.target names " + targets.size() + " columns (" + String.join(", ", targets)
                    + "), but classification has one class column; name one, or set data.task = regression");
        }
        Optional<Encoding> savedEncoding = job.resume().map(ResumeFrom::encoding);
        boolean encode = encoding.isPresent() || savedEncoding.isPresent();
        if (!encode) {
            for (String name : featureNames) {
                checkNumeric(frame, name, table);
            }
        }
        if (!classify) {
            targets.forEach(t -> checkNumeric(frame, t, table));
        }
        List<String> selected = new ArrayList<>(featureNames);
        selected.addAll(targets);
        org.apache.spark.sql.Dataset<Row> chosen = frame.selectExpr(selected.stream().map(c -> "`" + c + "`")
                .toArray(String[]::new));
        List<String> classes = classify ? classes(chosen, targets.get(0), table, encode) : List.of();

        int k = targets.size();
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        double fraction = table.validationFraction();
        long seed = job.random().seed();
        String path = table.path();
        // Cells are parsed exactly and rounded to float only after a shift, as the local CSV reader does: a
        // resumed run's saved statistics, or else the first row's values (the statistics come later, from the
        // training rows), so that a feature far from zero against its spread keeps its digits.
        Optional<Standardization> saved = table.standardize() ? job.resume().map(ResumeFrom::standardization)
                : Optional.empty();
        JavaRDD<Block[]> parsed;
        double[] offsets;
        Encoding fitted = null;
        if (encode) {
            EncodedTable.Parsed read = EncodedTable.read(chosen, table, featureNames, targets, classIndex,
                    encoding.orElse(TableEncoder.Options.NONE), savedEncoding, saved, seed);
            parsed = read.blocks();
            fitted = read.encoding();
            featureNames = fitted.featureNames();
            offsets = saved.isPresent() ? saved.get().mean() : read.offsets();
        } else {
            List<String> names = List.copyOf(selected);
            int features = featureNames.size();
            offsets = !table.standardize() ? null : saved.isPresent() ? saved.get().mean()
                    : firstRow(chosen, names, features, path);
            double[] shift = offsets;
            double[] scales = saved.map(Standardization::std).orElse(null);
            // Each input partition parsed into its training rows and its held-out rows.
            parsed = chosen.javaRDD().mapPartitionsWithIndex((p, rows) -> {
                BlockBuilder train = new BlockBuilder(features, k, shift, scales);
                BlockBuilder held = new BlockBuilder(features, k, shift, scales);
                long i = 0;
                while (rows.hasNext()) {
                    Row row = rows.next();
                    boolean out = fraction > 0 && heldOut(seed, p, i++, fraction);
                    (out ? held : train).add(row, names, classIndex, path);
                }
                return java.util.Collections.singletonList(new Block[] {train.build(), held.build()}).iterator();
            }, true).persist(StorageLevel.MEMORY_AND_DISK());
        }
        int d = featureNames.size();
        boolean[] number = fitted == null ? null : fitted.numberFeatures();
        try {
            List<long[]> counts = parsed.map(b -> new long[] {b[0].rows(), b[1].rows()}).collect();
            long n = counts.stream().mapToLong(c -> c[0]).sum();
            long held = counts.stream().mapToLong(c -> c[1]).sum();
            if (n == 0) {
                throw new DataException(path + " has no " + (held > 0 ? "training " : "") + "rows; there is nothing"
                        + " to train on");
            }
            if (fraction > 0 && held == 0) {
                throw new DataException("data.validation-fraction = " + fraction + " of " + (n + held) + " rows leaves"
                        + " no validation rows; use more data or another fraction");
            }
            if (n + held > Integer.MAX_VALUE) {
                throw new DataException(path + " has " + (n + held) + " rows; the spark engine trains on up to "
                        + Integer.MAX_VALUE + " rows in this release: sample the table, or split it into several runs");
            }
            JavaRDD<Block> training = spread(parsed, counts, 0, n, partitions, d, k);
            JavaRDD<Block> validation = held == 0 ? null : spread(parsed, counts, 1, held, partitions, d, k);
            Standardization statistics = null;
            if (saved.isPresent()) {
                statistics = saved.get();   // applied as the cells were parsed
            } else if (table.standardize()) {
                Standardization ofCentered = statistics(training, featureNames, path, offsets, number);
                training = standardized(training, ofCentered);
                validation = validation == null ? null : standardized(validation, ofCentered);
                double[] mean = ofCentered.mean().clone();
                for (int j = 0; j < d; j++) {
                    mean[j] += offsets[j];
                }
                statistics = new Standardization(mean, ofCentered.std());
            }
            training.persist(StorageLevel.MEMORY_ONLY());
            training.count();
            if (validation != null) {
                validation.persist(StorageLevel.MEMORY_ONLY());
                validation.count();
            }
            LOG.debug("read {} training and {} held-out rows of {} features from {} into {} partitions", n, held, d,
                    path, partitions);
            Dataset described = Dataset.described((int) n, WHERE, featureNames, targets, classes, Map.of());
            if (statistics != null) {
                described.withStandardization(statistics);
            }
            if (fitted != null) {
                described.withEncoding(fitted);
            }
            if (validation != null) {
                described.withValidation(Dataset.described((int) held, WHERE, featureNames, targets, classes, Map.of()));
            }
            return new SparkRows(training, validation, described);
        } finally {
            parsed.unpersist(false);
        }
    }

    static org.apache.spark.sql.Dataset<Row> frame(SparkSession session, Table table) {
        try {
            if (table.format().equals("parquet")) {
                return session.read().parquet(table.path());
            }
            org.apache.spark.sql.Dataset<Row> frame = session.read().option("header", table.header())
                    .option("sep", String.valueOf(table.delimiter())).option("inferSchema", "false")
                    .option("ignoreLeadingWhiteSpace", "true").option("ignoreTrailingWhiteSpace", "true")
                    .csv(table.path());
            if (!table.header()) {
                // Named as the local reader names them: column1, column2, …
                String[] names = new String[frame.columns().length];
                for (int c = 0; c < names.length; c++) {
                    names[c] = "column" + (c + 1);
                }
                frame = frame.toDF(names);
            }
            return frame;
        } catch (Exception e) {
            String reason = e instanceof org.apache.spark.sql.AnalysisException analysis ? analysis.getSimpleMessage()
                    : String.valueOf(e.getMessage());
            throw new DataException("cannot read " + table.path() + " as " + table.format() + ": "
                    + reason.lines().findFirst().orElse("") + "; check data.path");
        }
    }

    static void checkNumeric(org.apache.spark.sql.Dataset<Row> frame, String column, Table table) {
        DataType type = frame.schema().apply(column).dataType();
        boolean number = (type == DataTypes.StringType && table.format().equals("csv")) || type == DataTypes.FloatType || type == DataTypes.DoubleType
                || type == DataTypes.IntegerType || type == DataTypes.LongType || type == DataTypes.ShortType
                || type == DataTypes.ByteType || type instanceof org.apache.spark.sql.types.DecimalType;
        if (!number) {
            throw new DataException("column '" + column + "' of " + table.path() + " has the type "
                    + type.simpleString() + ", not numbers; choose numeric columns (data.features, data.target)");
        }
    }

    /** The classes: data.classes, or every distinct target value, sorted as the local reader sorts them. */
    private static List<String> classes(org.apache.spark.sql.Dataset<Row> chosen, String target, Table table,
                                        boolean skipMissing) {
        if (!table.classes().isEmpty()) {
            if (new LinkedHashSet<>(table.classes()).size() != table.classes().size()) {
                throw new DataException("data.classes names a class twice: " + String.join(", ", table.classes()));
            }
            return table.classes();
        }
        List<Row> distinct = chosen.selectExpr("CAST(`" + target + "` AS STRING)").distinct()
                .limit(MAX_CLASSES + 1).collectAsList();
        List<String> found = new ArrayList<>();
        for (Row row : distinct) {
            if (skipMissing && (row.isNullAt(0) || CsvReader.isMissing(row.getString(0).strip()))) {
                continue;   // rows without a class are left out (data.missing)
            }
            if (row.isNullAt(0)) {
                throw new DataException("column '" + target + "' of " + table.path() + " has an empty class in some"
                        + " row; fill it or drop the row");
            }
            found.add(row.getString(0).strip());
        }
        if (found.size() > MAX_CLASSES) {
            throw new DataException("column '" + target + "' of " + table.path() + " holds more than " + MAX_CLASSES
                    + " distinct values: it is not a class column; set data.task = regression, or choose data.target");
        }
        if (found.size() < 2) {
            throw new DataException(table.path() + ": column '" + target + "' holds only the class " + found
                    + "; classification needs at least two classes");
        }
        return ClassNames.sorted(new LinkedHashSet<>(found));
    }

    /** Whether row {@code i} of input partition {@code p} is held out: a hash of the run seed and its place. */
    static boolean heldOut(long seed, int p, long i, double fraction) {
        long z = seed + 0x9E3779B97F4A7C15L * (p + 1) + 0xBF58476D1CE4E5B9L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53 < fraction;
    }

    /** Sends each row to partition {@code i · P / n} and joins each partition's pieces in index order. */
    private static JavaRDD<Block> spread(JavaRDD<Block[]> parsed, List<long[]> counts, int part, long n,
                                         int partitions, int d, int k) {
        long[] offsets = new long[counts.size()];
        long offset = 0;
        for (int p = 0; p < offsets.length; p++) {
            offsets[p] = offset;
            offset += counts.get(p)[part];
        }
        JavaPairRDD<Integer, Block> pieces = parsed.mapPartitionsWithIndex((p, blocks) -> {
            List<Tuple2<Integer, Block>> out = new ArrayList<>();
            while (blocks.hasNext()) {
                Block block = blocks.next()[part];
                long first = offsets[p];
                int from = 0;
                while (from < block.rows()) {
                    long global = first + from;
                    int q = partitionOf(global, partitions, n);
                    long end = Math.min(first + block.rows(), start(q + 1, partitions, n));
                    int to = (int) (end - first);
                    out.add(new Tuple2<>(q, new Block(global, to - from, d, k,
                            Arrays.copyOfRange(block.x(), from * d, to * d),
                            Arrays.copyOfRange(block.y(), from * k, to * k))));
                    from = to;
                }
            }
            return out.iterator();
        }, true).mapToPair(t -> t);
        return pieces.partitionBy(new ByIndex(partitions)).mapPartitionsWithIndex((q, it) -> {
            List<Block> own = new ArrayList<>();
            it.forEachRemaining(t -> own.add(t._2()));
            own.sort(Comparator.comparingLong(Block::first));
            return List.of(join(own, start(q, partitions, n), d, k)).iterator();
        }, true);
    }

    /** The partition of global row {@code i}: the {@code q} with {@code start(q) ≤ i < start(q + 1)}. */
    static int partitionOf(long i, int partitions, long n) {
        int q = (int) Math.min(partitions - 1, i * partitions / n);
        while (q + 1 < partitions && start(q + 1, partitions, n) <= i) {
            q++;
        }
        while (q > 0 && start(q, partitions, n) > i) {
            q--;
        }
        return q;
    }

    /** The first global row of partition {@code q}. */
    static long start(int q, int partitions, long n) {
        return q * n / partitions;
    }

    private static Block join(List<Block> pieces, long first, int d, int k) {
        int rows = pieces.stream().mapToInt(Block::rows).sum();
        float[] x = new float[rows * d];
        float[] y = new float[rows * k];
        int at = 0;
        for (Block piece : pieces) {
            System.arraycopy(piece.x(), 0, x, at * d, piece.rows() * d);
            System.arraycopy(piece.y(), 0, y, at * k, piece.rows() * k);
            at += piece.rows();
        }
        return new Block(first, rows, d, k, x, y);
    }

    /** Mean and population standard deviation per feature over the training rows, merged in partition order. */
    /** The first row's feature values, parsed exactly: the shift every cell of a column gets before rounding. */
    private static double[] firstRow(org.apache.spark.sql.Dataset<Row> chosen, List<String> names, int d, String path) {
        List<Row> first = chosen.takeAsList(1);
        double[] offsets = new double[d];
        if (!first.isEmpty()) {
            for (int j = 0; j < d; j++) {
                offsets[j] = BlockBuilder.number(first.get(0), j, names.get(j), path, true);
            }
        }
        return offsets;
    }

    /** Over the stored (centred) values; {@code offsets} are added back for messages. */
    private static Standardization statistics(JavaRDD<Block> training, List<String> names, String path,
                                              double[] offsets, boolean[] number) {
        int d = names.size();
        List<double[]> parts = training.map(b -> {
            double[] s = new double[1 + 2 * d];   // count, means, sums of squared deviations
            int n = b.rows();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double delta = b.x()[i * d + j] - s[1 + j];
                    s[1 + j] += delta / (i + 1);
                    s[1 + d + j] += delta * (b.x()[i * d + j] - s[1 + j]);
                }
            }
            s[0] = n;
            return s;
        }).collect();
        double count = 0;
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (double[] s : parts) {   // Chan et al.'s pairwise update, in partition order
            double nb = s[0];
            if (nb == 0) {
                continue;
            }
            double total = count + nb;
            for (int j = 0; j < d; j++) {
                double delta = s[1 + j] - mean[j];
                mean[j] += delta * nb / total;
                m2[j] += s[1 + d + j] + delta * delta * count * nb / total;
            }
            count = total;
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(m2[j] / count);
            if (number != null && !number[j]) {   // one-hot and indicator features stay 0 or 1
                mean[j] = 0;
                std[j] = 1;
                continue;
            }
            if (!(std[j] > 1e-12 * Math.max(1, Math.abs(mean[j])))) {
                throw new DataException("column '" + names.get(j) + "' of " + path + " is constant (every training row"
                        + " holds " + (mean[j] + offsets[j]) + "), so it cannot be standardised and says nothing to the model; drop it"
                        + " (data.features) or set data.standardize = false");
            }
        }
        return new Standardization(mean, std);
    }

    private static JavaRDD<Block> standardized(JavaRDD<Block> blocks, Standardization statistics) {
        double[] mean = statistics.mean();
        double[] std = statistics.std();
        return blocks.map(b -> {
            float[] x = b.x().clone();
            new Standardization(mean, std).apply(x, b.rows());
            return new Block(b.first(), b.rows(), b.features(), b.outputs(), x, b.y());
        });
    }

    /** Partition {@code key} for an integer key in {@code 0 … partitions − 1}. */
    static final class ByIndex extends Partitioner {
        private final int partitions;

        ByIndex(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByIndex other && other.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    /** Collects one input partition's rows as floats, checking every cell. */
    static final class BlockBuilder {
        private final int d;
        private final int k;
        private float[] x = new float[0];
        private float[] y = new float[0];
        private int rows;
        /** Per feature, subtracted before rounding to float (null: none); then divided by {@code scales}, if set. */
        private final double[] offsets;
        private final double[] scales;

        BlockBuilder(int d, int k) {
            this(d, k, null, null);
        }

        BlockBuilder(int d, int k, double[] offsets, double[] scales) {
            this.d = d;
            this.k = k;
            this.offsets = offsets;
            this.scales = scales;
        }

        void add(Row row, List<String> names, Map<String, Integer> classes, String path) {
            if ((rows + 1L) * d > x.length) {
                int capacity = Math.max(1024, rows * 2);
                x = Arrays.copyOf(x, Math.multiplyExact(capacity, d));
                y = Arrays.copyOf(y, Math.multiplyExact(capacity, k));
            }
            for (int j = 0; j < d; j++) {
                double value = number(row, j, names.get(j), path, offsets != null);
                if (offsets != null) {
                    value -= offsets[j];
                    if (scales != null) {
                        value /= scales[j];
                    }
                }
                x[rows * d + j] = (float) value;
            }
            for (int t = 0; t < k; t++) {
                int c = d + t;
                if (classes.isEmpty()) {
                    y[rows * k + t] = (float) number(row, c, names.get(c), path, false);
                } else {
                    Object value = row.get(c);
                    String text = value == null ? null : value.toString().strip();
                    Integer index = text == null ? null : classes.get(text);
                    if (index == null) {
                        throw new DataException("column '" + names.get(c) + "' of " + path + " holds the class '" + text
                                + "', which is not one of data.classes (" + String.join(", ", classes.keySet())
                                + "); add it there or drop the row");
                    }
                    y[rows * k + t] = index;
                }
            }
            rows++;
        }

        /**
         * A cell's number: exactly, as a double, when {@code exact} (it is shifted before it is rounded to
         * float), else rounded to the nearest float once, as the local reader reads raw cells.
         */
        static double number(Row row, int c, String column, String path, boolean exact) {
            Object value = row.get(c);
            if (value instanceof Number number) {
                return exact && !(value instanceof Float) ? number.doubleValue() : number.floatValue();
            }
            String text = value == null ? "" : value.toString().strip();
            if (text.isEmpty()) {
                throw new DataException("a row of " + path + " has no value in column '" + column + "'; fill it or drop"
                        + " the row, or set data.missing (the csv source then fills the table on the driver)");
            }
            double parsed;
            try {
                parsed = exact ? Double.parseDouble(text) : Float.parseFloat(text);
            } catch (NumberFormatException e) {
                throw new DataException("column '" + column + "' of " + path + " holds '" + text + "', which is not a"
                        + " number; fix the cell, or leave the column out of data.features (a column of categories:"
                        + " name it in data.categorical, and the csv source encodes it on the driver)");
            }
            if (Decimals.isJavaOnly(text)) {
                throw new DataException("column '" + column + "' of " + path + " holds '" + text + "', "
                        + Decimals.javaOnlyAdvice(text));
            }
            return parsed;
        }

        Block build() {
            return new Block(-1, rows, d, k, Arrays.copyOf(x, rows * d), Arrays.copyOf(y, rows * k));
        }
    }
}
