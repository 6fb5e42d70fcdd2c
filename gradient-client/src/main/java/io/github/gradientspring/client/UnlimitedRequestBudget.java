package io.github.gradientspring.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The budget of a client that keeps none: nothing is counted and nothing waits. */
enum UnlimitedRequestBudget implements RequestBudget {

    INSTANCE;

    @Override
    public RateLimitPolicy policy() {
        return RateLimitPolicy.unlimited();
    }

    @Override
    public int remainingInMinute() {
        return -1;
    }

    @Override
    public int remainingInHour() {
        return -1;
    }

    @Override
    public @Nullable Instant pausedUntil() {
        return null;
    }

    @Override
    public int waiting() {
        return 0;
    }

    @Override
    public void reset() {
    }

}
