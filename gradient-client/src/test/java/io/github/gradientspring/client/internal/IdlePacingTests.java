package io.github.gradientspring.client.internal;

import java.time.Duration;
import java.time.Instant;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RequestBudget;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule that shortens unchanged jobs' intervals while the budget has room to spare, with the numbers of
 * docs/watching.md, read through the {@link RequestBudget} view alone (as a budget shared by instances shows it).
 */
class IdlePacingTests {

    private static final Duration SHORTEST = Duration.ofSeconds(2);

    private static final Duration LONGEST = Duration.ofSeconds(30);

    private static Duration longest(RequestBudget budget, int requestsPerRound) {
        return IdlePacing.longestInterval(budget, requestsPerRound, SHORTEST, LONGEST);
    }

    @Test
    void aFreshDefaultBudgetPollsOnePageAtTheShortestInterval() {
        // 2,000 spare in the hour: a round every 1.8 s, below the 2 s after a change.
        assertThat(longest(new View(RateLimitPolicy.defaults(), 200, 4000), 1)).isEqualTo(SHORTEST);
    }

    @Test
    void theSpareHalfOfTheHourIsSpreadOverAnHour() {
        // 3,000 left, 1,000 of them above the half kept back: one round every 3.6 s; two pages, every 7.2 s.
        View budget = new View(RateLimitPolicy.defaults(), 200, 3000);
        assertThat(longest(budget, 1)).isEqualTo(Duration.ofMillis(3600));
        assertThat(longest(budget, 2)).isEqualTo(Duration.ofMillis(7200));
    }

    @Test
    void theMinuteDecidesWhenItIsTheTighter() {
        // 110 left in the minute: 10 above its half, one round every 6 s, though the hour would allow 1.8 s.
        assertThat(longest(new View(RateLimitPolicy.defaults(), 110, 4000), 1)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void onceHalfOfEitherWindowIsSpentTheConfiguredLongestIntervalHolds() {
        assertThat(longest(new View(RateLimitPolicy.defaults(), 200, 2000), 1)).isEqualTo(LONGEST);
        assertThat(longest(new View(RateLimitPolicy.defaults(), 100, 4000), 1)).isEqualTo(LONGEST);
        assertThat(longest(new View(RateLimitPolicy.defaults(), 0, 0), 1)).isEqualTo(LONGEST);
    }

    @Test
    void aRoundThatTheSpareRoomPaysForOnlyRarelyWaitsNoLongerThanTheConfiguredLongestInterval() {
        // Without the list sweep, 200 jobs are 200 retrieves a round: 360 s on a fresh budget, so 30 s as before.
        assertThat(longest(new View(RateLimitPolicy.defaults(), 200, 4000), 200)).isEqualTo(LONGEST);
    }

    @Test
    void nothingIsSpareWhileARequestWaitsOrDigitalOceanPausedTheToken() {
        View waiting = new View(RateLimitPolicy.defaults(), 200, 4000);
        waiting.waiting = 1;
        View paused = new View(RateLimitPolicy.defaults(), 200, 4000);
        paused.pausedUntil = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(longest(waiting, 1)).isEqualTo(LONGEST);
        assertThat(longest(paused, 1)).isEqualTo(LONGEST);
    }

    @Test
    void anUnlimitedBudgetKnowsNothingSpareAndKeepsTheConfiguredLongestInterval() {
        assertThat(longest(RequestBudget.unlimited(), 1)).isEqualTo(LONGEST);
    }

    @Test
    void aShortestIntervalAboveTheLongestLeavesTheLongest() {
        View budget = new View(RateLimitPolicy.defaults(), 200, 4000);
        assertThat(IdlePacing.longestInterval(budget, 1, Duration.ofSeconds(10), Duration.ofSeconds(5)))
            .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aHugeRoundDoesNotOverflowIntoAShortInterval() {
        assertThat(longest(new View(RateLimitPolicy.defaults(), 200, 4000), Integer.MAX_VALUE)).isEqualTo(LONGEST);
    }

    /** A budget's view with the counts given. */
    private static final class View implements RequestBudget {

        private final RateLimitPolicy policy;

        private final int minute;

        private final int hour;

        int waiting;

        @Nullable Instant pausedUntil;

        View(RateLimitPolicy policy, int minute, int hour) {
            this.policy = policy;
            this.minute = minute;
            this.hour = hour;
        }

        @Override
        public RateLimitPolicy policy() {
            return this.policy;
        }

        @Override
        public int remainingInMinute() {
            return this.minute;
        }

        @Override
        public int remainingInHour() {
            return this.hour;
        }

        @Override
        public @Nullable Instant pausedUntil() {
            return this.pausedUntil;
        }

        @Override
        public int waiting() {
            return this.waiting;
        }

        @Override
        public void reset() {
        }

    }

}
