package dev.descent.plugins.layers;

import dev.descent.api.Model;
import dev.descent.config.ConfigValue;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.Shape;
import dev.descent.testkit.ModelContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A composed model keeps every promise of a model: gradients, shapes, seeds, isolation. */
class SequentialTest extends ModelContract {

    static final PluginRegistry REGISTRY = PluginRegistry.discover(SequentialTest.class.getClassLoader());

    /** The model {@code name} with {@code options} set from text, as a config sets them. */
    static Model model(String name, Map<String, String> options) {
        Map<String, ConfigValue> section = new LinkedHashMap<>();
        options.forEach((k, v) -> section.put(k, new ConfigValue("model." + k, v, "the test")));
        return (Model) REGISTRY.create(REGISTRY.require(dev.descent.api.ComponentKind.MODEL, name, null), section);
    }

    @Override
    protected Model createModel() {
        return model("sequential", Map.of("layers", "linear:5, tanh, linear:4:init=he-normal, gelu, dropout:0.5,"
                + " sigmoid, flatten, linear"));
    }

    @Override
    protected List<String> classes() {
        return List.of("a", "b", "c");
    }

    @Override
    protected Map<String, Shape> expectedParameters(int features) {
        return Map.of("0.W", Shape.of(features, 5), "0.b", Shape.of(5), "2.W", Shape.of(5, 4), "2.b", Shape.of(4),
                "7.W", Shape.of(4, 3), "7.b", Shape.of(3));
    }
}
