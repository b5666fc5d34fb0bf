package dev.descent.plugins.callbacks;

import com.google.auto.service.AutoService;
import dev.descent.api.Callback;
import dev.descent.api.DescentException;
import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Outputs;
import dev.descent.api.State;
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
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,9})\\.json");

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

    /** The epochs whose checkpoints this run wrote, oldest first: the only files it ever removes. */
    private final List<Integer> written = new ArrayList<>();
    /** The last epoch of the run this one resumes, 0 for a new run. */
    private long resumedEpoch;
    private Outputs outputs;

    @Override
    public void trainingStarted(List<Parameter> parameters, Outputs outputs) {
        outputs.checkFolder(dir, "checkpoint.dir");
        trainingStarted(parameters);
        // Every checkpoint this run may replace (the epochs after the one it resumed from) is checked now:
        // none may be one of the run's inputs (its config, say), so a bad one fails before epoch 1, not
        // at epoch 40; inputs of earlier epochs (the model it resumes from) are kept, never pruned.
        this.outputs = outputs;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "epoch-*.json")) {
            for (Path f : files) {
                java.util.regex.Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > resumedEpoch) {
                    String input = outputs.inputName(f);
                    if (input != null) {
                        throw new DescentException("checkpoint.dir " + dir + " would replace " + f.getFileName()
                                + ", which is " + input + ", an input of this run; choose another checkpoint.dir"
                                + " or move the input");
                    }
                }
            }
        } catch (IOException e) {
            throw new DescentException("checkpoint.dir " + dir + " cannot be listed (" + e.getMessage()
                    + "); choose a folder you can read and write");
        }
    }

    /** Creates the folder; a trainer without an output policy calls only this. */
    @Override
    public void trainingStarted(List<Parameter> parameters) {
        OutputFolder.create(dir, "checkpoint.dir");
    }


    @Override
    public void epochEnded(EpochEvent epoch) {
        resumedEpoch = epoch.epoch();   // what a checkpoint of this epoch records: a run resumed from it starts after it
        if (epoch.epoch() % every != 0 && epoch.epoch() != epoch.epochs()) {
            return;
        }
        Path file = file(epoch.epoch());
        written.remove(Integer.valueOf(epoch.epoch()));
        written.add(epoch.epoch());
        epoch.saveModel(file);
        LOG.debug("checkpoint {} written", file);
        prune();
    }

    private Path file(int epoch) {
        return dir.resolve(String.format(Locale.ROOT, "epoch-%04d.json", epoch));
    }

    /**
     * Deletes this run's checkpoints beyond the newest {@code keep}, by epoch number; files it did not
     * write (another run's checkpoints in the same folder, anything else) are left alone.
     */
    private void prune() {
        written.sort(null);
        while (written.size() > keep) {
            Path old = file(written.remove(0));
            if (outputs != null && outputs.inputName(old) != null) {
                continue;   // this run read it (it resumed from it): an input is never removed
            }
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                LOG.warn("cannot remove the old checkpoint {}: {}", old, e.getMessage());
            }
        }
    }

    /** The checkpoints written so far and their folder, so that a resumed run prunes them too. */
    @Override
    public State saveState() {
        float[] epochs = new float[written.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = written.get(i);
        }
        return State.builder().array("written", epochs).count("dir", folderId()).count("epoch", resumedEpoch).build();
    }

    @Override
    public void restoreState(State state) {
        written.clear();
        resumedEpoch = state.counts().getOrDefault("epoch", 0L);
        if (state.arrays().containsKey("written") && state.counts().getOrDefault("dir", 0L) == folderId()) {
            for (float e : state.array("written")) {
                written.add((int) e);
            }
        }
    }

    private long folderId() {
        return dir.toAbsolutePath().normalize().toString().hashCode();
    }
}
