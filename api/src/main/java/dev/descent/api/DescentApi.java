package dev.descent.api;

/**
 * The version of the plugin API in this core. A plugin jar records the version it was built
 * against in its manifest, {@code Descent-Api: 2}; a jar built for another version is refused with
 * a message saying so, instead of failing later with a {@code LinkageError}.
 *
 * <pre>{@code
 * <manifestEntries>
 *   <Descent-Api>2</Descent-Api>
 * </manifestEntries>
 * }</pre>
 */
public final class DescentApi {

    /** Raised whenever an SPI type changes incompatibly. */
    public static final int VERSION = 2;

    /** The manifest attribute a plugin jar declares its API version in. */
    public static final String MANIFEST_ATTRIBUTE = "Descent-Api";

    private DescentApi() {
    }
}
