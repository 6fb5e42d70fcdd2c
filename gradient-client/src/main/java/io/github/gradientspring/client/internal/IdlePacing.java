package io.github.gradientspring.client.internal;

import java.time.Duration;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RequestBudget;

/**
 * How long a watched job that did not change may wait for its next poll, given what the request budget leaves
 * unused: the rule that turns an idle budget into shorter detection delays.
 * <p>
 * Watches stretch to the configured longest interval (30 s by default) so that, under load, they leave the budget to
 * the application. When nobody else is using it, that waste is pure latency: 200 watched jobs on one page of the
 * job list cost one request per round, and polling them every 2 s would be 1,800 requests an hour, less than half
 * of the default 4,000. So the longest interval shrinks while the budget has room to spare, as far as the spare
 * room pays for:
 * <ul>
 * <li>The <em>spare room</em> of a window is what it has left above half of the policy's size (4,000 an hour:
 * what remains beyond 2,000; 200 a minute: beyond 100). Only the half the application is not using is ever spent
 * on faster polls, and the half kept back is never touched, however many clients or instances read the same
 * budget: once half of a window is spent, by anyone, this rule gives no more than the configured longest interval.
 * Counting what <em>remains</em> (the watches' own requests included) rather than what the application spent is
 * what makes it settle: the faster the watches poll, the less room remains, and alone the watches settle at a
 * quarter of the hour's budget (1,000 an hour by default), where what they spend in an hour equals the room left.
 * <li>That room is spread over the window's length (a request holds its slot for the whole window, so room spent
 * now does not come back sooner), which gives the rate the watches may add: {@code spare / window}. A round of
 * polls costs {@code requestsPerRound} requests (the pages the watched jobs sit on, or one retrieve each without the
 * list sweep), so rounds may come every {@code requestsPerRound × window / spare}; the slower of the two windows
 * decides.
 * <li>The result is never shorter than the shortest interval (a job is then polled no more often than right after
 * it changed, as before) and never longer than the configured longest one (where a busy budget leaves it, as
 * before).
 * </ul>
 * Nothing is spare when the budget is unlimited (no counts to read), when DigitalOcean has paused the token, or while
 * any request waits for a slot: then the configured longest interval holds, as it always did. The rule reads only
 * the {@link RequestBudget} view, so any budget behind that view (one per JVM, or shared by instances) paces alike.
 */
final class IdlePacing {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static final Duration HOUR = Duration.ofHours(1);

    private IdlePacing() {
    }

    /**
     * The longest a job that did not change may wait between polls now.
     * @param budget what the client's budget has left
     * @param requestsPerRound the requests one poll of every watched job costs, at least 1
     * @param shortest the interval after a change, below which no job is ever polled
     * @param longest the configured longest interval, which holds while the budget has nothing to spare
     * @return an interval from {@code shortest} to {@code longest} (just {@code longest} when it is the shorter)
     */
    static Duration longestInterval(RequestBudget budget, int requestsPerRound, Duration shortest, Duration longest) {
        RateLimitPolicy policy = budget.policy();
        if (!policy.isEnabled() || budget.pausedUntil() != null || budget.waiting() > 0
                || shortest.compareTo(longest) >= 0) {
            return longest;
        }
        long minuteNanos = roundEvery(requestsPerRound, budget.remainingInMinute(), policy.requestsPerMinute(), MINUTE);
        long hourNanos = roundEvery(requestsPerRound, budget.remainingInHour(), policy.requestsPerHour(), HOUR);
        long wait = Math.max(minuteNanos, hourNanos);
        if (wait >= longest.toNanos()) {
            return longest;
        }
        return (wait <= shortest.toNanos()) ? shortest : Duration.ofNanos(wait);
    }

    // How often a round may come out of one window's spare room, in nanoseconds; Long.MAX_VALUE when it has none.
    private static long roundEvery(int requestsPerRound, int remaining, int size, Duration window) {
        long spare = (long) remaining - (size - size / 2); // the half kept back is rounded up
        if (remaining < 0 || spare <= 0) {
            return Long.MAX_VALUE;
        }
        long rounds = Math.max(1, requestsPerRound);
        // A round of millions of requests has no room to spare anyway; the guard keeps the product from overflowing.
        return (rounds >= Long.MAX_VALUE / window.toNanos()) ? Long.MAX_VALUE : rounds * window.toNanos() / spare;
    }

}
