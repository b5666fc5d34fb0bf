package dev.descent.bench;

import dev.descent.cli.ProgressDisplay;

import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.Descent;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the progress bar costs a W2-sized run (1,000,000 examples, 100,000 steps of 10): the same
 * training with no bar, and with the CLI's bar shown from the first batch (its 2-second delay set to
 * 0, so the bar is created, redrawn 5 times a second and closed, as on a slow machine). The bar draws
 * into a stream that discards its output; the drawing is still done. Target: at most 2% slower.
 *
 * Run: {@code bench/jmh.sh ProgressBar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 8)   // forks differ more than runs within one (JIT decisions): many forks, short iterations
public class ProgressBarBenchmark {

    @Param({"none", "bar"})
    public String progress;

    private PluginRegistry registry;
    private RunConfig w2;

    @Setup
    public void setUp() {
        registry = PluginRegistry.discover(ProgressBarBenchmark.class.getClassLoader());
        w2 = RunConfig.empty().withOverride("data.examples=1000000").withOverride("train.epochs=1")
                .withOverride("device=cpu");
    }

    @Benchmark
    public TrainingResult trainW2() {
        if (progress.equals("none")) {
            return Descent.train(w2, registry, List.of(), List.of());
        }
        try (ProgressDisplay bar = new ProgressDisplay(new PrintStream(OutputStream.nullOutputStream()), 0)) {
            List<TrainingListener> listeners = List.of(bar);
            return Descent.train(w2, registry, listeners, List.of());
        }
    }
}
