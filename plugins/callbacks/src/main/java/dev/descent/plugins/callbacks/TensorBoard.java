package dev.descent.plugins.callbacks;

import com.google.auto.service.AutoService;
import dev.descent.api.Callback;
import dev.descent.api.DescentException;
import dev.descent.api.EpochEvent;
import dev.descent.api.Option;
import dev.descent.api.Outputs;
import dev.descent.api.Parameter;
import dev.descent.api.Plugin;
import dev.descent.data.TensorBoardEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the run's figures as TensorBoard event files in {@code dir} (default {@code
 * runs/<date>-<time>-<host>}, as PyTorch's {@code SummaryWriter} names its folders): after each
 * epoch, at the epoch's step, {@code loss/train}, {@code accuracy/train} and their {@code
 * validation} and {@code test} counterparts when the run has them, and {@code lr}. {@code
 * tensorboard --logdir runs} shows them as the run goes.
 *
 * <p>Each epoch's events go to a file of their own, written atomically through the run's outputs
 * and never changed again ({@code events.out.tfevents.<start>.<host>.<epoch>}): TensorBoard reads
 * a folder's event files in the order of their names and moves on to the newest, so it follows the
 * run while no file is ever half written. A resumed run with the same {@code tensorboard.dir} writes
 * on into that folder, its epochs numbered on.
 */
@AutoService(Callback.class)
@Plugin(name = "tensorboard", description = "Writes each epoch's loss, accuracy, validation and test figures and the"
        + " learning rate as TensorBoard event files")
public final class TensorBoard implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(TensorBoard.class);

    @Option(name = "dir", description = "The folder of the event files; default runs/<date>-<time>-<host>;"
            + " created when missing")
    private Path dir;

    private Outputs outputs;
    /** Seconds since 1970 when this process's run started: every file name of the run carries it. */
    private long started;
    private String host;
    private boolean first = true;

    public TensorBoard() {
    }

    /** A callback writing to {@code dir}, for tests and embedders. */
    public TensorBoard(Path dir) {
        this.dir = dir;
    }

    /** The folder the events go to (the default is chosen when training starts). */
    public Path dir() {
        return dir;
    }

    @Override
    public void trainingStarted(List<Parameter> parameters, Outputs outputs) {
        this.outputs = outputs;
        prepare();
        outputs.checkFolder(dir, "tensorboard.dir");
        trainingStarted(parameters);
    }

    @Override
    public void trainingStarted(List<Parameter> parameters) {
        prepare();
        started = System.currentTimeMillis() / 1000;
        OutputFolder.create(dir, "tensorboard.dir");
        LOG.info("TensorBoard event files in {} (tensorboard --logdir {})", dir,
                dir.getParent() == null ? dir : dir.getParent());
    }

    /** The machine's name and, when none was given, the default folder: once per run. */
    private void prepare() {
        if (host == null) {
            host = host();
        }
        if (dir == null) {
            dir = defaultDir(host, LocalDateTime.now());
        }
    }

    @Override
    public boolean wantsFigures() {
        return true;
    }

    /**
     * Adds the figures drawn after training as images ({@code figures/loss}, …) at the last epoch's
     * step, in one more event file of the run: TensorBoard's Images tab shows them.
     */
    @Override
    public void figuresDrawn(int step, Map<String, byte[]> pngs) {
        if (dir == null || pngs.isEmpty()) {
            return;
        }
        double now = System.currentTimeMillis() / 1000.0;
        TensorBoardEvents records = new TensorBoardEvents();
        pngs.forEach((name, png) -> records.image(now, step, "figures/" + name, png, pngInt(png, 16),
                pngInt(png, 20)));
        byte[] bytes = records.toByteArray();
        Path file = dir.resolve(String.format(Locale.ROOT, "events.out.tfevents.%010d.%s.%06d.figures", started,
                host, step));
        if (outputs != null) {
            outputs.write(file, "tensorboard.dir", out -> out.write(bytes));
        } else {
            writeAlone(file, bytes);
        }
        LOG.info("TensorBoard images of the figures {} in {}", pngs.keySet(), dir);
    }

    /** A big-endian int of a PNG's header: its width at 16, its height at 20. */
    private static int pngInt(byte[] png, int at) {
        if (png.length < at + 4) {
            throw new IllegalArgumentException("not a PNG: " + png.length + " bytes");
        }
        return ((png[at] & 0xFF) << 24) | ((png[at + 1] & 0xFF) << 16) | ((png[at + 2] & 0xFF) << 8) | (png[at + 3] & 0xFF);
    }

    @Override
    public void epochEnded(EpochEvent epoch) {
        double now = System.currentTimeMillis() / 1000.0;
        TensorBoardEvents records = new TensorBoardEvents();
        if (first) {
            records.fileVersion(now);
            first = false;
        }
        records.scalars(now, epoch.epoch(), scalars(epoch));
        byte[] bytes = records.toByteArray();
        Path file = dir.resolve(String.format(Locale.ROOT, "events.out.tfevents.%010d.%s.%06d", started, host,
                epoch.epoch()));
        if (outputs != null) {
            outputs.write(file, "tensorboard.dir", out -> out.write(bytes));
        } else {
            writeAlone(file, bytes);
        }
    }

    /** Where no trainer gave an output policy (a test, an embedder calling callbacks itself): still whole or not at all. */
    private static void writeAlone(Path file, byte[] bytes) {
        try {
            Path partial = Files.createTempFile(file.getParent(), ".events", ".tmp");
            try {
                Files.write(partial, bytes);
                Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new DescentException("tensorboard.dir: cannot write " + file + " (" + e.getMessage() + "); choose a"
                    + " folder with room that you can write to");
        }
    }

    /** The epoch's figures under TensorBoard's tags: one chart per figure, training, validation and test in it. */
    static Map<String, Double> scalars(EpochEvent epoch) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss/train", epoch.loss());
        epoch.validationLoss().ifPresent(v -> values.put("loss/validation", v));
        Map<String, Double> metrics = epoch.metrics();
        put(values, "loss/test", metrics.get("test-loss"));
        put(values, "accuracy/train", metrics.get("accuracy"));
        put(values, "accuracy/validation", metrics.get("validation-accuracy"));
        put(values, "accuracy/test", metrics.get("test-accuracy"));
        epoch.learningRate().ifPresent(r -> values.put("lr", r));
        return values;
    }

    private static void put(Map<String, Double> values, String tag, Double value) {
        if (value != null) {
            values.put(tag, value);
        }
    }

    /** {@code runs/20261206-030405-host}: a run's own folder, as PyTorch's {@code SummaryWriter} names one. */
    static Path defaultDir(String host, LocalDateTime now) {
        return Path.of("runs", now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + "-" + host);
    }

    /** This machine's name for file names, without a DNS lookup: HOSTNAME, /etc/hostname, or localhost. */
    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                name = "localhost";
            }
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }
}
