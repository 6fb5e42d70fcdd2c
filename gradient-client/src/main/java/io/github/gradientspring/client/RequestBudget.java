package io.github.gradientspring.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The request budget an {@link IndexingJobsClient} draws from: every request it sends (calls, retries and the polls
 * of {@link IndexingJobsClient#watch watch}) takes a slot of it first. Every client built in one JVM for the same
 * access token and base URL shares one budget, since DigitalOcean counts requests per token.
 * <p>
 * This view is for monitoring (how much is left, whether DigitalOcean has paused the token) and for test support,
 * which {@linkplain #reset() resets} the budget with the simulator between tests.
 *
 * @see RateLimitPolicy
 */
public interface RequestBudget {

    /**
     * The policy this budget keeps to.
     * @return the policy
     */
    RateLimitPolicy policy();

    /**
     * How many requests the budget would let through now in the rolling minute, or {@code -1} when the policy is
     * {@linkplain RateLimitPolicy#unlimited() unlimited}.
     * @return the requests left in the minute
     */
    int remainingInMinute();

    /**
     * How many requests the budget would let through now in the rolling hour, or {@code -1} when the policy is
     * {@linkplain RateLimitPolicy#unlimited() unlimited}.
     * @return the requests left in the hour
     */
    int remainingInHour();

    /**
     * Until when DigitalOcean has paused requests (a {@code ratelimit-remaining} of 0 until its
     * {@code ratelimit-reset}, or a 429's {@code retry-after}), or {@code null} when nothing is paused.
     * @return the end of the pause, or {@code null}
     */
    @Nullable Instant pausedUntil();

    /**
     * How many requests are waiting for a slot now.
     * @return the number of waiting requests
     */
    int waiting();

    /**
     * Forgets every request counted and everything learned from DigitalOcean's headers, as if the budget were new;
     * requests waiting are let through as the fresh budget allows. Meant for tests against a simulator that is
     * reset between them, not for production, where the counts mirror what DigitalOcean counts.
     */
    void reset();

    /**
     * A budget that lets everything through at once: what a client that keeps no budget reports.
     * @return the unlimited budget
     */
    static RequestBudget unlimited() {
        return UnlimitedRequestBudget.INSTANCE;
    }

}
