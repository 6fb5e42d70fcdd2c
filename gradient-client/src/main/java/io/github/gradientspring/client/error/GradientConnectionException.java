package io.github.gradientspring.client.error;

/**
 * No response came back: the connection was refused, reset or broken before a whole response arrived.
 */
public class GradientConnectionException extends GradientException {

    private static final long serialVersionUID = 1L;

    private final boolean requestSent;

    /**
     * Creates the exception.
     * @param message what failed
     * @param cause the transport's failure
     * @param requestSent whether the request may have reached the server; {@code false} only when the connection
     * was never made
     */
    public GradientConnectionException(String message, Throwable cause, boolean requestSent) {
        super(message, cause);
        this.requestSent = requestSent;
    }

    /**
     * Whether the request may have reached the server. A {@code create} whose request may have arrived is not
     * retried, since it may have started a job.
     * @return {@code false} only when the connection was never made
     */
    public boolean requestSent() {
        return this.requestSent;
    }

}
