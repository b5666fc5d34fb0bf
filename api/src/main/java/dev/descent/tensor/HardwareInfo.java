package dev.descent.tensor;

import java.util.Map;

/**
 * One piece of hardware a {@link Device} plugin can run on, for {@code descent devices} and
 * {@code device = auto}.
 *
 * @param name              e.g. {@code NVIDIA GeForce RTX 3060}
 * @param vendor            e.g. {@code NVIDIA Corporation}
 * @param version           driver or runtime version
 * @param gpu               whether it is a GPU ({@code device = auto} prefers those)
 * @param computeUnits      cores or compute units
 * @param memoryBytes       global memory (or the JVM's maximum heap for {@code cpu})
 * @param selectingOptions  the device options that select exactly this hardware, e.g.
 *                          {@code platform=0, index=1}
 */
public record HardwareInfo(String name, String vendor, String version, boolean gpu, int computeUnits,
                           long memoryBytes, Map<String, String> selectingOptions) {

    public HardwareInfo {
        selectingOptions = Map.copyOf(selectingOptions);
    }
}
