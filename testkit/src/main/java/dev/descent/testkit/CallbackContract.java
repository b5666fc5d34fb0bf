package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Callback;
import dev.descent.api.EpochEvent;
import dev.descent.api.Parameter;
import dev.descent.api.State;
import dev.descent.api.TrainingEnd;
import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Callback} must do: follow a run from start to end with and without a validation
 * split, decide the same way every time, and decide after a save and restore exactly as it would have
 * without one. Extend it:
 *
 * <pre>{@code
 * class EarlyStoppingTest extends CallbackContract {
 *     @Override protected Callback createCallback() { return new EarlyStopping(); }
 * }
 * }</pre>
 */
public abstract class CallbackContract {

    /** A new callback with its default options. */
    protected abstract Callback createCallback();

    /** The device of the parameters it sees; the kit's reference device unless overridden. */
    protected Device createDevice() {
        return new ReferenceDevice();
    }

    private static final int EPOCHS = 30;
    protected Device device;

    @BeforeEach
    void openDevice() {
        device = createDevice();
    }

    /** The loss after epoch {@code e}: falls for 8 epochs, then rises. */
    private static double loss(int e) {
        return e <= 8 ? 1.0 / e : 0.125 + 0.02 * (e - 8);
    }

    /** What the callback decided in each epoch: its stop reason, or empty. */
    private List<Optional<String>> run(Callback callback, List<Parameter> parameters, int from, int to,
                                       boolean validation) {
        List<Optional<String>> decisions = new ArrayList<>();
        for (int e = from; e <= to; e++) {
            parameters.get(0).value().assign(new float[] {e, -e});
            EpochEvent event = new EpochEvent(e, EPOCHS, loss(e), validation ? OptionalDouble.of(loss(e) * 1.2)
                    : OptionalDouble.empty(), OptionalDouble.of(0.1), parameters, CallbackContract::writeMarker);
            callback.epochEnded(event);
            decisions.add(event.stopReason());
        }
        return decisions;
    }

    /** What {@code event.saveModel(file)} writes here: a marker, since the kit has no model-file writer. */
    private static void writeMarker(java.nio.file.Path file) {
        try {
            java.nio.file.Files.writeString(file, "{\"written by\": \"CallbackContract\"}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Parameter> parameters() {
        return List.of(new Parameter("w", Tensor.parameter(device, new float[] {0f, 0f}, Shape.of(2))));
    }

    @Test
    void followsARunFromStartToEndWithAndWithoutAValidationSplit() {
        for (boolean validation : new boolean[] {true, false}) {
            Callback callback = createCallback();
            List<Parameter> parameters = parameters();
            callback.trainingStarted(parameters);
            run(callback, parameters, 1, EPOCHS, validation);
            TrainingEnd end = new TrainingEnd(parameters, EPOCHS);
            callback.trainingEnded(end);
            end.keptEpoch().ifPresent(kept -> assertThat(kept).isBetween(1, EPOCHS));
        }
    }

    @Test
    void theSameRunGivesTheSameDecisions() {
        Callback a = createCallback();
        Callback b = createCallback();
        List<Parameter> pa = parameters();
        List<Parameter> pb = parameters();
        a.trainingStarted(pa);
        b.trainingStarted(pb);
        assertThat(run(a, pa, 1, EPOCHS, true)).isEqualTo(run(b, pb, 1, EPOCHS, true));
    }

    @Test
    void aRestoredCallbackDecidesExactlyAsTheUninterruptedOne() {
        Callback whole = createCallback();
        List<Parameter> pw = parameters();
        whole.trainingStarted(pw);
        List<Optional<String>> expected = run(whole, pw, 1, EPOCHS, true);

        Callback first = createCallback();
        List<Parameter> pf = parameters();
        first.trainingStarted(pf);
        run(first, pf, 1, 10, true);
        State saved = first.saveState();
        Callback second = createCallback();
        second.trainingStarted(pf);
        second.restoreState(saved);
        assertThat(run(second, pf, 11, EPOCHS, true)).as("epochs 11-30 after saveState/restoreState")
                .isEqualTo(expected.subList(10, EPOCHS));
    }
}
