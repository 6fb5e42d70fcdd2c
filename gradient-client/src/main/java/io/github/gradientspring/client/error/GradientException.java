package io.github.gradientspring.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The root of every failure this library reports. Unchecked, as in Spring. A message says what failed and,
 * where it can, what to do; no message ever contains the access token.
 */
public class GradientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what failed
     * @param cause the underlying failure, or {@code null}
     */
    public GradientException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception.
     * @param message what failed
     */
    public GradientException(String message) {
        super(message);
    }

}
