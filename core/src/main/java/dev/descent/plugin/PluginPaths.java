package dev.descent.plugin;

import dev.descent.config.ConfigValue;
import dev.descent.config.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where plugin jars are looked for: explicit paths, the {@code plugins.dirs} key, and {@code ./descent-plugins}. */
public final class PluginPaths {

    /** The config key listing plugin folders, comma-separated, relative to the working directory. */
    public static final String KEY = "plugins.dirs";

    /** The folder the command line also scans when it exists. */
    public static final Path DEFAULT_FOLDER = Path.of("descent-plugins");

    private PluginPaths() {
    }

    /**
     * The plugin paths of a run, each once, in this order: {@code explicit} (e.g. {@code --plugins}),
     * then those in {@code plugins.dirs}, then {@code ./descent-plugins} if {@code includeDefaultFolder} and it
     * exists.
     */
    public static List<Path> of(List<Path> explicit, RunConfig config, boolean includeDefaultFolder) {
        Set<Path> paths = new LinkedHashSet<>();
        explicit.forEach(p -> paths.add(p.normalize()));
        Optional<ConfigValue> dirs = config.get(KEY);
        if (dirs.isPresent()) {
            for (String part : dirs.get().value().split(",")) {
                if (!part.isBlank()) {
                    paths.add(Path.of(part.strip()).normalize());
                }
            }
        }
        if (includeDefaultFolder && Files.isDirectory(DEFAULT_FOLDER)) {
            paths.add(DEFAULT_FOLDER);
        }
        return new ArrayList<>(paths);
    }
}
