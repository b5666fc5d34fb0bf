package dev.descent.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * TensorBoard's event files, written by hand: each record is its length (8 bytes, little-endian),
 * the masked CRC-32C of the length, the data and the masked CRC-32C of the data (TFRecord framing);
 * the data is a serialized {@code Event} protocol buffer ({@code wall_time = 1}, {@code step = 2},
 * {@code file_version = 3}, {@code summary = 5}) whose {@code Summary} holds {@code Value}s ({@code
 * tag = 1}, {@code simple_value = 2}, {@code image = 4}, {@code metadata = 9}). Nothing of TensorFlow or
 * protobuf is needed: the few fields are encoded here, as TensorBoard's own reader decodes them.
 *
 * <p>The HParams plug-in's records ({@link #experiment}, {@link #sessionStart}, {@link #sessionEnd})
 * are summaries whose metadata names the plug-in {@code hparams} and carries its {@code
 * HParamsPluginData}, as PyTorch's {@code add_hparams} writes them: the experiment (the hyperparameters
 * and metrics compared) in the log folder, a session per trial in the trial's folder beside its
 * metrics.
 */
public final class TensorBoardEvents {

    /** What the first event of a file says: the format TensorBoard reads. */
    public static final String FILE_VERSION = "brain.Event:2";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The first event of a file: its format version, at {@code wallTime} (seconds since 1970). */
    public TensorBoardEvents fileVersion(double wallTime) {
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        real(event, 1, wallTime);
        bytes(event, 3, FILE_VERSION.getBytes(StandardCharsets.UTF_8));
        record(event.toByteArray());
        return this;
    }

    /**
     * One event at {@code step} with a scalar per tag, in the map's order, as {@code simple_value = 2}:
     * a float, TensorBoard's own precision for scalars (its data server reads float scalars, not
     * double ones: a {@code DT_DOUBLE} tensor was tried and its charts stayed empty).
     */
    public TensorBoardEvents scalars(double wallTime, long step, Map<String, Double> values) {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        values.forEach((tag, value) -> {
            ByteArrayOutputStream v = new ByteArrayOutputStream();
            bytes(v, 1, tag.getBytes(StandardCharsets.UTF_8));
            key(v, 2, 5);
            little(v, Float.floatToRawIntBits(value.floatValue()), 4);
            bytes(summary, 1, v.toByteArray());
        });
        event(wallTime, step, summary.toByteArray());
        return this;
    }

    /** One event at {@code step} with a PNG image under {@code tag} ({@code Summary.Image}, RGBA). */
    public TensorBoardEvents image(double wallTime, long step, String tag, byte[] png, int width, int height) {
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        key(image, 1, 0);
        varint(image, height);
        key(image, 2, 0);
        varint(image, width);
        key(image, 3, 0);
        varint(image, 4);
        bytes(image, 4, png);
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        bytes(v, 1, tag.getBytes(StandardCharsets.UTF_8));
        bytes(v, 4, image.toByteArray());
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        bytes(summary, 1, v.toByteArray());
        event(wallTime, step, summary.toByteArray());
        return this;
    }

    /** The HParams plug-in's name, the tags of its records, and its data's version. */
    public static final String HPARAMS = "hparams";
    static final String EXPERIMENT_TAG = "_hparams_/experiment";
    static final String SESSION_START_TAG = "_hparams_/session_start_info";
    static final String SESSION_END_TAG = "_hparams_/session_end_info";

