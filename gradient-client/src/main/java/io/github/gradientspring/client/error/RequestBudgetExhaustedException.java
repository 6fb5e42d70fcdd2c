package io.github.gradientspring.client.error;

import java.time.Duration;
import java.time.Instant;

import io.github.gradientspring.client.model.RateLimitStatus;
import org.jspecify.annotations.Nullable;

/**
 * A call was not sent: the client's request budget would have made it wait longer than it may
 * ({@code gradient.rate-limit.max-wait}, {@code RateLimitPolicy.withMaxWait}), or too many calls already wait
 * ({@code gradient.rate-limit.max-queued}). Raised by the client itself, at once when the wait it knows of is too
 * long and otherwise when the longest wait has passed: no request reached DigitalOcean, {@link #isFromServer()} is
 * {@code false} and {@link #statusCode()} is 0. It is never retried. {@link #window()} says which limit is spent and
 * {@link #slotFreesAt()} when a slot frees, if that is known.
 */
public class RequestBudgetExhaustedException extends GradientRateLimitException {

    private static final long serialVersionUID = 1L;

    /** Which limit is spent. */
    public enum Window {

        /** The client's budget for any rolling minute. */
        MINUTE,

        /** The client's budget for any rolling hour. */
        HOUR,

        /**
         * DigitalOcean's pause: {@code ratelimit-remaining} reached 0 (until {@code ratelimit-reset}) or a 429 asked
         * to wait ({@code retry-after}); or the request that probes whether the pause is over has not been answered.
         */
        SERVER_PAUSE

    }

    private final Window window;

    private final @Nullable Instant slotFreesAt;

    private final boolean queueFull;

    /**
     * Creates the exception.
     * @param window which limit is spent
     * @param limit the requests the window allows (unused for {@link Window#SERVER_PAUSE})
     * @param slotFreesAt when a slot frees, or {@code null} when it is not known
     * @param slotFreesIn how long until then, or {@code null} when it is not known
     * @param maxWait the longest a call may wait for the budget
     * @param queued how many calls already waited when this one came, when the queue was full; -1 otherwise
     */
    public RequestBudgetExhaustedException(Window window, long limit, @Nullable Instant slotFreesAt,
            @Nullable Duration slotFreesIn, Duration maxWait, int queued) {
        super(describe(window, limit, slotFreesAt, slotFreesIn, maxWait, queued),
                new GradientApiError(0, "(not sent)", "request_budget_exhausted", null, null, RateLimitStatus.NONE,
                        slotFreesIn, Boolean.FALSE));
        this.window = window;
        this.slotFreesAt = slotFreesAt;
        this.queueFull = queued >= 0;
    }

    @Override
    public boolean isFromServer() {
        return false;
    }

    /**
     * Which limit is spent.
     * @return the window
     */
    public Window window() {
        return this.window;
    }

    /**
     * When a slot of the budget frees, or {@code null} when that is not known (DigitalOcean has not yet answered
     * the request that probes whether its pause is over).
     * @return when a slot frees, or {@code null}
     */
    public @Nullable Instant slotFreesAt() {
        return this.slotFreesAt;
    }

    /**
     * Whether the call was refused because too many calls already waited ({@code max-queued}).
     * @return whether the queue was full
     */
    public boolean isQueueFull() {
        return this.queueFull;
    }

    private static String describe(Window window, long limit, @Nullable Instant slotFreesAt,
            @Nullable Duration slotFreesIn, Duration maxWait, int queued) {
        StringBuilder message = new StringBuilder("Not sent: the request budget is spent: ");
        message.append(switch (window) {
            case MINUTE -> "the client's " + limit + " requests of the rolling minute";
            case HOUR -> "the client's " + limit + " requests of the rolling hour";
            case SERVER_PAUSE -> "DigitalOcean paused the token (ratelimit-remaining 0 or 429 Too Many Requests)";
        });
        if (queued >= 0) {
            message.append(", and ").append(queued).append(" calls already wait for it (max-queued)");
        }
        if (slotFreesAt != null && slotFreesIn != null) {
            message.append("; a slot frees at ").append(slotFreesAt).append(", in ").append(readable(slotFreesIn));
        }
        else {
            message.append("; a slot frees when DigitalOcean answers the request that probes whether its pause is over");
        }
        if (queued < 0) {
            message.append(", and a call waits for the budget at most ").append(readable(maxWait))
                .append(" (max-wait)");
        }
        return message.toString();
    }

    private static String readable(Duration duration) {
        return duration.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString().substring(2).toLowerCase();
    }

}
