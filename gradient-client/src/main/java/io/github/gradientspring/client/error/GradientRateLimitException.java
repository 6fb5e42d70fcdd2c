package io.github.gradientspring.client.error;

/**
 * The token has used up its rate limit (429); {@link #retryAfter()} says how long to wait.
 */
public class GradientRateLimitException extends GradientApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param error what the response said
     */
    public GradientRateLimitException(GradientApiError error) {
        super(error, "DigitalOcean allows 250 requests a minute and 5,000 an hour per token");
    }

}
