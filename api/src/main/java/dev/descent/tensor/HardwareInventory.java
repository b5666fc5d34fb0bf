package dev.descent.tensor;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link Device} plugin finds on this machine: the hardware it can use, or why it can use
 * none (no runtime installed, no driver, a driver error).
 *
 * @param hardware    everything usable, in the order the runtime reports it
 * @param unavailable why nothing is usable, with what to install; empty when {@code hardware} is not
 */
public record HardwareInventory(List<HardwareInfo> hardware, Optional<String> unavailable) {

    public HardwareInventory {
        hardware = List.copyOf(hardware);
    }

    public static HardwareInventory of(List<HardwareInfo> hardware) {
        return new HardwareInventory(hardware, Optional.empty());
    }

    public static HardwareInventory unavailable(String reason) {
        return new HardwareInventory(List.of(), Optional.of(reason));
    }
}
