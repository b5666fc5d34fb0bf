package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.api.Optimizer;
import dev.descent.api.Parameter;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.testkit.OptimizerContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test kit's optimizer contract, plus the velocity that makes it momentum. */
class MomentumSgdTest extends OptimizerContract {

    @Override
    protected Optimizer createOptimizer() {
        return new MomentumSgd();
    }

    @Test
    void aConstantGradientBuildsUpVelocity() {
        Tensor theta = Tensor.parameter(device, new float[] {0f}, Shape.of(1));
        Parameter p = new Parameter("theta", theta);
        MomentumSgd optimizer = new MomentumSgd();
        theta.mul(1).sum().backward();   // gradient 1, kept (not zeroed) for both steps
        optimizer.step(List.of(p), 1);   // v = 1,   θ = −0.01
        optimizer.step(List.of(p), 1);   // v = 1.9, θ = −0.01 − 0.019
        assertThat(theta.item()).isCloseTo(-0.029f, within(1e-6f));
    }

    @Test
    void aRestoredOptimizerTakesExactlyTheStepsTheSavedOneWouldHave() {
        Tensor a = Tensor.parameter(device, new float[] {1f, -2f}, Shape.of(2));
        Tensor b = Tensor.parameter(device, new float[] {1f, -2f}, Shape.of(2));
        List<Parameter> pa = List.of(new Parameter("w", a));
        List<Parameter> pb = List.of(new Parameter("w", b));
        MomentumSgd uninterrupted = new MomentumSgd();
        uninterrupted.initialize(pa);
        for (int step = 0; step < 3; step++) {
            a.zeroGrad();
            a.square().sum().backward();
            uninterrupted.step(pa, 2);
        }
        MomentumSgd saved = new MomentumSgd();
        saved.initialize(pb);
        for (int step = 0; step < 2; step++) {
            b.zeroGrad();
            b.square().sum().backward();
            saved.step(pb, 2);
        }
        MomentumSgd restored = new MomentumSgd();
        restored.initialize(pb);
        restored.restoreState(saved.saveState());
        b.zeroGrad();
        b.square().sum().backward();
        restored.step(pb, 2);
        assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
    }
}
