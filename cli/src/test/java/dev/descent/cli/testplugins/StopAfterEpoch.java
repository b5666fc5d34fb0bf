package dev.descent.cli.testplugins;

import dev.descent.api.Callback;
import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Plugin;

/** A test plugin, packed into a jar at test time: asks to stop once epoch {@code epoch} has ended. */
@Plugin(name = "stop-after", description = "Test callback: stops training after a given epoch")
public final class StopAfterEpoch implements Callback {

    @Option(name = "epoch", description = "The last epoch to run", min = 1)
    private int epoch = 2;

    @Override
    public void epochEnded(EpochEvent event) {
        if (event.epoch() >= epoch) {
            event.requestStop("epoch " + epoch + " was the last one asked for");
        }
    }
}
