package dev.descent.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Callback;
import dev.descent.api.EpochEvent;
import dev.descent.data.TensorBoardEvents;
import dev.descent.testkit.CallbackContract;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tensorboard callback's event files, decoded here by a reader written from the format's
 * description (TFRecord framing with masked CRC-32C, the Event and Summary fields); TensorBoard's
 * own reader checks them in the CLI's {@code TensorBoardIT}.
 */
class TensorBoardTest extends CallbackContract {

    @TempDir
    Path dir;

    @Override
    protected Callback createCallback() {
        return new TensorBoard(dir.resolve("runs/a"));
    }

    /** One decoded event: its step, file version and scalars. */
    record Event(double wallTime, long step, String fileVersion, Map<String, Double> scalars) {
    }

    @Test
    void eachEpochWritesItsFiguresAtItsStepInAFileOfItsOwnWithValidRecords() throws IOException {
        TensorBoard callback = new TensorBoard(dir.resolve("runs/a"));
        callback.trainingStarted(List.of());
        for (int e = 1; e <= 3; e++) {
            EpochEvent event = new EpochEvent(e, 3, 1.0 / e, OptionalDouble.of(2.0 / e), OptionalDouble.of(0.1 / e),
                    List.of()).withMetrics(Map.of("accuracy", 0.5 + e / 10.0, "validation-accuracy", 0.4,
                    "test-loss", 3.0 / e, "test-accuracy", 0.25));
            callback.epochEnded(event);
        }

        List<Path> files;
        try (Stream<Path> listed = Files.list(dir.resolve("runs/a"))) {
            files = listed.sorted().toList();
        }
        assertThat(files).hasSize(3).allMatch(f -> f.getFileName().toString().matches(
                "events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+\\.00000[1-3]"));
        List<Event> events = new ArrayList<>();
        for (Path f : files) {
            events.addAll(read(Files.readAllBytes(f)));
        }
        assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(0).wallTime()).isGreaterThan(1.7e9);
        List<Event> scalars = events.subList(1, events.size());
        assertThat(scalars).extracting(Event::step).containsExactly(1L, 2L, 3L);
        Map<String, Double> second = scalars.get(1).scalars();
        assertThat(second.keySet()).containsExactly("loss/train", "loss/validation", "loss/test", "accuracy/train",
                "accuracy/validation", "accuracy/test", "lr");
        assertThat(second.get("loss/train")).isEqualTo(0.5);
        assertThat(second.get("loss/validation")).isEqualTo(1.0);
        assertThat(second.get("loss/test")).isEqualTo(1.5);
        assertThat(second.get("accuracy/train")).as("TensorBoard's float").isEqualTo((double) (float) (0.5 + 2 / 10.0));
        assertThat(second.get("lr")).isEqualTo((double) (float) (0.1 / 2));
    }

    @Test
    void aRegressionWithoutValidationOrRateHasOnlyItsTrainingLoss() {
        EpochEvent event = new EpochEvent(1, 1, 0.25, OptionalDouble.empty(), OptionalDouble.empty(), List.of());
        assertThat(TensorBoard.scalars(event)).containsExactly(Map.entry("loss/train", 0.25));
    }

    @Test
    void theDefaultFolderIsUnderRunsNamedByDateTimeAndHostAsPyTorchNamesItsOwn() {
        assertThat(TensorBoard.defaultDir("box-1", java.time.LocalDateTime.of(2026, 12, 6, 3, 4, 5)))
                .isEqualTo(Path.of("runs", "20261206-030405-box-1"));
    }

    /** Reads TFRecord framing, checking both CRCs, and decodes each Event's fields. */
    static List<Event> read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] length = new byte[8];
            in.get(length);
            assertThat(in.getInt()).as("length CRC").isEqualTo(TensorBoardEvents.maskedCrc(length));
            byte[] data = new byte[(int) ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            in.get(data);
            assertThat(in.getInt()).as("data CRC").isEqualTo(TensorBoardEvents.maskedCrc(data));
            events.add(event(data));
        }
        return events;
    }

    private static Event event(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double wallTime = 0;
        long step = 0;
        String version = null;
        Map<String, Double> scalars = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            long key = varint(in);
            int field = (int) (key >>> 3);
            switch (field) {
                case 1 -> wallTime = in.getDouble();
                case 2 -> step = varint(in);
                case 3 -> version = new String(bytes(in), StandardCharsets.UTF_8);
                case 5 -> {
                    ByteBuffer summary = ByteBuffer.wrap(bytes(in)).order(ByteOrder.LITTLE_ENDIAN);
                    while (summary.hasRemaining()) {
                        assertThat(varint(summary)).isEqualTo((1 << 3) | 2);
                        ByteBuffer value = ByteBuffer.wrap(bytes(summary)).order(ByteOrder.LITTLE_ENDIAN);
                        assertThat(varint(value)).isEqualTo((1 << 3) | 2);
                        String tag = new String(bytes(value), StandardCharsets.UTF_8);
                        assertThat(varint(value)).as("simple_value").isEqualTo((2 << 3) | 5);
                        scalars.put(tag, (double) value.getFloat());
                    }
                }
                default -> throw new AssertionError("unexpected field " + field + " in " + Arrays.toString(data));
            }
        }
        return new Event(wallTime, step, version, scalars);
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[(int) varint(in)];
        in.get(b);
        return b;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
