package io.github.gradientspring.client.internal;

import java.time.Duration;

import io.github.gradientspring.client.fleet.FleetGrant;
import io.github.gradientspring.client.model.RateLimitStatus;
import org.jspecify.annotations.Nullable;

/**
 * A slot a budget granted ({@link LocalRequestBudget}, or {@link FleetRequestBudget} in fleet mode). The attempt that
 * holds it reports the response it got ({@link #responded}), so that the budget learns DigitalOcean's headers (and,
 * for the probe after a pause, what follows), and {@link #release() releases} it when it ends, answered or not (in
 * {@code doFinally}).
 */
final class Permit {

    /** The permit of a client without a budget: reports go nowhere. */
    static final Permit NONE = new Permit((Owner) null, null, null);

    /** The budget that granted a permit: told of its answer or its release, once. */
    interface Owner {

        void answered(Permit permit, int status, RateLimitStatus rateLimit, @Nullable Duration retryAfter);

        void released(Permit permit);

    }

    private final @Nullable Owner budget;

    final ApiAllowance.@Nullable Ticket ticket;

    // The shared budget's grant, in fleet mode.
    final @Nullable FleetGrant grant;

    // Guarded by the owner's lock: whether the budget has heard of this permit's end.
    boolean done;

    // Whether the permit reached the attempt; one granted while its waiter was being cancelled is released.
    volatile boolean delivered;

    Permit(@Nullable LocalRequestBudget budget, ApiAllowance.@Nullable Ticket ticket) {
        this(budget, ticket, null);
    }

    Permit(@Nullable Owner budget, ApiAllowance.@Nullable Ticket ticket, @Nullable FleetGrant grant) {
        this.budget = budget;
        this.ticket = ticket;
        this.grant = grant;
    }

    /** The response to the request sent with this permit; only the first report (or release) counts. */
    void responded(int status, RateLimitStatus rateLimit, @Nullable Duration retryAfter) {
        if (this.budget != null) {
            this.budget.answered(this, status, rateLimit, retryAfter);
        }
    }

    /** The request ended (answered, failed or cancelled); idempotent. */
    void release() {
        if (this.budget != null) {
            this.budget.released(this);
        }
    }

    void delivered() {
        this.delivered = true;
    }

}
