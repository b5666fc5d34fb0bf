package dev.descent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Plugin jars made at test time: broken ones, and copies of the examples with other manifests. */
final class TestJars {

    private TestJars() {
    }

    /** A jar whose service file lists {@code className}, which the jar does not contain. */
    static Path withMissingProvider(Path target, String service, String className) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target), manifest)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + service));
            jar.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return target;
    }

    /** A copy of {@code source} whose manifest says {@code attribute: value}. */
    static Path withManifestAttribute(Path source, Path target, String attribute, String value) throws IOException {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue(attribute, value);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /**
     * A plugin jar of compiled test classes: each class's {@code .class} file (from this module's test
     * classes) and a service file listing it under {@code service}.
     */
    static Path plugin(Path target, Class<?> service, Class<?>... classes) throws IOException {
        return plugin(target, java.util.Map.of(service, java.util.List.of(classes)));
    }

    /**
     * A plugin jar of compiled test classes: every class named in {@code services} (and {@code others},
     * which no service file lists), with one service file per service.
     */
    static Path plugin(Path target, java.util.Map<Class<?>, java.util.List<Class<?>>> services, Class<?>... others)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target), manifest)) {
            java.util.Set<Class<?>> classes = new java.util.LinkedHashSet<>(java.util.List.of(others));
            services.values().forEach(classes::addAll);
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("no class file for " + type.getName());
                    }
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
            for (java.util.Map.Entry<Class<?>, java.util.List<Class<?>>> service : services.entrySet()) {
                StringBuilder names = new StringBuilder();
                service.getValue().forEach(type -> names.append(type.getName()).append('\n'));
                jar.putNextEntry(new JarEntry("META-INF/services/" + service.getKey().getName()));
                jar.write(names.toString().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return target;
    }

    /** A file named like a jar that is not a zip archive. */
    static Path garbage(Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write("this is not a jar".getBytes(StandardCharsets.UTF_8));
        }
        return target;
    }
}
