package io.github.gradientspring.simulator;

/**
 * The per-token request budgets the simulator enforces, like DigitalOcean's: a per-minute burst budget and a
 * rolling per-hour budget. Every request counts for one minute against the first and one hour against the second.
 *
 * @param perMinute burst budget: requests per token within any 60 seconds
 * @param perHour   hourly budget: requests per token within any 3600 seconds; reported as {@code ratelimit-limit}
 * @param enabled   {@code false} turns limiting and the {@code ratelimit-*} headers off entirely (fast mode)
 */
public record RateLimits(int perMinute, int perHour, boolean enabled) {

    /** DigitalOcean's published budgets: 250 requests per minute, 5,000 per hour, per token. */
    public static final RateLimits DIGITALOCEAN = new RateLimits(250, 5_000, true);

    /** No limiting and no rate-limit headers: for benchmarks. */
    public static final RateLimits OFF = new RateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, false);

    /** Validates the budgets. */
    public RateLimits {
        if (perMinute < 1 || perHour < 1) {
            throw new IllegalArgumentException("Rate limits must be at least 1, got " + perMinute + "/min and " + perHour + "/h");
        }
    }

    /** Limits with the given budgets, enabled. */
    public static RateLimits of(int perMinute, int perHour) {
        return new RateLimits(perMinute, perHour, true);
    }
}
