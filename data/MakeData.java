import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the made-up data sets the docs use: houses.csv, test-houses.csv, new-houses.csv and
 * churn.csv. Every value is drawn from java.util.Random with a fixed seed (its sequence is part of
 * the Java specification), so the files are the same on every machine and free of any licence.
 *
 * <pre>java data/MakeData.java data     # from the repository root; the folder to write to</pre>
 */
public final class MakeData {

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "data");
        Files.createDirectories(folder);
        Random random = new Random(20261205L);
        write(folder.resolve("houses.csv"), houses(random, 500, false, true));
        write(folder.resolve("test-houses.csv"), houses(random, 100, false, true));
        write(folder.resolve("new-houses.csv"), houses(random, 10, true, false));
        write(folder.resolve("churn.csv"), churn(new Random(4242L), 400));
    }

    /**
     * Houses: floor area (m²), rooms, age (years), distance to the centre (km) and price (thousands):
     * price = 150 + 3 area + 12 rooms − 1.2 age − 4 distance + N(0, 20²).
     */
    private static String houses(Random random, int rows, boolean withId, boolean withPrice) {
        StringBuilder csv = new StringBuilder(withId ? "id," : "").append("area,rooms,age,distance")
                .append(withPrice ? ",price" : "").append('\n');
        for (int i = 0; i < rows; i++) {
            double area = round(40 + 180 * random.nextDouble(), 1);
            long rooms = Math.max(1, Math.min(8, Math.round(area / 30 + 0.7 * random.nextGaussian())));
            int age = random.nextInt(81);
            double distance = round(0.5 + 29.5 * random.nextDouble(), 1);
            double price = round(150 + 3 * area + 12 * rooms - 1.2 * age - 4 * distance + 20 * random.nextGaussian(), 1);
            if (withId) {
                csv.append(String.format(Locale.ROOT, "H%04d,", i + 1));
            }
            csv.append(String.format(Locale.ROOT, "%.1f,%d,%d,%.1f", area, rooms, age, distance));
            if (withPrice) {
                csv.append(String.format(Locale.ROOT, ",%.1f", price));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /**
     * Customers of a subscription: months subscribed, monthly charge, support calls last quarter, and
     * whether they left: P(yes) = σ(−1.5 − 0.06 tenure + 0.025 charges + 0.55 calls).
     */
    private static String churn(Random random, int rows) {
        StringBuilder csv = new StringBuilder("tenure,monthly_charges,support_calls,churned\n");
        for (int i = 0; i < rows; i++) {
            int tenure = 1 + random.nextInt(72);
            double charges = round(20 + 100 * random.nextDouble(), 2);
            int calls = 0;
            while (calls < 6 && random.nextDouble() < 0.45) {
                calls++;
            }
            double z = -1.5 - 0.06 * tenure + 0.025 * charges + 0.55 * calls;
            boolean left = random.nextDouble() < 1 / (1 + Math.exp(-z));
            csv.append(String.format(Locale.ROOT, "%d,%.2f,%d,%s\n", tenure, charges, calls, left ? "yes" : "no"));
        }
        return csv.toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
