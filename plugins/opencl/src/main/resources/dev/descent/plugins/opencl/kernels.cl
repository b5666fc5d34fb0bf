// Descent's device kernels in OpenCL C 1.2. One work-item per output element; every sum runs in a
// fixed order inside one work-item, so results are deterministic on any device.
// Op codes are named: OpenClDevice prepends "#define UNARY_NEG 0" and so on, generated from the codes
// of dev.descent.tensor.UnaryOp, ScalarOp and BinaryOp, so Java and this file cannot disagree
// (OpenClKernelSourceTest checks that every op has its case here).

#define MAX_RANK 4

__kernel void fill(__global float* out, const float value, const int n) {
    int i = get_global_id(0);
    if (i < n) out[i] = value;
}

__kernel void unary_op(const int op, __global const float* x, __global float* out, const int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    float v = x[i];
    float r;
    switch (op) {
        case UNARY_NEG: r = -v; break;
        case UNARY_SQUARE: r = v * v; break;
        case UNARY_ABS: r = fabs(v); break;
        case UNARY_SIGN: r = v > 0.0f ? 1.0f : (v < 0.0f ? -1.0f : v); break;   // keeps 0, -0 and NaN like Math.signum
        case UNARY_EXP: r = exp(v); break;
        case UNARY_LOG: r = log(v); break;
        case UNARY_SQRT: r = sqrt(v); break;
        case UNARY_SIGMOID: r = v >= 0.0f ? 1.0f / (1.0f + exp(-v)) : exp(v) / (1.0f + exp(v)); break;
        case UNARY_SOFTPLUS: r = fmax(v, 0.0f) + log1p(exp(-fabs(v))); break;
        case UNARY_TANH: r = tanh(v); break;
        case UNARY_RELU: r = (v > 0.0f || isnan(v)) ? v : 0.0f; break;
        case UNARY_ERF: r = erf(v); break;
        case UNARY_GELU: r = v >= 0.0f ? v * (1.0f - 0.5f * erfc(v * M_SQRT1_2_F)) : 0.5f * v * erfc(-v * M_SQRT1_2_F); break;
        default: r = NAN; break;
    }
    out[i] = r;
}

__kernel void scalar_op(const int op, __global const float* x, const float s, __global float* out, const int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    float v = x[i];
    float r;
    switch (op) {
        case SCALAR_ADD: r = v + s; break;
        case SCALAR_MUL: r = v * s; break;
        case SCALAR_REVERSE_SUB: r = s - v; break;
        case SCALAR_REVERSE_DIV: r = s / v; break;
        case SCALAR_POW: r = pow(v, s); break;
        case SCALAR_MAX: r = fmax(v, s); break;
        case SCALAR_MIN: r = fmin(v, s); break;
        case SCALAR_GREATER: r = v > s ? 1.0f : 0.0f; break;
        case SCALAR_LESS: r = v < s ? 1.0f : 0.0f; break;
        default: r = NAN; break;
    }
    out[i] = r;
}

inline float binary_apply(const int op, const float a, const float b) {
    switch (op) {
        case BINARY_ADD: return a + b;
        case BINARY_SUB: return a - b;
        case BINARY_MUL: return a * b;
        case BINARY_DIV: return a / b;
        case BINARY_EQUAL: return a == b ? 1.0f : 0.0f;
        default: return NAN;
    }
}

// BinaryOp on equal shapes.
__kernel void binary_same(const int op, __global const float* a, __global const float* b, __global float* out,
                          const int n) {
    int i = get_global_id(0);
    if (i < n) out[i] = binary_apply(op, a[i], b[i]);
}

// BinaryOp with broadcasting; shapes padded on the left to MAX_RANK dimensions, strides 0 where broadcast.
// Higher ranks run on the host (OpenClDevice falls back for them).
__kernel void binary_broadcast(const int op, __global const float* a, const int4 a_strides,
                               __global const float* b, const int4 b_strides,
                               __global float* out, const int4 dims, const int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int rest = i;
    int i3 = rest % dims.w; rest /= dims.w;
    int i2 = rest % dims.z; rest /= dims.z;
    int i1 = rest % dims.y; rest /= dims.y;
    int i0 = rest;
    int ao = i0 * a_strides.x + i1 * a_strides.y + i2 * a_strides.z + i3 * a_strides.w;
    int bo = i0 * b_strides.x + i1 * b_strides.y + i2 * b_strides.z + i3 * b_strides.w;
    out[i] = binary_apply(op, a[ao], b[bo]);
}

