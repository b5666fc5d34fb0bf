package dev.descent.plugins.callbacks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * TensorBoard's event files, written by hand: each record is its length (8 bytes, little-endian),
 * the masked CRC-32C of the length, the data and the masked CRC-32C of the data (TFRecord framing);
 * the data is a serialized {@code Event} protocol buffer ({@code wall_time = 1}, {@code step = 2},
 * {@code file_version = 3}, {@code summary = 5}) whose {@code Summary} holds {@code Value}s ({@code
 * tag = 1}, {@code simple_value = 2}). Nothing of TensorFlow or protobuf is needed: the few fields
 * are encoded here, as TensorBoard's own reader decodes them.
 */
final class EventRecords {

    /** What the first event of a file says: the format TensorBoard reads. */
    static final String FILE_VERSION = "brain.Event:2";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The first event of a file: its format version, at {@code wallTime} (seconds since 1970). */
    EventRecords fileVersion(double wallTime) {
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
    EventRecords scalars(double wallTime, long step, Map<String, Double> values) {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        values.forEach((tag, value) -> {
            ByteArrayOutputStream v = new ByteArrayOutputStream();
            bytes(v, 1, tag.getBytes(StandardCharsets.UTF_8));
            key(v, 2, 5);
            little(v, Float.floatToRawIntBits(value.floatValue()), 4);
            bytes(summary, 1, v.toByteArray());
        });
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        real(event, 1, wallTime);
        key(event, 2, 0);
        varint(event, step);
        bytes(event, 5, summary.toByteArray());
        record(event.toByteArray());
        return this;
    }

    byte[] toByteArray() {
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
    static int maskedCrc(byte[] data) {
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
