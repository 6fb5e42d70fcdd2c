package io.github.gradientspring.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How many requests an {@link IndexingJobsClient} may send, and how long and how many of its calls may wait for
 * that budget.
 * <p>
 * DigitalOcean allows each token 250 requests a minute and 5,000 an hour. By default a client keeps to 80 % of
 * both (200 a minute, 4,000 an hour), leaving room for the token's other users. Requests wait, without blocking a
 * thread, until the budget allows them; calls made by the application go before the polls of
 * {@link IndexingJobsClient#watch watch}, though one grant in ten goes to a waiting poll. The budget also learns
 * from the API's headers (see docs/watching.md). A call waits at most {@link #maxWait()} (60 s by default, the cap
 * the official SDKs put on {@code retry-after}) and fails at once, with a
 * {@link io.github.gradientspring.client.error.RequestBudgetExhaustedException}, when the wait it knows of is
 * longer, or when {@link #maxQueued()} calls already wait. Polls of {@code watch} wait as long as needed.
 */
public final class RateLimitPolicy {

    /** The default {@link #maxWait()}: the longest {@code retry-after} the official SDKs honour. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

    /** The default {@link #maxQueued()}. */
    public static final int DEFAULT_MAX_QUEUED = 1000;

    // No wait longer than DigitalOcean's own window: after an hour every slot of the token has come back.
    private static final Duration LONGEST_MAX_WAIT = Duration.ofHours(1);

    // Each waiting call holds a few hundred bytes; a longer queue is a leak in the application, not a queue.
    private static final int LONGEST_MAX_QUEUED = 1_000_000;

    private static final RateLimitPolicy DEFAULTS = of(200, 4000);

    private static final RateLimitPolicy UNLIMITED = new RateLimitPolicy(0, 0, false, DEFAULT_MAX_WAIT,
            DEFAULT_MAX_QUEUED);

    private final int requestsPerMinute;

    private final int requestsPerHour;

    private final boolean enabled;

    private final Duration maxWait;

    private final int maxQueued;

    private RateLimitPolicy(int requestsPerMinute, int requestsPerHour, boolean enabled, Duration maxWait,
            int maxQueued) {
        this.requestsPerMinute = requestsPerMinute;
        this.requestsPerHour = requestsPerHour;
        this.enabled = enabled;
        this.maxWait = maxWait;
        this.maxQueued = maxQueued;
    }

    /**
     * 80 % of DigitalOcean's limits: 200 requests a minute and 4,000 an hour; calls wait at most 60 s, and at most
     * 1,000 of them wait at once.
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
     * A budget of the given sizes, with the default {@link #maxWait()} and {@link #maxQueued()}. There is no upper
     * bound: the budget's memory does not depend on the sizes.
     * @param requestsPerMinute requests in any rolling minute, from 1 to {@code requestsPerHour}
     * @param requestsPerHour requests in any rolling hour, from 1
     * @return the policy
     * @throws IllegalArgumentException when a size is below 1, or the minute allows more than the hour
     */
    public static RateLimitPolicy of(int requestsPerMinute, int requestsPerHour) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be 1 or more, but was " + requestsPerMinute);
        }
        if (requestsPerHour < 1) {
            throw new IllegalArgumentException("requestsPerHour must be 1 or more, but was " + requestsPerHour);
        }
        if (requestsPerMinute > requestsPerHour) {
            throw new IllegalArgumentException("requestsPerMinute (" + requestsPerMinute
                    + ") must not be more than requestsPerHour (" + requestsPerHour + ")");
        }
        return new RateLimitPolicy(requestsPerMinute, requestsPerHour, true, DEFAULT_MAX_WAIT, DEFAULT_MAX_QUEUED);
    }

    /**
     * This policy with another longest wait of a call for the budget.
     * @param maxWait from zero (a call never waits) to one hour (DigitalOcean's window)
     * @return the policy
     * @throws IllegalArgumentException when {@code maxWait} is negative or longer than an hour
     */
    public RateLimitPolicy withMaxWait(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait must not be null");
        if (maxWait.isNegative() || maxWait.compareTo(LONGEST_MAX_WAIT) > 0) {
            throw new IllegalArgumentException(
                    "maxWait must be from 0 to " + LONGEST_MAX_WAIT + " (DigitalOcean's window), but was " + maxWait);
        }
        return new RateLimitPolicy(this.requestsPerMinute, this.requestsPerHour, this.enabled, maxWait,
                this.maxQueued);
    }

    /**
     * This policy with another bound on the calls waiting for the budget at once.
     * @param maxQueued from 1 to 1,000,000
     * @return the policy
     * @throws IllegalArgumentException when {@code maxQueued} is outside those bounds
     */
    public RateLimitPolicy withMaxQueued(int maxQueued) {
        if (maxQueued < 1 || maxQueued > LONGEST_MAX_QUEUED) {
            throw new IllegalArgumentException(
                    "maxQueued must be from 1 to " + LONGEST_MAX_QUEUED + ", but was " + maxQueued);
        }
        return new RateLimitPolicy(this.requestsPerMinute, this.requestsPerHour, this.enabled, this.maxWait,
                maxQueued);
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

    /** The longest a call waits for the budget before it fails; 60 s by default. Polls are not bound by it. */
    public Duration maxWait() {
        return this.maxWait;
    }

    /** How many calls may wait for the budget at once; a call beyond them fails at once. 1,000 by default. */
    public int maxQueued() {
        return this.maxQueued;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RateLimitPolicy that && this.requestsPerMinute == that.requestsPerMinute
                && this.requestsPerHour == that.requestsPerHour && this.enabled == that.enabled
                && this.maxWait.equals(that.maxWait) && this.maxQueued == that.maxQueued;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.requestsPerMinute, this.requestsPerHour, this.enabled, this.maxWait, this.maxQueued);
    }

    @Override
    public String toString() {
        return this.enabled ? "RateLimitPolicy[" + this.requestsPerMinute + "/min, " + this.requestsPerHour
                + "/h, max-wait " + this.maxWait + ", max-queued " + this.maxQueued + "]" : "RateLimitPolicy[unlimited]";
    }

}