// c (m×n) = op(a) (m×k) · op(b) (k×n), plus c when accumulate; the k terms summed in order.
__kernel void matmul(__global const float* a, const int ta, __global const float* b, const int tb,
                     __global float* c, const int m, const int n, const int k, const int accumulate) {
    int idx = get_global_id(0);
    if (idx >= m * n) return;
    int i = idx / n;
    int j = idx % n;
    float sum = 0.0f;
    for (int p = 0; p < k; p++) {
        float x = ta ? a[p * m + i] : a[i * k + p];
        float y = tb ? b[j * k + p] : b[p * n + j];
        sum = fma(x, y, sum);
    }
    c[idx] = accumulate ? c[idx] + sum : sum;
}

#define REDUCE_SUM 0
#define REDUCE_MAX 1

// Reduces x (x_dims) down to out (out_dims, 1 where reduced); each work-item owns one output element
// and walks the reduced dimensions in row-major order. REDUCE_SUM is Kahan-compensated, so long sums
// stay accurate; REDUCE_MAX lets a NaN win (unlike fmax), and an empty group is -INFINITY.
__kernel void reduce_to(const int op, __global const float* x, const int4 x_dims, const int4 x_strides,
                        __global float* out, const int4 out_dims, const int n_out) {
    int o = get_global_id(0);
    if (o >= n_out) return;
    int rest = o;
    int o3 = rest % out_dims.w; rest /= out_dims.w;
    int o2 = rest % out_dims.z; rest /= out_dims.z;
    int o1 = rest % out_dims.y; rest /= out_dims.y;
    int o0 = rest;
    int r0 = out_dims.x == 1 ? x_dims.x : 1;
    int r1 = out_dims.y == 1 ? x_dims.y : 1;
    int r2 = out_dims.z == 1 ? x_dims.z : 1;
    int r3 = out_dims.w == 1 ? x_dims.w : 1;
    float acc = op == REDUCE_MAX ? -INFINITY : 0.0f;
    float carry = 0.0f;
    for (int j0 = 0; j0 < r0; j0++)
    for (int j1 = 0; j1 < r1; j1++)
    for (int j2 = 0; j2 < r2; j2++)
    for (int j3 = 0; j3 < r3; j3++) {
        int off = (r0 == 1 ? o0 : j0) * x_strides.x + (r1 == 1 ? o1 : j1) * x_strides.y
                + (r2 == 1 ? o2 : j2) * x_strides.z + (r3 == 1 ? o3 : j3) * x_strides.w;
        float v = x[off];
        if (op == REDUCE_MAX) {
            acc = (isnan(v) || v > acc) && !isnan(acc) ? v : acc;
        } else {
            float yk = v - carry;
            float t = acc + yk;
            carry = (t - acc) - yk;
            acc = t;
        }
    }
    out[o] = acc;
}

// Stage one of a sum over everything: work-item i sums its contiguous chunk.
__kernel void partial_sums(__global const float* x, const int n, const int chunk, __global float* partials,
                           const int parts) {
    int p = get_global_id(0);
    if (p >= parts) return;
    int start = p * chunk;
    int end = min(n, start + chunk);
    float sum = 0.0f;
    float carry = 0.0f;
    for (int i = start; i < end; i++) {
        float yk = x[i] - carry;
        float t = sum + yk;
        carry = (t - sum) - yk;
        sum = t;
    }
    partials[p] = sum;
}

__kernel void transpose2d(__global const float* x, const int rows, const int cols, __global float* out) {
    int idx = get_global_id(0);
    if (idx >= rows * cols) return;
    int r = idx / cols;
    int c = idx % cols;
    out[c * rows + r] = x[idx];
}

__kernel void gather_rows(__global const float* x, const int cols, __global const int* indices,
                          __global float* out, const int count) {
    int idx = get_global_id(0);
    if (idx >= count * cols) return;
    int i = idx / cols;
    int c = idx % cols;
    out[idx] = x[indices[i] * cols + c];
}

// One work-item per column, rows in order: repeated indices add up deterministically, no atomics.
__kernel void scatter_add_rows(__global const float* source, const int cols, __global const int* indices,
                               __global float* target, const int count) {
    int c = get_global_id(0);
    if (c >= cols) return;
    for (int i = 0; i < count; i++) {
        target[indices[i] * cols + c] += source[i * cols + c];
    }
}

__kernel void axpy(const float alpha, __global const float* x, __global float* y, const int n) {
    int i = get_global_id(0);
    if (i < n) y[i] = fma(alpha, x[i], y[i]);
}
