package dev.descent.train;

import com.google.auto.service.AutoService;
import dev.descent.api.ComponentKind;
import dev.descent.api.KindProvider;
import java.util.List;

/**
 * The kinds the trainer itself declares, the way a plugin jar would: {@code engine}. Its interface
 * lives in core, not in the plugin API, because an engine drives the trainer's own pieces.
 */
@AutoService(KindProvider.class)
public final class TrainerKinds implements KindProvider {

    public static final ComponentKind<Engine> ENGINE = ComponentKind.single("engine", "engine", "engines",
            Engine.class, LocalEngine.NAME, "How a run is executed: on this machine, or on a cluster");

    @Override
    public List<ComponentKind<?>> kinds() {
        return List.of(ENGINE);
    }
}
