package dev.descent.api;

/** A device cannot be used: no runtime, no such device, a kernel that fails to build. */
public final class DeviceException extends DescentException {

    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
