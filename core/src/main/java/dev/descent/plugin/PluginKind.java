package dev.descent.plugin;

import dev.descent.api.DataSource;
import dev.descent.api.Device;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.Optimizer;
import java.util.Optional;

/** The five kinds of component, each chosen by its own top-level config key. */
public enum PluginKind {
    DATA("data", "data source", "data sources", DataSource.class),
    MODEL("model", "model", "models", Model.class),
    LOSS("loss", "loss", "losses", Loss.class),
    OPTIMIZER("optimizer", "optimizer", "optimizers", Optimizer.class),
    DEVICE("device", "device", "devices", Device.class);

    private final String key;
    private final String noun;
    private final String plural;
    private final Class<?> type;

    PluginKind(String key, String noun, String plural, Class<?> type) {
        this.key = key;
        this.noun = noun;
        this.plural = plural;
        this.type = type;
    }

    /** The config key that chooses a component of this kind, and the prefix of its options. */
    public String key() {
        return key;
    }

    /** "data source", "loss", ... for messages. */
    public String noun() {
        return noun;
    }

    public String plural() {
        return plural;
    }

    /** The SPI interface a component of this kind implements. */
    public Class<?> type() {
        return type;
    }

    public static Optional<PluginKind> ofKey(String key) {
        for (PluginKind kind : values()) {
            if (kind.key.equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
