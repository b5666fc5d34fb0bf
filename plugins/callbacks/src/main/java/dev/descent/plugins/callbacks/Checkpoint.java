package dev.descent.plugins.callbacks;

import com.google.auto.service.AutoService;
import dev.descent.api.Callback;
import dev.descent.api.DescentException;
import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the run every {@code every} epochs as a model file {@code epoch-0007.json} in {@code dir}
 * (atomically, with everything {@code train --resume} needs), and keeps the newest {@code keep}.
 */
@AutoService(Callback.class)
@Plugin(name = "checkpoint", description = "Saves the run every few epochs as a model file to resume from;"
        + " keeps the newest")
public final class Checkpoint implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    private static final Pattern NAME = Pattern.compile("epoch-\\d{4,}\\.json");

    @Option(name = "dir", description = "The folder of the checkpoints; created when missing")
    private Path dir = Path.of("checkpoints");

    @Option(name = "every", description = "Epochs between two checkpoints", min = 1)
    private int every = 1;

    @Option(name = "keep", description = "How many of the newest checkpoints to keep", min = 1)
    private int keep = 3;

    public Checkpoint() {
    }

    /** A checkpoint callback writing to {@code dir}, for tests and embedders. */
    public Checkpoint(Path dir, int every, int keep) {
        this.dir = dir;
        this.every = every;
        this.keep = keep;
    }

    @Override
    public void trainingStarted(List<Parameter> parameters) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DescentException("checkpoint.dir " + dir + " cannot be created (" + e.getMessage()
                    + "); choose a folder you can write to");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new DescentException("checkpoint.dir " + dir + " is not a writable folder; choose one you can"
                    + " write to");
        }
    }

    @Override
    public void epochEnded(EpochEvent epoch) {
        if (epoch.epoch() % every != 0 && epoch.epoch() != epoch.epochs()) {
            return;
        }
        Path file = dir.resolve(String.format(Locale.ROOT, "epoch-%04d.json", epoch.epoch()));
        epoch.saveModel(file);
        LOG.debug("checkpoint {} written", file);
        prune();
    }

    /** Deletes this callback's checkpoints beyond the newest {@code keep}; other files are left alone. */
    private void prune() {
        List<Path> mine = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (NAME.matcher(f.getFileName().toString()).matches()) {
                    mine.add(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} to remove old checkpoints: {}", dir, e.getMessage());
            return;
        }
        mine.sort(null);
        for (int i = 0; i < mine.size() - keep; i++) {
            try {
                Files.deleteIfExists(mine.get(i));
            } catch (IOException e) {
                LOG.warn("cannot remove the old checkpoint {}: {}", mine.get(i), e.getMessage());
            }
        }
    }
}
