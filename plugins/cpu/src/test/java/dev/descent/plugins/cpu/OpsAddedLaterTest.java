package dev.descent.plugins.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Device;
import dev.descent.tensor.DeviceBuffer;
import dev.descent.tensor.Kernel;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import dev.descent.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An op added to the API after a device was written (tanh, API 2.1) runs natively on the cpu device,
 * which lists it, and on the host for a device written against API 2.0, whose kernel never sees it.
 */
class OpsAddedLaterTest {

    private static final float[] X = {-3f, -0.5f, 0f, 0.25f, 1f, 4f};

    /**
     * A device as one written against API 2.0 would be: it runs the unary kernel itself with a switch
     * over the ops it knew then, and fails on any other, as a compiled switch over an older enum does.
     */
    static final class Api20Device implements Device {
        final List<UnaryOp> ran = new ArrayList<>();

        private record Buffer(float[] data) implements DeviceBuffer {
            @Override
            public int length() {
                return data.length;
            }
        }

        @Override
        public String description() {
            return "a device written for API 2.0";
        }

        @Override
        public Set<Kernel> nativeKernels() {
            return EnumSet.of(Kernel.UNARY);
        }

        @Override
        public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int n) {
            float[] a = ((Buffer) x).data();
            float[] o = ((Buffer) out).data();
            ran.add(op);
            for (int i = 0; i < n; i++) {
                o[i] = switch (op.name()) {
                    case "NEG" -> -a[i];
                    case "SQUARE" -> a[i] * a[i];
                    case "ABS" -> Math.abs(a[i]);
                    case "SIGN" -> Math.signum(a[i]);
                    case "EXP" -> (float) Math.exp(a[i]);
                    case "LOG" -> (float) Math.log(a[i]);
                    case "SQRT" -> (float) Math.sqrt(a[i]);
                    case "SIGMOID", "SOFTPLUS" -> (float) op.apply(a[i]);
                    default -> throw new IllegalStateException("unknown op code " + op.code());
                };
            }
        }

        @Override
        public DeviceBuffer allocate(int length) {
            return new Buffer(new float[length]);
        }

        @Override
        public void release(DeviceBuffer buffer) {
        }

        @Override
        public void upload(float[] source, DeviceBuffer target) {
            System.arraycopy(source, 0, ((Buffer) target).data(), 0, target.length());
        }

        @Override
        public void download(DeviceBuffer source, float[] target) {
            System.arraycopy(((Buffer) source).data(), 0, target, 0, source.length());
        }

        @Override
        public void fill(DeviceBuffer target, float value) {
            Arrays.fill(((Buffer) target).data(), value);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theCpuDeviceRunsTanhItself() {
        try (CpuDevice cpu = new CpuDevice(); TensorScope scope = TensorScope.open()) {
            assertThat(cpu.nativeUnaryOps()).contains(UnaryOp.TANH);
            assertThat(UnaryOp.TANH.since()).isEqualTo(1);
            float[] expected = new float[X.length];
            for (int i = 0; i < X.length; i++) {
                expected[i] = (float) Math.tanh(X[i]);
            }
            assertThat(Tensor.of(cpu, X, Shape.of(2, 3)).tanh().toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void aDeviceWrittenBeforeTanhGetsItFromTheHostAndKeepsRunningTheOpsItKnows() {
        Api20Device old = new Api20Device();
        assertThat(old.nativeUnaryOps()).containsExactlyInAnyOrderElementsOf(UnaryOp.upTo(0))
                .doesNotContain(UnaryOp.TANH);
        try (CpuDevice cpu = new CpuDevice(); TensorScope scope = TensorScope.open()) {
            float[] onCpu = Tensor.of(cpu, X, Shape.of(2, 3)).tanh().toFloatArray();
            float[] onOld = Tensor.of(old, X, Shape.of(2, 3)).tanh().toFloatArray();
            assertThat(onOld).containsExactly(onCpu);
            assertThat(Tensor.of(old, X, Shape.of(2, 3)).sigmoid().toFloatArray())
                    .containsExactly(Tensor.of(cpu, X, Shape.of(2, 3)).sigmoid().toFloatArray());
        }
        assertThat(old.ran).contains(UnaryOp.SIGMOID).doesNotContain(UnaryOp.TANH);
    }

    @Test
    void tanhsGradientIsOneMinusTanhSquaredOnBothDevices() {
        Api20Device old = new Api20Device();
        try (CpuDevice cpu = new CpuDevice(); TensorScope scope = TensorScope.open()) {
            float[][] gradients = new float[2][];
            Device[] devices = {cpu, old};
            for (int d = 0; d < 2; d++) {
                Tensor x = Tensor.parameter(devices[d], X, Shape.of(2, 3));
                x.tanh().sum().backward();
                gradients[d] = x.grad().toFloatArray();
            }
            for (int i = 0; i < X.length; i++) {
                double t = Math.tanh(X[i]);
                assertThat((double) gradients[0][i]).isCloseTo(1 - t * t, org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(gradients[1]).containsExactly(gradients[0]);
            assertThat(old.ran).doesNotContain(UnaryOp.TANH);
        }
    }
}
