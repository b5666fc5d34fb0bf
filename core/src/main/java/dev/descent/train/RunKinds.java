package dev.descent.train;

import dev.descent.api.ComponentKind;
import java.util.List;

/**
 * The kinds of a run, bound by {@link TrainerModule} so the {@link Trainer} knows what to look up.
 * A class, not a record: Guice hashes bound instances, and a record's hashCode is bootstrapped
 * through method handles on first use, which a freshly started JVM pays for.
 */
final class RunKinds {

    private final List<ComponentKind<?>> kinds;

    RunKinds(List<ComponentKind<?>> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    List<ComponentKind<?>> kinds() {
        return kinds;
    }
}
