package io.github.gradientspring.client.fleet;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a response of DigitalOcean's said about the token's budget: the only facts of a response that reach the
 * fleet's store (no header, body or token).
 *
 * @param status the HTTP status
 * @param remaining the {@code ratelimit-remaining} header, or {@code null}
 * @param reset the {@code ratelimit-reset} header (when the oldest counted request stops counting), or {@code null}
 * @param retryAfter a 429's {@code retry-after}, or {@code null}
 */
public record FleetAnswer(int status, @Nullable Long remaining, @Nullable Instant reset,
        @Nullable Duration retryAfter) {

}
