package dev.descent.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first: {@code (1000, 2)} is 1000 rows of 2 columns.
 * A shape of rank 0, {@code ()}, is a scalar.
 */
public final class Shape {

    /** The shape of a scalar: rank 0, one element. */
    public static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " holds more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        this.size = (int) n;
    }

    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code axis}; negative axes count from the end ({@code -1} is the last). */
    public int dim(int axis) {
        return dims[normalize(axis)];
    }

    /** The number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        return size;
    }

    public int[] dims() {
        return dims.clone();
    }

    /** {@code axis} as a non-negative index, or an exception naming the shape. */
    public int normalize(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this);
        }
        return a;
    }

    /** This shape with dimension {@code axis} set to {@code length}. */
    public Shape withDim(int axis, int length) {
        int a = normalize(axis);
        if (dims[a] == length) {
            return this;
        }
        int[] d = dims.clone();
        d[a] = length;
        return new Shape(d);
    }

    /** This shape without dimension {@code axis}. */
    public Shape withoutDim(int axis) {
        int a = normalize(axis);
        int[] d = new int[dims.length - 1];
        System.arraycopy(dims, 0, d, 0, a);
        System.arraycopy(dims, a + 1, d, a, dims.length - a - 1);
        return d.length == 0 ? SCALAR : new Shape(d);
    }

    /**
     * The shape of an elementwise result under NumPy's broadcasting: align the shapes at their last
     * dimension; each pair of dimensions must be equal or one of them 1.
     */
    public static Shape broadcast(Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " cannot be broadcast together");
            }
            out[i] = da == 1 ? db : da;
        }
        if (Arrays.equals(out, a.dims)) {
            return a;   // the common case, b broadcast into a (a bias added to a batch): no new shape
        }
        return Arrays.equals(out, b.dims) ? b : new Shape(out);
    }

    /**
     * Row-major strides of this shape broadcast to {@code rank} dimensions: aligned at the last
     * dimension, 0 for the added leading dimensions and wherever this shape has a 1 (the same element
     * is read along it). {@code (3, 1).broadcastStrides(3)} is {@code [0, 1, 0]}. Every device and the
     * host kernels walk broadcast operands with these.
     */
    public int[] broadcastStrides(int rank) {
        if (rank < dims.length) {
            throw new IllegalArgumentException("shape " + this + " cannot be broadcast to rank " + rank);
        }
        int[] strides = new int[rank];
        int offset = rank - dims.length;
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            strides[d + offset] = dims[d] == 1 ? 0 : stride;
            stride *= dims[d];
        }
        return strides;
    }

    /** Whether broadcasting this shape gives {@code target} (so a gradient can be summed back to it). */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int offset = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + offset]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Like Python's tuples: {@code (1000, 2)}, {@code (10,)}, {@code ()}. */
    @Override
    public String toString() {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return s.append(')').toString();
    }
}
