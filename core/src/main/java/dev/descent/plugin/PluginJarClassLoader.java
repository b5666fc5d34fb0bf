package dev.descent.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Loads one plugin jar, delegating to the application's class loader first (so the plugin sees the
 * same {@code dev.descent.api} types as the core). For service files it answers from its own jar
 * only, so {@link java.util.ServiceLoader} over this loader finds this jar's components and not the
 * application's a second time.
 */
final class PluginJarClassLoader extends URLClassLoader {

    private static final String SERVICES = "META-INF/services/";

    private final Path jar;

    PluginJarClassLoader(Path jar, URL url, ClassLoader parent) {
        super("plugin:" + jar.getFileName(), new URL[] {url}, parent);
        this.jar = jar;
    }

    Path jar() {
        return jar;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(SERVICES) ? findResources(name) : super.getResources(name);
    }
}
