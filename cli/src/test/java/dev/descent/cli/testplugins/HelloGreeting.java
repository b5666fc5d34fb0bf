package dev.descent.cli.testplugins;

import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Outputs;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.api.TrainingEnd;
import dev.descent.api.TrainingHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The one component of the test kind {@code greeting}: it acts during a run through the loop's hooks,
 * greets as the run starts, can end it early and can write down every hook point it was called at.
 */
@Plugin(name = "hello", description = "Test greeting: hello, NAME")
public final class HelloGreeting implements Greeting, TrainingHooks {

    @Option(name = "name", description = "Whom to greet")
    private String name = "world";

    @Option(name = "stop-after", description = "End the run after this epoch; 0 for never", min = 0)
    private int stopAfter = 0;

    @Option(name = "trace", description = "A file to append every hook call to; empty for none")
    private String trace = "";

    @Override
    public String greet() {
        return "hello, " + name;
    }

    @Override
    public void beforeRun(List<Parameter> parameters, Outputs outputs) {
        System.out.println(greet() + " (" + parameters.size() + " parameters)");
        record("beforeRun");
    }

    @Override
    public void beforeEpoch(int epoch, List<Parameter> parameters) {
        record("beforeEpoch " + epoch);
    }

    @Override
    public void beforeBatch(int epoch, int batch, List<Parameter> parameters) {
        record("beforeBatch " + epoch + "." + batch);
    }

    @Override
    public void afterBatch(int epoch, int batch, List<Parameter> parameters) {
        record("afterBatch " + epoch + "." + batch);
    }

    @Override
    public void afterEpoch(EpochEvent epoch) {
        record("afterEpoch " + epoch.epoch());
        if (stopAfter > 0 && epoch.epoch() >= stopAfter) {
            epoch.requestStop(name + " has been greeted for " + stopAfter + " epoch(s)");
        }
    }

    @Override
    public void afterRun(TrainingEnd end) {
        record("afterRun " + end.lastEpoch());
    }

    private void record(String call) {
        if (trace.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(trace), call + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
