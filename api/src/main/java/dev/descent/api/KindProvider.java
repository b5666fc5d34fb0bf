package dev.descent.api;

import java.util.List;

/**
 * Declares kinds of component beyond the {@linkplain ComponentKind#BUILT_IN built-in} ones, so that a
 * plugin jar can bring a new kind and its components together, with no change to Descent itself.
 * Register it as a service, like a component:
 *
 * <pre>{@code
 * @AutoService(KindProvider.class)
 * public final class MetricKinds implements KindProvider {
 *     public static final ComponentKind<Metric> METRICS =
 *             ComponentKind.list("metrics", "metric", "metrics", Metric.class, "What is measured after each epoch");
 *     @Override public List<ComponentKind<?>> kinds() { return List.of(METRICS); }
 * }
 * }</pre>
 *
 * The new kind's components are then found, configured, listed and bound like any other: code that
 * runs in the trainer (an engine, a callback) receives them by injection of their interface (or
 * {@code List} of it, for a list kind). A provider must have a constructor without parameters.
 */
public interface KindProvider {

    /** The kinds this jar declares; their keys must not clash with other kinds or with {@code train}, {@code seed}. */
    List<ComponentKind<?>> kinds();
}