    /**
     * The experiment: the hyperparameters trials differ in ({@code hparams}: name to whether its values
     * are numbers) and the metrics they are compared by (scalar tags in each trial's folder).
     */
    public TensorBoardEvents experiment(double wallTime, String description, Map<String, Boolean> hparams,
                                        List<String> metrics) {
        ByteArrayOutputStream experiment = new ByteArrayOutputStream();
        bytes(experiment, 1, description.getBytes(StandardCharsets.UTF_8));
        real(experiment, 3, wallTime);
        hparams.forEach((name, numeric) -> {
            ByteArrayOutputStream info = new ByteArrayOutputStream();
            bytes(info, 1, name.getBytes(StandardCharsets.UTF_8));
            key(info, 4, 0);
            varint(info, numeric ? 3 : 1);   // DATA_TYPE_FLOAT64, DATA_TYPE_STRING
            bytes(experiment, 4, info.toByteArray());
        });
        for (String metric : metrics) {
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            bytes(name, 2, metric.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream info = new ByteArrayOutputStream();
            bytes(info, 1, name.toByteArray());
            bytes(experiment, 5, info.toByteArray());
        }
        return hparamsRecord(wallTime, EXPERIMENT_TAG, 2, experiment.toByteArray());
    }

    /** A trial's start: its hyperparameters, numbers as numbers, the rest as text. */
    public TensorBoardEvents sessionStart(double wallTime, Map<String, String> hparams, String group) {
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        hparams.forEach((name, value) -> {
            ByteArrayOutputStream protoValue = new ByteArrayOutputStream();
            Double number = number(value);
            if (number != null) {
                real(protoValue, 2, number);
            } else {
                bytes(protoValue, 3, value.getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            bytes(entry, 1, name.getBytes(StandardCharsets.UTF_8));
            bytes(entry, 2, protoValue.toByteArray());
            bytes(start, 1, entry.toByteArray());
        });
        bytes(start, 4, group.getBytes(StandardCharsets.UTF_8));
        real(start, 5, wallTime);
        return hparamsRecord(wallTime, SESSION_START_TAG, 3, start.toByteArray());
    }

    /** A trial's end: succeeded or failed. */
    public TensorBoardEvents sessionEnd(double wallTime, boolean succeeded) {
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        key(end, 1, 0);
        varint(end, succeeded ? 1 : 2);   // STATUS_SUCCESS, STATUS_FAILURE
        real(end, 2, wallTime);
        return hparamsRecord(wallTime, SESSION_END_TAG, 4, end.toByteArray());
    }

    /** A value as the HParams tab sorts it: a number when the whole text is one. */
    static Double number(String value) {
        try {
            double number = Double.parseDouble(value.strip());
            return Double.isFinite(number) && !value.strip().isEmpty() ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A summary value with no data and metadata naming the plug-in, whose content is {@code HParamsPluginData}. */
    private TensorBoardEvents hparamsRecord(double wallTime, String tag, int field, byte[] message) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        key(data, 1, 0);
        varint(data, 0);   // version 0
        bytes(data, field, message);
        ByteArrayOutputStream plugin = new ByteArrayOutputStream();
        bytes(plugin, 1, HPARAMS.getBytes(StandardCharsets.UTF_8));
        bytes(plugin, 2, data.toByteArray());
        ByteArrayOutputStream metadata = new ByteArrayOutputStream();
        bytes(metadata, 1, plugin.toByteArray());
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        bytes(v, 1, tag.getBytes(StandardCharsets.UTF_8));
        bytes(v, 9, metadata.toByteArray());
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        bytes(summary, 1, v.toByteArray());
        event(wallTime, 0, summary.toByteArray());
        return this;
    }

    private void event(double wallTime, long step, byte[] summary) {
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        real(event, 1, wallTime);
        key(event, 2, 0);
        varint(event, step);
        bytes(event, 5, summary);
        record(event.toByteArray());
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void record(byte[] data) {
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        out.writeBytes(length);
        little(out, maskedCrc(length), 4);
        out.writeBytes(data);
        little(out, maskedCrc(data), 4);
    }

    /** TFRecord's masked CRC-32C: rotated right by 15 bits, plus a constant. */
    public static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + 0xa282ead8;
    }

    private static void key(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void real(ByteArrayOutputStream out, int field, double value) {
        key(out, field, 1);
        little(out, Double.doubleToRawLongBits(value), 8);
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
        key(out, field, 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void little(ByteArrayOutputStream out, long value, int size) {
        for (int i = 0; i < size; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
