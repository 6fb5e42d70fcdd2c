package io.github.gradientspring.sample.dashboard;

import java.time.Duration;
import java.time.Instant;

import io.github.gradientspring.client.RequestBudget;
import org.jspecify.annotations.Nullable;

/**
 * The client's request budget as the dashboard shows it ({@code GET /budget}).
 *
 * @param limited whether the client keeps a budget at all ({@code false}: the counts are {@code -1})
 * @param limitPerMinute the requests the client allows itself in a rolling minute
 * @param limitPerHour the requests the client allows itself in a rolling hour
 * @param remainingInMinute the requests left in the rolling minute
 * @param remainingInHour the requests left in the rolling hour
 * @param waiting the requests waiting for a slot now
 * @param pausedUntil until when DigitalOcean's rate limit (a 429, or a spent allowance) pauses requests, or
 * {@code null}
 * @param pausedForMillis how long that pause still lasts, by the server's clock (so the page needs no clock of its
 * own to agree with it); 0 when nothing is paused
 */
public record BudgetView(boolean limited, int limitPerMinute, int limitPerHour, int remainingInMinute,
        int remainingInHour, int waiting, @Nullable Instant pausedUntil, long pausedForMillis) {

    static BudgetView of(RequestBudget budget, Instant now) {
        Instant pausedUntil = budget.pausedUntil();
        long pausedFor = (pausedUntil != null) ? Math.max(0, Duration.between(now, pausedUntil).toMillis()) : 0;
        return new BudgetView(budget.policy().isEnabled(), budget.policy().requestsPerMinute(),
                budget.policy().requestsPerHour(), budget.remainingInMinute(), budget.remainingInHour(),
                budget.waiting(), (pausedFor > 0) ? pausedUntil : null, pausedFor);
    }

}
