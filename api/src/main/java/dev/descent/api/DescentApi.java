package dev.descent.api;

/**
 * The version of the plugin API in this core, {@code MAJOR.MINOR}. A plugin jar records the version
 * it was built against in its manifest, {@code Descent-Api: 2.3}:
 *
 * <pre>{@code
 * <manifestEntries>
 *   <Descent-Api>2.3</Descent-Api>
 * </manifestEntries>
 * }</pre>
 *
 * A minor version only adds (an op, a default method, a type), so a jar built for this major version
 * and this minor or an earlier one is used as it is: {@code 2}, {@code 2.0}, {@code 2.1}, {@code 2.2} and {@code 2.3}
 * are all accepted by a 2.3 core, as SLF4J accepts the versions on its compatibility list. A jar built for
 * another major version, or for a later minor one (which may call what this core lacks), is refused
 * with a message saying so, instead of failing later with a {@code LinkageError}.
 *
 * <p>Minor versions so far: 2.0; 2.1 added {@link dev.descent.tensor.UnaryOp#TANH}, the devices' op
 * lists ({@link dev.descent.tensor.Device#nativeUnaryOps()}), {@link TrainingHooks} and
 * {@link LearningRate}; 2.2 added the ops {@code RELU}, {@code ERF} and {@code GELU}, layers
 * ({@link Layer}, composed by models) and the training pass ({@link Pass}); 2.3 added the figures a
 * callback may take at the end of a run ({@link Callback#wantsFigures}, {@link Callback#figuresDrawn}).
 */
public final class DescentApi {

    /** Raised whenever an SPI type changes incompatibly. */
    public static final int VERSION = 2;

    /** Raised whenever the API gains something; a jar built for an earlier minor version still works. */
    public static final int MINOR = 3;

    /** The manifest attribute a plugin jar declares its API version in. */
    public static final String MANIFEST_ATTRIBUTE = "Descent-Api";

    private DescentApi() {
    }

    /** {@code 2.3}: the version this core provides, as a manifest writes it. */
    public static String version() {
        return VERSION + "." + MINOR;
    }

    /**
     * Why a jar that declares {@code declared} cannot be used with this core, or null when it can: the
     * same major version, and a minor version no later than this core's.
     */
    public static String problem(String declared) {
        String text = declared.strip();
        int dot = text.indexOf('.');
        int major;
        int minor;
        try {
            major = Integer.parseInt(dot < 0 ? text : text.substring(0, dot));
            minor = dot < 0 ? 0 : Integer.parseInt(text.substring(dot + 1));
        } catch (NumberFormatException e) {
            return "declares " + MANIFEST_ATTRIBUTE + ": '" + text + "', which is not a version such as " + version();
        }
        if (major != VERSION) {
            return "was built for Descent plugin API " + text + ", but this Descent provides API " + version()
                    + "; rebuild the plugin against this version of descent-api";
        }
        if (minor > MINOR) {
            return "was built for Descent plugin API " + text + ", newer than this Descent's " + version()
                    + ", and may use what this Descent lacks; use a Descent that provides API " + text
                    + ", or build the plugin against descent-api " + version();
        }
        return null;
    }
}
