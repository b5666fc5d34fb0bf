package dev.descent.spark;

import java.util.ArrayList;
import java.util.List;

/** The JVM flags Spark's launcher gives Java 17 (org.apache.spark.launcher.JavaModuleOptions). */
final class SparkFlags {

    static final List<String> JVM;

    static {
        List<String> flags = new ArrayList<>(List.of("-XX:+IgnoreUnrecognizedVMOptions"));
        for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
                "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
                "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
            flags.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        flags.add("--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED");
        flags.add("-Dio.netty.tryReflectionSetAccessible=true");
        JVM = List.copyOf(flags);
    }

    private SparkFlags() {
    }
}
