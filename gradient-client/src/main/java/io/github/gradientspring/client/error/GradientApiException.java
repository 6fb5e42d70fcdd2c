package io.github.gradientspring.client.error;

import java.time.Duration;

import io.github.gradientspring.client.model.RateLimitStatus;
import org.jspecify.annotations.Nullable;

/**
 * The API answered with an error status. The subclasses name the statuses callers handle differently; any
 * other status is reported as this class itself.
 */
public class GradientApiException extends GradientException {

    private static final long serialVersionUID = 1L;

    private final transient GradientApiError error;

    /**
     * Creates an exception for an error response.
     * @param error what the response said
     */
    public GradientApiException(GradientApiError error) {
        this(error, null);
    }

    /**
     * Creates an exception for an error response, with a hint for the reader.
     * @param error what the response said
     * @param hint what the caller can do about it, or {@code null}
     */
    protected GradientApiException(GradientApiError error, @Nullable String hint) {
        super(describe(error, hint));
        this.error = error;
    }

    /**
     * Returns the typed exception for an error response: one subclass per status family, as the official SDKs have.
     * @param error what the response said
     * @return the exception to raise
     */
    public static GradientApiException of(GradientApiError error) {
        int status = error.status();
        return switch (status) {
            case 400 -> new GradientBadRequestException(error);
            case 401 -> new GradientAuthenticationException(error);
            case 403 -> new GradientPermissionDeniedException(error);
            case 404 -> new GradientNotFoundException(error);
            case 409 -> new GradientConflictException(error);
            case 422 -> new GradientUnprocessableEntityException(error);
            case 429 -> new GradientRateLimitException(error);
            default -> (status >= 500) ? new GradientServerException(error) : new GradientApiException(error);
        };
    }

    /** What the response said. */
    public GradientApiError error() {
        return this.error;
    }

    /** The HTTP status code. */
    public int statusCode() {
        return this.error.status();
    }

    /** DigitalOcean's error id, such as {@code not_found}, or {@code null}. */
    public @Nullable String errorId() {
        return this.error.id();
    }

    /**
     * DigitalOcean's error message, or a summary of a body that was not JSON; without control characters and at
     * most 500 characters long ({@link #responseBody()} has the body as it came).
     */
    public @Nullable String errorMessage() {
        return this.error.message();
    }

    /**
     * The whole body of the error response as it came, for when the message (cleaned of control characters and cut
     * at 500 characters) is not enough; never put it in a log or terminal unescaped.
     * @return the body, {@code ""} for none, or {@code null} when not known
     */
    public @Nullable String responseBody() {
        return this.error.responseBody();
    }

    /** The request id to quote to DigitalOcean support, or {@code null}. */
    public @Nullable String requestId() {
        return this.error.requestId();
    }

    /** The rate-limit headers of the response. */
    public RateLimitStatus rateLimit() {
        return this.error.rateLimit();
    }

    /** The wait the response asked for, or {@code null}. */
    public @Nullable Duration retryAfter() {
        return this.error.retryAfter();
    }

    private static String describe(GradientApiError error, @Nullable String hint) {
        StringBuilder message = new StringBuilder("Gradient API answered ").append(error.status());
        if (error.id() != null) {
            message.append(" (").append(error.id()).append(')');
        }
        message.append(" to ").append(error.request());
        if (error.message() != null && !error.message().isBlank()) {
            message.append(": ").append(error.message());
        }
        if (error.requestId() != null) {
            message.append(" [request id ").append(error.requestId()).append(']');
        }
        if (hint != null) {
            message.append(". ").append(hint);
        }
        return message.toString();
    }

}
