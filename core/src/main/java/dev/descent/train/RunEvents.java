package dev.descent.train;

import dev.descent.api.Callback;
import dev.descent.api.EpochEvent;
import dev.descent.api.Outputs;
import dev.descent.api.Parameter;
import dev.descent.api.TrainingEnd;
import dev.descent.api.TrainingHooks;
import dev.descent.plugin.ComponentInfo;
import dev.descent.tensor.Device;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Tells everyone who follows a run what happens, in one order: the listeners (the epoch line, the
 * progress bar), then the callbacks (which may stop the run), then the hooks of every component
 * that implements {@link TrainingHooks}.
 */
final class RunEvents {

    private final List<TrainingListener> listeners;
    private final TrainingListener[] batchListeners;
    private final List<Callback> callbacks;
    private final List<TrainingHooks> hooks;
    private final TrainingHooks[] batchHooks;

    RunEvents(Run run, List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.batchListeners = listeners.stream().filter(l -> overrides(l, TrainingListener.class, "batchEnded",
                BatchEnd.class)).toArray(TrainingListener[]::new);
        this.callbacks = run.callbacks();
        this.hooks = hooksOf(run);
        this.batchHooks = hooks.stream().filter(h -> overrides(h, TrainingHooks.class, "beforeBatch", int.class,
                int.class, List.class) || overrides(h, TrainingHooks.class, "afterBatch", int.class, int.class,
                List.class)).toArray(TrainingHooks[]::new);
    }

    /** Every component of the run that implements {@link TrainingHooks}, once, in the order of its kinds. */
    private static List<TrainingHooks> hooksOf(Run run) {
        Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<TrainingHooks> found = new ArrayList<>();
        run.components().values().forEach(list -> list.forEach(component -> {
            if (component instanceof TrainingHooks hook && seen.add(component)) {
                found.add(hook);
            }
        }));
        return List.copyOf(found);
    }

    /** The listeners that do something per batch: the only ones a step calls. */
    TrainingListener[] batchListeners() {
        return batchListeners;
    }

    /** The hooks that do something per batch. */
    TrainingHooks[] batchHooks() {
        return batchHooks;
    }

    void runStarted(List<Parameter> parameters, Outputs outputs, TrainingStart start) {
        for (Callback callback : callbacks) {
            callback.trainingStarted(parameters, outputs);
        }
        try (GradMode off = GradMode.disable()) {
            for (TrainingHooks hook : hooks) {
                hook.beforeRun(parameters, outputs);
            }
        }
        listeners.forEach(l -> l.trainingStarted(start));
    }

    void epochStarted(int epoch, OptionalDouble rate, List<Parameter> parameters) {
        listeners.forEach(l -> l.epochStarted(epoch, rate));
        try (GradMode off = GradMode.disable()) {
            for (TrainingHooks hook : hooks) {
                hook.beforeEpoch(epoch, parameters);
            }
        }
    }

    /** A batch (or an engine's round of steps run elsewhere) is done, with its summed loss. */
    void batchEnded(Device device, int epoch, int batch, int batches, int examples, double lossSum) {
        if (batchListeners.length == 0) {
            return;
        }
        try (TensorScope scope = TensorScope.open()) {
            BatchEnd end = new BatchEnd(epoch, batch, batches, examples, Tensor.scalar(device, (float) lossSum));
            for (TrainingListener listener : batchListeners) {
                listener.batchEnded(end);
            }
        }
    }

    /**
     * The epoch's figures to the listeners, then the event to the callbacks and the hooks.
     *
     * @return why the first callback or hook that asked to stop did, or null
     */
    String epochEnded(EpochEnd end, EpochEvent event) {
        listeners.forEach(l -> l.epochEnded(end));
        String reason = null;
        try (GradMode off = GradMode.disable()) {
            for (Callback callback : callbacks) {
                callback.epochEnded(event);
                if (reason == null && event.stopReason().isPresent()) {
                    reason = event.stopReason().get() + " (callback '" + ComponentInfo.of(callback).name() + "')";
                }
            }
            for (TrainingHooks hook : hooks) {
                hook.afterEpoch(event);
                if (reason == null && event.stopReason().isPresent()) {
                    reason = event.stopReason().get() + " ('" + ComponentInfo.of(hook).name() + "')";
                }
            }
        }
        return reason;
    }

    void runEnded(TrainingEnd end) {
        try (GradMode off = GradMode.disable()) {
            for (Callback callback : callbacks) {
                callback.trainingEnded(end);
            }
            for (TrainingHooks hook : hooks) {
                hook.afterRun(end);
            }
        }
    }

    void resultReady(TrainingResult result) {
        listeners.forEach(l -> l.trainingEnded(result));
    }

    /** Whether {@code object}'s class overrides {@code owner}'s empty default {@code method}. */
    private static boolean overrides(Object object, Class<?> owner, String method, Class<?>... parameters) {
        try {
            return object.getClass().getMethod(method, parameters).getDeclaringClass() != owner;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
