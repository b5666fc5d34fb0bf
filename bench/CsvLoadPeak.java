import dev.descent.api.DataContext;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.config.RunConfig;
import dev.descent.api.ComponentKind;
import dev.descent.plugin.PluginRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.SplittableRandom;

/**
 * Loads a CSV through the real 'csv' data source (standardised, as by default) and reports the time
 * and the heap: run it with -Xmx set to the bound to prove the load fits in it.
 *
 *   java -Xmx800m -cp cli/target/descent.jar bench/CsvLoadPeak.java big.csv [OPTION=VALUE …]
 *
 * (options of the csv source without their "data." prefix, e.g. missing=mean for a table with gaps)
 */
public class CsvLoadPeak {
    public static void main(String[] args) {
        PluginRegistry registry = PluginRegistry.discover(CsvLoadPeak.class.getClassLoader());
        RunConfig config = RunConfig.empty().with("data.path", args[0], "bench");
        for (int i = 1; i < args.length; i++) {   // more data options: missing=mean, categorical=kind, …
            int eq = args[i].indexOf('=');
            config = config.with("data." + args[i].substring(0, eq), args[i].substring(eq + 1), "bench");
        }
        DataSource csv = (DataSource) registry.create(registry.require(ComponentKind.DATA, "csv", null), config.section("data"));
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        Dataset data = csv.load(new DataContext(new SplittableRandom(1)));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long matrix = 4L * data.examples() * data.features();
        System.out.printf("rows %d, features %d, float matrix %d MiB, load %.1f s, heap pools' peak %d MiB (%.2f× the matrix), -Xmx %d MiB%n",
                data.examples(), data.features(), matrix >> 20, seconds, peak >> 20, (double) peak / matrix,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
