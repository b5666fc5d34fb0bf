package dev.descent.run;

import dev.descent.api.ComponentKind;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginException;
import dev.descent.plugin.PluginRegistry;
import dev.descent.tensor.Device;
import dev.descent.tensor.HardwareInfo;
import dev.descent.tensor.HardwareInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code device = auto}: the first GPU that any device plugin reports, otherwise {@code cpu}, with a
 * sentence saying which was chosen and why. Never silent.
 */
public final class AutoDevice {

    /** The value of the {@code device} key that asks for automatic choice. */
    public static final String NAME = "auto";

    /**
     * What {@code auto} chose.
     *
     * @param descriptor the device plugin
     * @param options    the options that select the chosen hardware, e.g. {@code platform=0, index=1}
     * @param reason     one sentence for the user
     */
    public record Choice(PluginDescriptor descriptor, Map<String, String> options, String reason) {
    }

    private AutoDevice() {
    }

    public static Choice choose(PluginRegistry registry) {
        List<String> notes = new ArrayList<>();
        for (PluginDescriptor d : registry.list(ComponentKind.DEVICE)) {
            if (d.name().equals("cpu") || !d.usable()) {
                continue;
            }
            HardwareInventory inventory;
            Device probe;
            try {
                probe = (Device) PluginRegistry.instantiate(d);
            } catch (PluginException e) {
                notes.add(e.getMessage());
                continue;
            }
            try {
                inventory = probe.inventory();
            } finally {
                probe.close();
            }
            if (inventory.unavailable().isPresent()) {
                notes.add(d.name() + ": " + inventory.unavailable().get());
                continue;
            }
            for (HardwareInfo h : inventory.hardware()) {
                if (h.gpu()) {
                    return new Choice(d, h.selectingOptions(), "device = auto chose " + d.name() + " on the GPU "
                            + h.name() + " (" + h.vendor() + ")");
                }
            }
            notes.add(d.name() + ": no GPU among " + inventory.hardware().stream().map(HardwareInfo::name).toList());
        }
        PluginDescriptor cpu = registry.require(ComponentKind.DEVICE, "cpu", null);
        return new Choice(cpu, Map.of(), "device = auto chose cpu, since no GPU is available"
                + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
    }
}
