package dev.descent.plugins.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.BinaryOp;
import dev.descent.tensor.ScalarOp;
import dev.descent.tensor.UnaryOp;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The op codes Java and the OpenCL kernels share: named in kernels.cl, defined from the ops' own
 * codes, and every op handled. Needs no OpenCL runtime.
 */
class OpenClKernelSourceTest {

    private final String source = OpenClDevice.kernelSource();
    private final String defines = OpenClDevice.opCodeDefines();

    @Test
    void everyOpHasItsOwnCaseInTheKernels() {
        for (UnaryOp op : UnaryOp.values()) {
            assertThat(source).as("kernels.cl handles UnaryOp.%s", op).contains("case UNARY_" + op.name() + ":");
        }
        for (ScalarOp op : ScalarOp.values()) {
            assertThat(source).as("kernels.cl handles ScalarOp.%s", op).contains("case SCALAR_" + op.name() + ":");
        }
        for (BinaryOp op : BinaryOp.values()) {
            assertThat(source).as("kernels.cl handles BinaryOp.%s", op).contains("case BINARY_" + op.name() + ":");
        }
    }

    @Test
    void theKernelsNameOpsAndNeverNumberThem() {
        assertThat(Pattern.compile("case\\s+[0-9]+\\s*:").matcher(source).find())
                .as("a numbered case in kernels.cl (op codes must be named)").isFalse();
    }

    @Test
    void theDefinesCarryEachOpsOwnCode() {
        assertThat(defines).contains("#define UNARY_NEG 0\n", "#define UNARY_SQRT 6\n", "#define SCALAR_LESS 8\n",
                "#define BINARY_DIV 3\n");
        for (UnaryOp op : UnaryOp.values()) {
            assertThat(defines).contains("#define UNARY_" + op.name() + " " + op.code() + "\n");
        }
    }

    @Test
    void codesAreUniqueWithinEachOpFamily() {
        assertThat(Arrays.stream(UnaryOp.values()).map(UnaryOp::code)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ScalarOp.values()).map(ScalarOp::code)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(BinaryOp.values()).map(BinaryOp::code)).doesNotHaveDuplicates();
    }
}
