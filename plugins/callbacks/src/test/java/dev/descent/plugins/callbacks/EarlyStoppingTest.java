package dev.descent.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Callback;
import dev.descent.api.EpochEvent;
import dev.descent.api.Parameter;
import dev.descent.api.TrainingEnd;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.testkit.CallbackContract;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The test kit's callback contract, plus when early stopping stops and what it keeps. */
class EarlyStoppingTest extends CallbackContract {

    @Override
    protected Callback createCallback() {
        return new EarlyStopping();
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestParameters() {
        EarlyStopping callback = new EarlyStopping();
        Parameter w = new Parameter("w", Tensor.parameter(device, new float[] {0f}, Shape.of(1)));
        double[] validation = {0.5, 0.4, 0.3, 0.35, 0.36, 0.31, 0.32, 0.33};
        int stoppedAt = 0;
        for (int e = 1; e <= validation.length && stoppedAt == 0; e++) {
            w.value().assign(new float[] {e});
            EpochEvent event = new EpochEvent(e, 100, 1.0 / e, OptionalDouble.of(validation[e - 1]),
                    OptionalDouble.empty(), List.of(w));
            callback.epochEnded(event);
            if (event.stopReason().isPresent()) {
                stoppedAt = e;
                assertThat(event.stopReason().get()).contains("validation loss has not improved")
                        .contains("keeping epoch 3's parameters");
            }
        }
        assertThat(stoppedAt).as("the best is epoch 3; 5 epochs without improvement end at epoch 8").isEqualTo(8);
        TrainingEnd end = new TrainingEnd(List.of(w), 8);
        callback.trainingEnded(end);
        assertThat(end.keptEpoch()).hasValue(3);
        assertThat(w.value().toFloatArray()).containsExactly(3f);
    }

    @Test
    void watchesTheValidationAccuracyRisingAndKeepsTheMostAccurateEpoch() throws ReflectiveOperationException {
        EarlyStopping callback = new EarlyStopping();
        java.lang.reflect.Field monitor = EarlyStopping.class.getDeclaredField("monitor");
        monitor.setAccessible(true);
        monitor.set(callback, dev.descent.api.Monitor.VALIDATION_ACCURACY);
        java.lang.reflect.Field patience = EarlyStopping.class.getDeclaredField("patience");
        patience.setAccessible(true);
        patience.set(callback, 2);
        Parameter w = new Parameter("w", Tensor.parameter(device, new float[] {0f}, Shape.of(1)));
        double[] accuracy = {0.80, 0.90, 0.85, 0.89};
        String reason = null;
        for (int e = 1; e <= accuracy.length; e++) {
            w.value().assign(new float[] {e});
            // The loss keeps falling; only the accuracy says epoch 2 was best.
            EpochEvent event = new EpochEvent(e, 100, 1.0 / e, OptionalDouble.of(1.0 / e), OptionalDouble.empty(),
                    List.of(w)).withMetrics(java.util.Map.of("accuracy", 0.9, "validation-accuracy", accuracy[e - 1]));
            callback.epochEnded(event);
            reason = event.stopReason().orElse(reason);
        }
        assertThat(reason).contains("validation accuracy has not improved").contains("epoch 2's parameters")
                .contains("0.900000");
        TrainingEnd end = new TrainingEnd(List.of(w), 4);
        callback.trainingEnded(end);
        assertThat(end.keptEpoch()).hasValue(2);
    }

    @Test
    void watchingAnAccuracyARegressionRunDoesNotHaveIsAClearError() throws ReflectiveOperationException {
        EarlyStopping callback = new EarlyStopping();
        java.lang.reflect.Field monitor = EarlyStopping.class.getDeclaredField("monitor");
        monitor.setAccessible(true);
        monitor.set(callback, dev.descent.api.Monitor.ACCURACY);
        EpochEvent event = new EpochEvent(1, 10, 0.5, OptionalDouble.empty(), OptionalDouble.empty(), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> callback.epochEnded(event))
                .hasMessageContaining("early-stopping.monitor = accuracy")
                .hasMessageContaining("classification only");
    }
}
