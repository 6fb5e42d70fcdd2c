package io.github.gradientspring.client.error;

import org.jspecify.annotations.Nullable;

/**
 * A successful status came with a body the client cannot use: not JSON, cut short, empty, or larger than the
 * client's limit. The API's side or a proxy between is at fault; retrying does not help.
 */
public class GradientResponseException extends GradientException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    /**
     * Creates the exception.
     * @param message what was wrong with the response
     * @param statusCode the response's status
     * @param cause the decoding failure, or {@code null}
     */
    public GradientResponseException(String message, int statusCode, @Nullable Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** The response's status. */
    public int statusCode() {
        return this.statusCode;
    }

}
