package io.github.gradientspring.client.fleet;

import java.time.Duration;
import java.util.Collection;

import io.github.gradientspring.client.RateLimitPolicy;

/**
 * One member of a fleet: the instances of an application that share a store (such as Redis) and, through it, one
 * request budget and one poller per watched job for each access token. Made by the store's module
 * ({@code RedisGradientFleet} in {@code gradient-redis}) and given to
 * {@link io.github.gradientspring.client.IndexingJobsClient.Builder#fleet(GradientFleet)}; the clients of a JVM that
 * are given one fleet make one member of it.
 * <p>
 * A fleet owns what it starts (connections, subscriptions, its heartbeat timer) and stops it on {@link #close()}.
 *
 * @see io.github.gradientspring.client.fleet
 */
public interface GradientFleet extends AutoCloseable {

    /**
     * Joins the scope of one access token and base URL: called by the client once per request budget it makes.
     * Returns at once; contact with the store happens in the background, and the scope reports itself
     * {@linkplain FleetStatus#degraded() degraded} as soon as the store cannot be reached.
     * @param scopeKey the scope's key: a hex HMAC-SHA256 the client computes from the token and base URL (never
     * the token itself), the same on every member of one token and base URL
     * @param policy the budget the whole fleet keeps to for the scope
     * @param maxRetryAfter the longest {@code retry-after} of a 429 that pauses the scope (the client's retry cap)
     * @return the scope, for this member
     */
    FleetScope join(String scopeKey, RateLimitPolicy policy, Duration maxRetryAfter);

    /**
     * This member's id in the fleet: random, made when the fleet is made, and what the store records of it.
     * @return the member id
     */
    String memberId();

    /**
     * The scopes this member has joined, for health and metrics: {@link FleetScope#status()} of each.
     * @return the joined scopes, in the order joined
     */
    Collection<FleetScope> scopes();

    /**
     * Leaves every scope (its leases are released, its heartbeat stops) and stops what the fleet started. Clients
     * built with the fleet keep working afterwards, alone, as when the store is unreachable.
     */
    @Override
    void close();

}
