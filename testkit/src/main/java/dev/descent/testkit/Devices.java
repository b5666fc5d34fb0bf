package dev.descent.testkit;

import dev.descent.api.Plugin;
import dev.descent.tensor.Device;
import java.util.ServiceLoader;

/** The devices a contract can also run on, found on the test's class path. */
final class Devices {

    private Devices() {
    }

    /** A new {@code cpu} device (float32 kernels), or {@code null} when its plugin is not on the class path. */
    static Device cpu() {
        for (ServiceLoader.Provider<Device> provider : ServiceLoader.load(Device.class,
                Thread.currentThread().getContextClassLoader()).stream().toList()) {
            Plugin plugin = provider.type().getAnnotation(Plugin.class);
            if (plugin != null && plugin.name().equals("cpu")) {
                return provider.get();
            }
        }
        return null;
    }
}
