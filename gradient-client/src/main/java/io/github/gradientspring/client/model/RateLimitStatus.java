package io.github.gradientspring.client.model;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rate-limit headers of one response ({@code ratelimit-limit}, {@code ratelimit-remaining},
 * {@code ratelimit-reset}); a value the response did not carry is {@code null}.
 *
 * @param limit requests the token may make per hour
 * @param remaining requests left in the rolling hour
 * @param reset when the oldest counted request stops counting
 */
public record RateLimitStatus(@Nullable Long limit, @Nullable Long remaining, @Nullable Instant reset) {

    /** A response with no rate-limit headers. */
    public static final RateLimitStatus NONE = new RateLimitStatus(null, null, null);

}
