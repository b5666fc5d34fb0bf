package dev.descent.api;

import dev.descent.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One named buffer per parameter, of the parameter's shape, kept from step to step: an optimizer's
 * momentum, its running averages. Owned by one optimizer instance (keyed by the parameter object,
 * never shared through a static map), and saved and restored by name for {@code --resume}:
 *
 * <pre>{@code
 * private final ParameterBuffers velocity = new ParameterBuffers("velocity");
 * public void initialize(List<Parameter> ps) { velocity.initialize(ps, 0); }
 * public void step(...) { Tensor v = velocity.of(p); ... }
 * public State saveState() { State.Builder s = State.builder(); velocity.save(s); return s.build(); }
 * public void restoreState(State s) { velocity.restore(s); }
 * }</pre>
 */
public final class ParameterBuffers {

    private final String name;
    private final Map<Parameter, Tensor> buffers = new IdentityHashMap<>();
    private List<Parameter> parameters = List.of();

    /** @param name the state's name prefix: the buffer of {@code w} is saved as {@code name/w} */
    public ParameterBuffers(String name) {
        this.name = name;
    }

    /** A buffer of {@code initial} for each parameter, on its device, outside any scope. */
    public void initialize(List<Parameter> parameters, double initial) {
        this.parameters = List.copyOf(parameters);
        for (Parameter p : parameters) {
            Tensor buffer = Tensor.persistentZeros(p.value().device(), p.value().shape());
            if (initial != 0) {
                buffer.fillInPlace(initial);
            }
            buffers.put(p, buffer);
        }
    }

    /** The buffer of {@code p}; an error if {@link #initialize} did not see it. */
    public Tensor of(Parameter p) {
        Tensor buffer = buffers.get(p);
        if (buffer == null) {
            throw new IllegalStateException("no " + name + " buffer for parameter '" + p.name()
                    + "': the optimizer's initialize(parameters) must run before step");
        }
        return buffer;
    }

    /** Adds every buffer to {@code state} as {@code name/parameter}. */
    public void save(State.Builder state) {
        for (Parameter p : parameters) {
            state.array(name + "/" + p.name(), of(p).toFloatArray());
        }
    }

    /** Restores every buffer from {@code state}; an {@link IllegalArgumentException} names what does not fit. */
    public void restore(State state) {
        for (Parameter p : parameters) {
            float[] values = state.array(name + "/" + p.name());
            if (values.length != p.value().size()) {
                throw new IllegalArgumentException("the saved " + name + " of '" + p.name() + "' has " + values.length
                        + " values, but the parameter has shape " + p.value().shape());
            }
            of(p).assign(values);
        }
    }
}
