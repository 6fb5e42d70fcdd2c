package io.github.gradientspring.client.error;

import java.time.Duration;

/**
 * An attempt took longer than the client's per-attempt timeout.
 */
public class GradientTimeoutException extends GradientConnectionException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * Creates the exception.
     * @param message what timed out
     * @param timeout the per-attempt timeout that ran out
     * @param cause the underlying timeout
     */
    public GradientTimeoutException(String message, Duration timeout, Throwable cause) {
        super(message, cause, true);
        this.timeout = timeout;
    }

    /** The per-attempt timeout that ran out. */
    public Duration timeout() {
        return this.timeout;
    }

}
