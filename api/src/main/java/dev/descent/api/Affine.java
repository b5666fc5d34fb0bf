package dev.descent.api;

/**
 * How a model whose forward pass is affine, {@code y_hat = X W + b}, keeps {@code W} and {@code b}:
 * the names of its parameters. A model that says so ({@link Model#affine()}) can be evaluated one
 * row at a time without tensors (a service's {@code Predictor}) and written as a graph by
 * {@code descent export}.
 *
 * @param weights the parameter of shape {@code (features, outputs)}
 * @param bias    the parameter of shape {@code (outputs)}, or {@code null} when there is none
 */
public record Affine(String weights, String bias) {

    public Affine {
        if (weights == null) {
            throw new IllegalArgumentException("an affine model has weights");
        }
    }
}
