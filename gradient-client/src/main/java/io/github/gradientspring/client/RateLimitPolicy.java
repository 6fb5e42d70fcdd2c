package io.github.gradientspring.client;

/**
 * How many requests an {@link IndexingJobsClient} may send, shared by everything it does.
 * <p>
 * DigitalOcean allows each token 250 requests a minute and 5,000 an hour. By default a client keeps to 80 % of
 * both (200 a minute, 4,000 an hour), leaving room for the token's other users. Requests wait, without blocking a
 * thread, until the budget allows them; calls made by the application go before the polls of
 * {@link IndexingJobsClient#watch watch}. The budget also learns from the API: when {@code ratelimit-remaining}
 * says fewer requests are left than it holds, it lowers its own, and a 429 pauses every poll for as long as the
 * API asks.
 */
public final class RateLimitPolicy {

    private static final RateLimitPolicy DEFAULTS = of(200, 4000);

    private static final RateLimitPolicy UNLIMITED = new RateLimitPolicy(0, 0, false);

    private final int requestsPerMinute;

    private final int requestsPerHour;

    private final boolean enabled;

    private RateLimitPolicy(int requestsPerMinute, int requestsPerHour, boolean enabled) {
        this.requestsPerMinute = requestsPerMinute;
        this.requestsPerHour = requestsPerHour;
        this.enabled = enabled;
    }

    /**
     * 80 % of DigitalOcean's limits: 200 requests a minute and 4,000 an hour.
     * @return the default policy
     */
    public static RateLimitPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * No client-side limit: every request is sent at once, and only the API's 429s slow the client down.
     * @return a policy without a budget
     */
    public static RateLimitPolicy unlimited() {
        return UNLIMITED;
    }

    /**
     * A budget of the given sizes.
     * @param requestsPerMinute requests a minute, from 1
     * @param requestsPerHour requests an hour, from 1
     * @return the policy
     */
    public static RateLimitPolicy of(int requestsPerMinute, int requestsPerHour) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be 1 or more, but was " + requestsPerMinute);
        }
        if (requestsPerHour < 1) {
            throw new IllegalArgumentException("requestsPerHour must be 1 or more, but was " + requestsPerHour);
        }
        return new RateLimitPolicy(requestsPerMinute, requestsPerHour, true);
    }

    /** Requests a minute the budget allows; 0 when unlimited. */
    public int requestsPerMinute() {
        return this.requestsPerMinute;
    }

    /** Requests an hour the budget allows; 0 when unlimited. */
    public int requestsPerHour() {
        return this.requestsPerHour;
    }

    /** Whether the client keeps a budget at all. */
    public boolean isEnabled() {
        return this.enabled;
    }

    @Override
    public String toString() {
        return this.enabled ? "RateLimitPolicy[" + this.requestsPerMinute + "/min, " + this.requestsPerHour + "/h]"
                : "RateLimitPolicy[unlimited]";
    }

}
