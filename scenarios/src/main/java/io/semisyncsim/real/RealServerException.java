package io.semisyncsim.real;

/**
 * Real servers could not be used: {@link #MISSING} when what is needed is not on this machine (say
 * what to install), {@link #FAILED} when a server would not start or answer (with its error-log tail).
 */
public final class RealServerException extends RuntimeException {
    public static final int MISSING = 2;
    public static final int FAILED = 3;

    private final int exitCode;

    public RealServerException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
