package dev.descent.cli;

import dev.descent.tensor.Device;
import dev.descent.tensor.HardwareInfo;
import dev.descent.tensor.HardwareInventory;
import dev.descent.api.ComponentKind;
import dev.descent.config.RunConfig;
import dev.descent.plugin.PluginDescriptor;
import dev.descent.plugin.PluginException;
import dev.descent.plugin.PluginPaths;
import dev.descent.plugin.PluginRegistry;
import dev.descent.run.AutoDevice;
import java.io.PrintWriter;
import java.nio.file.Path;
import dev.descent.tensor.Kernel;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code descent devices}: the hardware each device plugin can use, or why it can use none. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the devices training can run on: the cpu, and every OpenCL platform and device."
                + " With --verbose, also which kernels each runs itself and which on the host, and what it chose"
                + " (the cpu device: which BLAS runs its large matrix products, and why).")
final class DevicesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> pluginPaths = PluginPaths.of(DescentCommand.commonOptions(spec.commandLine()).pluginPaths(),
                RunConfig.empty(), true);
        PrintWriter out = spec.commandLine().getOut();
        try (PluginRegistry registry = PluginRegistry.discover(DevicesCommand.class.getClassLoader(), pluginPaths)) {
            boolean verbose = DescentCommand.commonOptions(spec.commandLine()).verbose();
            for (PluginDescriptor d : registry.list(ComponentKind.DEVICE)) {
                out.printf("%s - %s%n", d.name(), d.description());
                print(out, d, verbose);
            }
            out.println(AutoDevice.choose(registry).reason());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, PluginDescriptor d, boolean verbose) {
        Device device;
        try {
            device = (Device) PluginRegistry.instantiate(d);
        } catch (PluginException e) {
            out.printf("  unusable: %s%n", e.getMessage());
            return;
        }
        try {
            if (verbose) {
                Set<Kernel> own = device.nativeKernels();
                out.printf("  native kernels: %s%n", own.isEmpty() ? "none" : own.stream().map(Kernel::label)
                        .collect(Collectors.joining(", ")));
                String host = Arrays.stream(Kernel.values()).filter(k -> !own.contains(k)).map(Kernel::label)
                        .collect(Collectors.joining(", "));
                out.printf("  on the host (slower): %s%n", host.isEmpty() ? "none" : host);
                device.notes().forEach(note -> out.printf("  %s%n", note));
            }
            HardwareInventory inventory = device.inventory();
            inventory.unavailable().ifPresent(reason -> out.printf("  none usable: %s%n", reason));
            for (HardwareInfo h : inventory.hardware()) {
                out.printf("  %s%s%n", h.name(), h.gpu() ? " (GPU)" : "");
                out.printf("    vendor %s, version %s, %d compute units, %d MiB%n", h.vendor(), h.version(),
                        h.computeUnits(), h.memoryBytes() >> 20);
                if (!h.selectingOptions().isEmpty()) {
                    out.printf("    select with: --set device=%s %s%n", d.name(), h.selectingOptions().entrySet()
                            .stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> "--set device." + e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" ")));
                }
            }
        } finally {
            device.close();
        }
    }
}
