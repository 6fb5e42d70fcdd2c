/**
 * Fleet mode on Redis: {@link io.github.gradientspring.redis.RedisGradientFleet}, the
 * {@link io.github.gradientspring.client.fleet.GradientFleet} of {@code gradient-client} on Spring Data Redis reactive
 * (Lettuce). Every instance of an application on one access token and base URL draws from one request budget kept in
 * Redis, polls each watched job once between them (the holder of the job's lease publishes what it sees) and knows
 * how many instances there are.
 * <p>
 * Only counts, timestamps, member ids and job UUIDs are stored, and job states are published (never stored); no
 * access token, header or response body is written to Redis. Keys are {@code <prefix>{<scope>}:<kind>}, the scope
 * being the client's HMAC-SHA256 of the token and base URL; the braces make every key of a scope one Redis Cluster
 * hash slot, so the multi-key Lua scripts work on a cluster too. Every key has a TTL, so an idle scope's keys expire.
 * <p>
 * Everything here is non-null unless marked {@code @Nullable} (JSpecify).
 */
@NullMarked
package io.github.gradientspring.redis;

import org.jspecify.annotations.NullMarked;
