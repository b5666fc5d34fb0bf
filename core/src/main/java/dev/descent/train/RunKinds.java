package dev.descent.train;

import dev.descent.api.ComponentKind;
import java.util.List;

/** The kinds of a run, bound by {@link TrainerModule} so the {@link Trainer} knows what to look up. */
record RunKinds(List<ComponentKind<?>> kinds) {

    RunKinds {
        kinds = List.copyOf(kinds);
    }
}
