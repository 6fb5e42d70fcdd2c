package io.github.gradientspring.client.fleet;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The shared budget's answer to {@link FleetScope#acquire}: a slot granted, or a refusal that says when to ask again.
 *
 * @param granted whether a slot was taken
 * @param id the grant's id in the store (member id and a counter: no token, no request), or {@code null} when refused
 * @param epoch the pause the grant belongs to; an answer to a grant of an earlier pause is no news
 * @param probe whether this grant is the one request that goes alone after a pause
 * @param retryAt when refused, the earliest time a slot may be free (a window's oldest slot frees, a pause ends);
 * {@code null} when granted or when only a {@linkplain FleetScope#wakeUps() wake-up} can tell (a probe is out)
 * @param pausedUntil the end of DigitalOcean's pause, if one is under way, else {@code null}
 * @param remainingInMinute what the shared minute window has left after this answer
 * @param remainingInHour what the shared hour window has left after this answer
 */
public record FleetGrant(boolean granted, @Nullable String id, long epoch, boolean probe, @Nullable Instant retryAt,
        @Nullable Instant pausedUntil, int remainingInMinute, int remainingInHour) {

}
