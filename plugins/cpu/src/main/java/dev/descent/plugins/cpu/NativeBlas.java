package dev.descent.plugins.cpu;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system's BLAS for the cpu device's large matrix products: found on disk, loaded once per
 * JVM through {@code dev.ludovic.netlib} (JNI, Spark's binding), checked on a small product, and
 * described; or the reason the products stay in Java. Nothing here fails a run: a missing or broken
 * library leaves the Java products, which give the same bits everywhere.
 */
final class NativeBlas {

    private static final Logger LOG = LoggerFactory.getLogger(NativeBlas.class);

    /** The {@code blas} option of the cpu device. */
    enum Choice {
        /** The best BLAS installed (OpenBLAS first); Java when there is none. */
        AUTO,
        /** The same, but a missing library is a warning: the user asked for it. */
        NATIVE,
        /** Java: the same bits on every machine. */
        JAVA
    }

    /**
     * What a device uses for its products.
     *
     * @param blas        the native library, or empty for Java
     * @param threads     the control of its threads per product (OpenBLAS on JDK 22+), or empty
     * @param description for listings: {@code OpenBLAS (/usr/lib/…/libblas.so.3)} or {@code Java}
     * @param reason      why: what was found, or what is missing and how to install it; and its threads
     */
    record Use(Optional<BLAS> blas, Optional<BlasThreads> threads, String description, String reason) {

        static Use java(String reason) {
            return new Use(Optional.empty(), Optional.empty(), "Java", reason);
        }
    }

    /** A library on disk and what it is. */
    private record Library(Path path, String kind) {
    }

    private static final String PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";

    /**
     * netlib's own java.util.logging logger, which says at INFO which implementation it uses: quiet
     * (Descent says it at DEBUG), and held here since java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger NETLIB = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    /** Loaded at most once per JVM: the JNI library binds one BLAS for the process. */
    private static Optional<BLAS> loaded;
    private static Library loadedLibrary;
    private static String loadFailure;
    /** The loaded library's thread control: one per process, as the library is. */
    private static BlasThreads.Result threads;

    private NativeBlas() {
    }

    /** What {@code choice} gives on this machine. */
    static synchronized Use resolve(Choice choice) {
        if (choice == Choice.JAVA) {
            return Use.java("cpu.blas = java: products in Java, the same bits everywhere");
        }
        String named = System.getProperty(PATH_PROPERTY);
        if (named != null && !Files.isRegularFile(Path.of(named))) {
            String reason = PATH_PROPERTY + " names " + named + ", which is not a file; products in Java";
            if (choice == Choice.NATIVE) {
                LOG.warn("cpu.blas = native, but {}", reason);
            }
            return Use.java(reason);
        }
        List<Library> found = candidates();
        Optional<Library> pick = found.stream().findFirst();
        if (pick.isEmpty()) {
            String reason = "no native BLAS (libblas.so.3) found; products in Java. For OpenBLAS: apt-get install"
                    + " libopenblas0-pthread";
            if (choice == Choice.NATIVE) {
                LOG.warn("cpu.blas = native, but {}", reason);
            }
            return Use.java(reason);
        }
        Optional<BLAS> blas = load(pick.get());
        if (blas.isEmpty()) {
            String reason = "the native BLAS " + pick.get().path() + " could not be used (" + loadFailure
                    + "); products in Java";
            LOG.warn(reason);
            return Use.java(reason);
        }
        Library library = loadedLibrary;
        return new Use(blas, threads.control(), library.kind() + " (" + library.path() + ")", "cpu.blas = "
                + choice.name().toLowerCase(Locale.ROOT) + ": large products in " + library.kind() + " ("
                + library.path() + "); its threads: " + threads.description());
    }

    /** Loads {@code library} into the process, or the one loaded before; checks it on a small product. */
    private static Optional<BLAS> load(Library library) {
        if (loaded != null) {
            return loaded;
        }
        loaded = Optional.empty();
        NETLIB.setLevel(java.util.logging.Level.WARNING);
        try {
            if (System.getProperty(PATH_PROPERTY) == null) {
                System.setProperty(PATH_PROPERTY, library.path().toString());
                loadedLibrary = library;
            } else {
                Path chosen = Path.of(System.getProperty(PATH_PROPERTY));
                loadedLibrary = new Library(chosen, kindOf(chosen));
            }
            BLAS blas = NativeBLAS.getInstance();
            if (!checks(blas)) {
                loadFailure = "it computed a 2 × 3 product wrongly";
                return loaded;
            }
            loaded = Optional.of(blas);
            threads = BlasThreads.find(loadedLibrary.path());
            LOG.debug("cpu: OpenBLAS threads: {}", threads.description());
            LOG.debug("cpu: large matrix products in {} ({})", loadedLibrary.kind(), loadedLibrary.path());
        } catch (RuntimeException | LinkageError e) {
            loadFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return loaded;
    }

    /** A 2 × 3 by 3 × 2 product in row-major layout, as {@link CpuDevice} calls it, against its known result. */
    private static boolean checks(BLAS blas) {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        rowMajor(blas, a, false, b, false, c, 2, 2, 3, false);
        return c[0] == 58 && c[1] == 64 && c[2] == 139 && c[3] == 154;
    }

    /**
     * {@code c = op(a) · op(b)} (or {@code c +=}) for row-major arrays: {@code op(a)} is {@code m × k}
     * (stored {@code k × m} when transposed), {@code op(b)} {@code k × n}, {@code c} {@code m × n}.
     * Fortran BLAS is column-major, so it computes {@code cᵀ = op(b)ᵀ · op(a)ᵀ}, reading each row-major
     * array as its transpose.
     */
    static void rowMajor(BLAS blas, float[] a, boolean transposeA, float[] b, boolean transposeB, float[] c,
                         int m, int n, int k, boolean accumulate) {
        blas.sgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k, 1f, b, 0, transposeB ? k : n, a, 0,
                transposeA ? m : k, accumulate ? 1f : 0f, c, 0, n);
    }

    /**
     * The BLAS libraries on this machine, best first: the one a user named with the netlib property,
     * Debian's OpenBLAS variants, then whatever {@code libblas.so.3} the system resolves.
     */
    private static List<Library> candidates() {
        List<Path> paths = new ArrayList<>();
        String named = System.getProperty(PATH_PROPERTY);
        if (named != null) {
            paths.add(Path.of(named));
        }
        List<String> folders = new ArrayList<>();
        String libraryPath = System.getenv("LD_LIBRARY_PATH");
        if (libraryPath != null) {
            folders.addAll(List.of(libraryPath.split(":")));
        }
        String multiarch = System.getProperty("os.arch", "").equals("aarch64") ? "aarch64-linux-gnu"
                : "x86_64-linux-gnu";
        for (String root : List.of("/usr/lib/", "/lib/")) {
            for (String variant : List.of("openblas-pthread", "openblas-openmp", "openblas-serial")) {
                paths.add(Path.of(root + multiarch + "/" + variant + "/libblas.so.3"));
            }
        }
        folders.addAll(List.of("/usr/lib/" + multiarch, "/lib/" + multiarch, "/usr/lib64", "/usr/lib", "/lib64",
                "/lib", "/usr/local/lib"));
        for (String folder : folders) {
            if (!folder.isEmpty()) {
                paths.add(Path.of(folder, "libblas.so.3"));
            }
        }
        List<Library> found = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isRegularFile(path)) {
                continue;
            }
            Path real;
            try {
                real = path.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (!seen.contains(real)) {
                seen.add(real);
                found.add(new Library(path, kindOf(real)));
            }
        }
        return found;
    }

    /** What a library is, by the path it resolves to (Debian's alternatives point libblas.so.3 at one). */
    private static String kindOf(Path path) {
        String real;
        try {
            real = path.toRealPath().toString().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            real = path.toString().toLowerCase(Locale.ROOT);
        }
        if (real.contains("openblas")) {
            return "OpenBLAS";
        }
        if (real.contains("blis")) {
            return "BLIS";
        }
        if (real.contains("mkl")) {
            return "Intel MKL";
        }
        if (real.contains("atlas")) {
            return "ATLAS";
        }
        return "the reference BLAS";
    }
}
