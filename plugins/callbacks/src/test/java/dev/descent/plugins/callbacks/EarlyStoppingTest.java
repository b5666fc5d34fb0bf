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
}
