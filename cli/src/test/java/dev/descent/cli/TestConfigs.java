package dev.descent.cli;

import dev.descent.config.RunConfig;

/** Configs for tests, from {@code --set}-style lines. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** A config of {@code KEY=VALUE} assignments, in order, as {@code --set} gives them. */
    static RunConfig config(String... assignments) {
        RunConfig config = RunConfig.empty();
        for (String a : assignments) {
            config = config.withOverride(a);
        }
        return config;
    }
}
