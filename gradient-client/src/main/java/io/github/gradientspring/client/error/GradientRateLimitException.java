package io.github.gradientspring.client.error;

/**
 * The token has used up its rate limit: DigitalOcean answered 429, or ({@link #isFromServer()} {@code false}, a
 * {@link RequestBudgetExhaustedException}) the client's own budget would have made the call wait longer than it
 * may. {@link #retryAfter()} says how long to wait.
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

    /**
     * For {@link RequestBudgetExhaustedException}: a rate limit the client's own budget enforced.
     * @param message the whole message
     * @param error what is known of the request
     */
    GradientRateLimitException(String message, GradientApiError error) {
        super(message, error, true);
    }

    /**
     * Whether DigitalOcean answered 429. {@code false} for a {@link RequestBudgetExhaustedException}: the client's
     * own budget refused to send the request, and no server status is involved ({@link #statusCode()} is 0).
     * @return whether the server answered
     */
    public boolean isFromServer() {
        return true;
    }

}
