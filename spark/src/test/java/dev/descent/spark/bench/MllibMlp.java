package dev.descent.spark.bench;

import dev.descent.data.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * bench/mllib-mlp: W8's JVM peer, Spark MLlib's MultilayerPerceptronClassifier on the book's
 * Fashion-MNIST (784-256-10; MLlib's hidden layers are sigmoid, its output softmax), solver {@code gd}
 * with step 0.1, as many passes over the 60,000 training images as W8 has epochs, on local[2]. Prints
 * the seconds of the fit (after a warm-up fit), per pass, and the test accuracy.
 *
 * <pre>
 * java -cp … dev.descent.spark.bench.MllibMlp [FOLDER] [PASSES]
 * </pre>
 */
public final class MllibMlp {

    private MllibMlp() {
    }

    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("mllib-mlp")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Dataset<Row> train = frame(spark, folder, "train").repartition(2).persist(StorageLevel.MEMORY_ONLY());
        Dataset<Row> test = frame(spark, folder, "t10k").persist(StorageLevel.MEMORY_ONLY());
        train.count();
        test.count();
        MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setLayers(new int[] {784, 256, 10})
                .setSolver("gd").setStepSize(0.1).setBlockSize(256).setTol(0).setSeed(42);
        mlp.setMaxIter(1).fit(train.limit(2_000));   // warms the JIT and Spark's code paths
        long started = System.nanoTime();
        MultilayerPerceptronClassificationModel model = mlp.setMaxIter(passes).fit(train);
        double seconds = (System.nanoTime() - started) / 1e9;
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(test));
        System.out.printf(Locale.ROOT, "MLlib MultilayerPerceptronClassifier 784-256-10, solver gd, step 0.1, %d"
                + " passes, local[2]: %.1f s, %.2f s per pass, test accuracy %.4f%n", passes, seconds,
                seconds / passes, accuracy);
        spark.stop();
    }

    /** The split ({@code train} or {@code t10k}) as (label, features) rows, pixels divided by 255. */
    private static Dataset<Row> frame(SparkSession spark, Path folder, String split) {
        IdxReader.Contents images = IdxReader.read(file(folder, split + "-images-idx3-ubyte"), Integer.MAX_VALUE,
                "the " + split + " images");
        IdxReader.Contents labels = IdxReader.read(file(folder, split + "-labels-idx1-ubyte"), Integer.MAX_VALUE,
                "the " + split + " labels");
        int size = images.itemSize();
        List<Row> rows = new ArrayList<>(images.items());
        for (int i = 0; i < images.items(); i++) {
            double[] pixels = new double[size];
            for (int j = 0; j < size; j++) {
                pixels[j] = images.values()[i * size + j] / 255.0;
            }
            rows.add(RowFactory.create((double) labels.values()[i], Vectors.dense(pixels)));
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType)
                .add("features", SQLDataTypes.VectorType());
        return spark.createDataFrame(rows, schema);
    }

    private static Path file(Path folder, String name) {
        Path plain = folder.resolve(name);
        return Files.exists(plain) ? plain : folder.resolve(name + ".gz");
    }
}
