package dev.descent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Loss;
import dev.descent.api.Task;
import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every classification {@link Loss} must do: losses that compare logits with class indices
 * ({@link Loss#task()} is {@link Task#CLASSIFICATION}). Extend it in your plugin's tests:
 *
 * <pre>{@code
 * class FocalLossTest extends ClassificationLossContract {
 *     @Override protected Loss createLoss() { return new FocalLoss(); }
 * }
 * }</pre>
 *
 * By default the loss gets one logit per class for {@link #classes()} classes; a binary loss (one
 * logit per row, two classes) overrides {@link #binary()}.
 */
public abstract class ClassificationLossContract {

    /** A new loss with its default options. */
    protected abstract Loss createLoss();

    /** The device the checks run on; the kit's reference device unless overridden. */
    protected Device createDevice() {
        return new ReferenceDevice();
    }

    /** How many classes the checks use; 2 for a binary loss. */
    protected int classes() {
        return binary() ? 2 : 4;
    }

    /** Whether the loss takes one logit per row for two classes (as binary cross-entropy does). */
    protected boolean binary() {
        return false;
    }

    protected Device device;

    @BeforeEach
    void openDevice() {
        device = createDevice();
    }

    private int width() {
        return binary() ? 1 : classes();
    }

    private float[] logits(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * width()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * 3);
        }
        return v;
    }

    private float[] labels(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(classes());
        }
        return v;
    }

    @Test
    void declaresItComparesWithClasses() {
        assertThat(createLoss().task()).as("task()").isEqualTo(Task.CLASSIFICATION);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64})
    void returnsOneLossPerExample(int n) {
        Tensor yHat = Tensor.of(device, logits(n, 1), Shape.of(n, width()));
        assertThat(createLoss().apply(yHat, Tensor.of(device, labels(n, 2), Shape.of(n, 1))).size())
                .as("loss of %d rows of logits against labels of shape (n, 1)", n).isEqualTo(n);
        assertThat(createLoss().apply(yHat, Tensor.of(device, labels(n, 2), Shape.of(n))).size())
                .as("loss of %d rows of logits against labels of shape (n,)", n).isEqualTo(n);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        int n = 6;
        Tensor y = Tensor.of(device, labels(n, 4), Shape.of(n, 1));
        Loss loss = createLoss();
        new GradientCheck(device).check(loss.getClass().getSimpleName(), in -> loss.apply(in.get(0), y),
                new float[][] {logits(n, 3)}, Shape.of(n, width()));
    }

    @Test
    void isNonNegativeAndFinite() {
        float[] l = createLoss().apply(Tensor.of(device, logits(100, 6), Shape.of(100, width())),
                Tensor.of(device, labels(100, 7), Shape.of(100, 1))).toFloatArray();
        for (float v : l) {
            assertThat(v).isFinite().isGreaterThanOrEqualTo(0f);
        }
    }

    @Test
    void isDeterministic() {
        Tensor yHat = Tensor.of(device, logits(20, 8), Shape.of(20, width()));
        Tensor y = Tensor.of(device, labels(20, 9), Shape.of(20, 1));
        assertThat(createLoss().apply(yHat, y).toFloatArray()).isEqualTo(createLoss().apply(yHat, y).toFloatArray());
    }

    @Test
    void fallsAsTheTrueClassGetsMoreLikely() {
        // Raising the true class's logit (or, with one logit, moving it towards the label) lowers the loss.
        float[] base = logits(1, 12);
        float label = binary() ? 1 : 2;
        Tensor y = Tensor.of(device, new float[] {label}, Shape.of(1, 1));
        double previous = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 5; step++) {
            float[] z = base.clone();
            z[binary() ? 0 : (int) label] += step;
            double l = createLoss().apply(Tensor.of(device, z, Shape.of(1, width())), y).item();
            assertThat(l).as("the loss with the true class's logit raised by %d", step).isLessThan(previous);
            previous = l;
        }
    }

    @Test
    void staysFiniteWithAFiniteGradientForLogitsOfTenThousand() {
        // ±1e4 overflows exp() in float32 (and in double): a naive softmax or sigmoid gives inf or NaN.
        int n = 4;
        float[] z = new float[n * width()];
        for (int i = 0; i < z.length; i++) {
            z[i] = i % 2 == 0 ? 1e4f : -1e4f;
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes();
        }
        Tensor yHat = Tensor.parameter(device, z, Shape.of(n, width()));
        Tensor l = createLoss().apply(yHat, Tensor.of(device, y, Shape.of(n, 1)));
        float[] values = l.toFloatArray();
        l.sum().backward();
        for (int i = 0; i < n; i++) {
            assertThat(values[i]).as("the loss of row %d of logits ±1e4", i).isFinite().isGreaterThanOrEqualTo(0f);
        }
        for (float g : yHat.grad().toFloatArray()) {
            assertThat(g).as("a gradient at logits ±1e4").isFinite();
        }
    }

    @Test
    void agreesWithItselfOnTheFloat32CpuDevice() {
        Devices.assertLossAgreesOnCpu(device, this::createLoss, logits(50, 10), Shape.of(50, width()), labels(50, 11),
                Shape.of(50, 1));
    }
}
