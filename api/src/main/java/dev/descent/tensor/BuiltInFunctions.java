package dev.descent.tensor;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the functions behind {@link Tensor}'s operations, as a plugin registers its own, so the
 * gradient contract checks them like any other.
 */
@AutoService(FunctionLibrary.class)
public final class BuiltInFunctions implements FunctionLibrary {

    @Override
    public List<TensorFunction> functions() {
        List<TensorFunction> functions = new ArrayList<>(ElementwiseFunctions.Binary.ALL);
        for (ScalarOp op : List.of(ScalarOp.ADD, ScalarOp.MUL, ScalarOp.REVERSE_SUB, ScalarOp.REVERSE_DIV,
                ScalarOp.POW, ScalarOp.MAX, ScalarOp.MIN)) {
            functions.add(new ElementwiseFunctions.Scalar(op, op == ScalarOp.POW ? 3 : op == ScalarOp.MAX
                    || op == ScalarOp.MIN ? 0.25 : 1.5));
        }
        functions.addAll(ElementwiseFunctions.Unary.ALL);
        functions.add(ReductionFunctions.SUM);
        functions.add(new ReductionFunctions.SumAlong(0));
        functions.add(new RowFunctions.MaxAlong(1));
        functions.add(new RowFunctions.LogSumExp(1));
        functions.add(new RowFunctions.Softmax(1));
        functions.add(RowFunctions.Pick.INSTANCE);
        functions.add(new RowFunctions.OneHot(3));
        functions.add(LinearAlgebraFunctions.MATMUL);
        functions.add(LinearAlgebraFunctions.AFFINE);
        functions.add(LinearAlgebraFunctions.TRANSPOSE);
        functions.add(new LayoutFunctions.Reshape(Shape.of(2, 3)));
        functions.add(new LayoutFunctions.GatherRows(new int[] {2, 0, 2}, 0, 3));
        return functions;
    }
}
