package dev.descent.plugins.opencl;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_VENDOR;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.CL_SUCCESS;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * What OpenCL offers on this machine, or exactly why it offers nothing.
 *
 * <p>JOCL loads its native library, and that library loads the OpenCL ICD loader
 * ({@code libOpenCL.so}), when the {@link CL} class is first initialised; a missing runtime shows
 * up there as a {@link LinkageError}, which becomes {@link Probe#problem()} here instead of a trace.
 */
final class OpenClRuntime {

    /** ocl-icd's status when the loader finds no vendor driver (cl_khr_icd). */
    static final int CL_PLATFORM_NOT_FOUND_KHR = -1001;

    static final String INSTALL_HINT = "install an OpenCL runtime, e.g. on Debian or Ubuntu: "
            + "apt-get install ocl-icd-libopencl1 pocl-opencl-icd (POCL runs OpenCL on the CPU; GPU vendors ship"
            + " their own driver)";

    /** One OpenCL device and the platform it belongs to. */
    record ClDevice(int platformIndex, int deviceIndex, cl_platform_id platform, cl_device_id device,
                    String platformName, String platformVendor, String platformVersion, String name, String vendor,
                    String version, boolean gpu, int computeUnits, long globalMemory) {
    }

    /** The devices found, or why there are none. */
    record Probe(List<ClDevice> devices, String problem) {
        boolean usable() {
            return problem == null && !devices.isEmpty();
        }
    }

    private static volatile Probe cached;

    private OpenClRuntime() {
    }

    /** Every OpenCL device on every platform, probed once per process. */
    static Probe probe() {
        Probe p = cached;
        if (p == null) {
            p = probeNow();
            cached = p;
        }
        return p;
    }

    private static Probe probeNow() {
        String loaderProblem = loaderProblem();
        if (loaderProblem != null) {
            return new Probe(List.of(), "OpenCL is not available: " + loaderProblem + "; " + INSTALL_HINT);
        }
        int[] count = new int[1];
        int status;
        try {
            CL.setExceptionsEnabled(false);
            status = CL.clGetPlatformIDs(0, null, count);
        } catch (LinkageError e) {
            return new Probe(List.of(), "OpenCL is not available: the OpenCL library could not be loaded ("
                    + firstLine(e) + "); " + INSTALL_HINT);
        }
        if (status == CL_PLATFORM_NOT_FOUND_KHR || (status == CL_SUCCESS && count[0] == 0)) {
            String vendors = System.getenv("OCL_ICD_VENDORS");
            return new Probe(List.of(), "OpenCL is installed but no platform (driver) is registered in "
                    + (vendors == null ? "/etc/OpenCL/vendors" : "OCL_ICD_VENDORS=" + vendors) + "; "
                    + INSTALL_HINT);
        }
        if (status != CL_SUCCESS) {
            return new Probe(List.of(), "the OpenCL driver failed to list its platforms ("
                    + CL.stringFor_errorCode(status) + "); check the driver installation, or " + INSTALL_HINT);
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        List<ClDevice> devices = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            String platformName = platformInfo(platforms[p], CL_PLATFORM_NAME);
            int[] deviceCount = new int[1];
            int s = CL.clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, null, deviceCount);
            if (s == CL_DEVICE_NOT_FOUND || deviceCount[0] == 0) {
                continue;
            }
            if (s != CL_SUCCESS) {
                failures.add(platformName + ": " + CL.stringFor_errorCode(s));
                continue;
            }
            cl_device_id[] ids = new cl_device_id[deviceCount[0]];
            CL.clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            for (int d = 0; d < ids.length; d++) {
                long type = deviceLong(ids[d], CL_DEVICE_TYPE);
                devices.add(new ClDevice(p, d, platforms[p], ids[d], platformName,
                        platformInfo(platforms[p], CL_PLATFORM_VENDOR), platformInfo(platforms[p], CL_PLATFORM_VERSION),
                        deviceInfo(ids[d], CL_DEVICE_NAME), deviceInfo(ids[d], CL_DEVICE_VENDOR),
                        deviceInfo(ids[d], CL_DEVICE_VERSION), (type & CL_DEVICE_TYPE_GPU) != 0,
                        deviceInt(ids[d], CL_DEVICE_MAX_COMPUTE_UNITS), deviceLong(ids[d], CL_DEVICE_GLOBAL_MEM_SIZE)));
            }
        }
        if (devices.isEmpty()) {
            return new Probe(List.of(), "OpenCL platforms were found but none has a device"
                    + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")") + "; " + INSTALL_HINT);
        }
        return new Probe(List.copyOf(devices), null);
    }

    /**
     * On Linux, finds and loads the ICD loader library before JOCL's native code tries to: when it
     * is missing or broken, JOCL prints its own complaint to stdout, which would spoil piped output.
     * Null when the library loads (or on other systems, where JOCL's own loading decides).
     */
    static String loaderProblem() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        java.util.LinkedHashSet<String> folders = new java.util.LinkedHashSet<>();
        for (String property : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
            if (property != null) {
                folders.addAll(List.of(property.split(java.io.File.pathSeparator)));
            }
        }
        folders.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu",
                "/usr/lib64", "/usr/lib", "/usr/local/lib", "/opt/rocm/lib", "/usr/local/cuda/lib64"));
        String lastError = null;
        for (String folder : folders) {
            for (String name : new String[] {"libOpenCL.so.1", "libOpenCL.so"}) {
                java.nio.file.Path candidate = java.nio.file.Path.of(folder.isEmpty() ? "." : folder, name);
                if (!java.nio.file.Files.exists(candidate)) {
                    continue;
                }
                try {
                    System.load(candidate.toAbsolutePath().toString());
                    return null;
                } catch (UnsatisfiedLinkError e) {
                    lastError = candidate + " cannot be loaded (" + firstLine(e) + ")";
                }
            }
        }
        return lastError != null ? lastError
                : "no OpenCL library (libOpenCL.so.1, the ICD loader) was found in " + String.join(", ", folders);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String platformInfo(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null);
        return text(buffer);
    }

    private static String deviceInfo(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null);
        return text(buffer);
    }

    private static int deviceInt(cl_device_id device, int param) {
        int[] value = new int[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    private static String text(byte[] zeroTerminated) {
        int length = 0;
        while (length < zeroTerminated.length && zeroTerminated[length] != 0) {
            length++;
        }
        return new String(zeroTerminated, 0, length, java.nio.charset.StandardCharsets.UTF_8).strip();
    }
}
