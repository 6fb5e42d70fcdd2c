package io.github.gradientspring.client.internal;

import java.time.Duration;
import java.time.Instant;

import io.github.gradientspring.client.model.RateLimitStatus;
import org.jspecify.annotations.Nullable;

/**
 * What DigitalOcean said of the token's allowance, and the rules that follow from it (gradient-api.md §4):
 * <ul>
 * <li>{@code ratelimit-remaining} is believed: each grant spends one of it, and what it says again replaces it.</li>
 * <li>{@code ratelimit-remaining: 0} pauses every request until {@code ratelimit-reset}, the second the oldest
 * request leaves DigitalOcean's hour. That frees one slot, not the window, so after the pause one request goes
 * alone (the probe) and its headers say what follows. A 429 pauses the same way for its {@code retry-after}.</li>
 * <li>A response to a request granted before the latest pause began is no news: responses overtake each other on
 * different connections, and one answered before the count ran out must not lift the pause.</li>
 * </ul>
 * Not thread-safe: {@link LocalRequestBudget} calls it under its lock. Times are nanoseconds of the budget's
 * monotonic clock.
 */
final class ApiAllowance {

    /** How long to pause after a 429 without {@code retry-after}, or an exhausted count without a reset. */
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(5);

    /** The longest pause a {@code ratelimit-reset} may ask: the API's window is an hour. */
    static final Duration MAX_RESET_PAUSE = Duration.ofHours(1);

    private final long maxRetryAfterPause;

    // -1: unknown, so only the client's own windows count
    private long remaining = -1;

    private long pausedUntil = Long.MIN_VALUE;

    private boolean probeNeeded;

    private boolean probeOut;

    // Which pause a grant belongs to: grants of an earlier one are stale.
    private long epoch;

    // Grants of this epoch that have neither been answered nor released: they may spend what the API says remains.
    private long outstanding;

    private long resetAt = Long.MIN_VALUE;

    /**
     * @param maxRetryAfter the longest 429 pause believed, the retry policy's own cap on {@code retry-after}, so
     * that a pause and a retry wait agree
     */
    ApiAllowance(Duration maxRetryAfter) {
        this.maxRetryAfterPause = maxRetryAfter.toNanos();
    }

    /** Whether a request may be granted now as far as the API is concerned. */
    boolean allows(long now) {
        if (this.remaining == 0 && this.outstanding == 0 && now >= this.pausedUntil) {
            // Everything the API allowed is spent and no answer is coming to say more: wait for its reset.
            pause((this.resetAt > now) ? this.resetAt : now + DEFAULT_PAUSE.toNanos());
        }
        if (now < this.pausedUntil) {
            return false;
        }
        if (this.probeNeeded) {
            return !this.probeOut;
        }
        return this.remaining != 0;
    }

    /** The end of the pause, or {@code Long.MIN_VALUE} when none is under way. */
    long pausedUntil(long now) {
        return (now < this.pausedUntil) ? this.pausedUntil : Long.MIN_VALUE;
    }

    /** Records a grant; returns its ticket (epoch and whether it is the probe). */
    Ticket grant() {
        boolean probe = this.probeNeeded;
        if (probe) {
            this.probeOut = true;
        }
        if (this.remaining > 0) {
            this.remaining--;
        }
        this.outstanding++;
        return new Ticket(this.epoch, probe);
    }

    /** Learns from the answer to a grant. */
    void answered(Ticket ticket, long now, Instant wallNow, int status, RateLimitStatus rateLimit,
            @Nullable Duration retryAfter) {
        boolean fresh = ended(ticket);
        if (fresh && ticket.probe()) {
            this.probeNeeded = false;
            this.probeOut = false;
        }
        if (fresh && rateLimit.reset() != null) {
            this.resetAt = now + clamp(Duration.between(wallNow, rateLimit.reset()), MAX_RESET_PAUSE.toNanos());
        }
        if (fresh && rateLimit.remaining() != null) {
            long said = Math.max(0, rateLimit.remaining());
            if (said == 0) {
                pause((this.resetAt > now) ? this.resetAt : now + DEFAULT_PAUSE.toNanos());
            }
            else {
                this.remaining = Math.max(0, said - this.outstanding);
            }
        }
        if (status == 429) {
            Duration asked = (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) ? retryAfter
                    : DEFAULT_PAUSE;
            pause(now + clamp(asked, this.maxRetryAfterPause));
        }
    }

    /** A grant ended without an answer (timeout, connection error, cancel): if it was the probe, another may go. */
    void released(Ticket ticket) {
        if (ended(ticket) && ticket.probe()) {
            this.probeOut = false;
        }
    }

    void reset() {
        this.remaining = -1;
        this.pausedUntil = Long.MIN_VALUE;
        this.probeNeeded = false;
        this.probeOut = false;
        this.outstanding = 0;
        this.resetAt = Long.MIN_VALUE;
        this.epoch++;
    }

    // true when the ticket belongs to the current epoch
    private boolean ended(Ticket ticket) {
        if (ticket.epoch() != this.epoch) {
            return false;
        }
        this.outstanding--;
        return true;
    }

    private void pause(long until) {
        this.pausedUntil = Math.max(this.pausedUntil, until);
        this.epoch++;
        this.outstanding = 0;
        this.remaining = -1;
        this.probeNeeded = true;
        this.probeOut = false;
    }

    private static long clamp(Duration wait, long max) {
        return wait.isNegative() ? 0 : Math.min(wait.toNanos(), max);
    }

    /** A grant's place: the pause it belongs to, and whether it probes. */
    record Ticket(long epoch, boolean probe) {
    }

}
