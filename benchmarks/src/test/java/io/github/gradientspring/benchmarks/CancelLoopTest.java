package io.github.gradientspring.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When {@code CancelLoop}'s warm-up counts the throughput as still rising, and its percentiles. */
class CancelLoopTest {

    @Test
    void risingWhileTheLastFiveSecondsCompleteMoreThanFivePercentMoreThanTheFiveBefore() {
        // The client at concurrency 64, the first 25 seconds of a long run on the 2-core machine: it stops rising at
        // 15 s, and at 23 s the last 5 seconds are within 5 % of the 5 before.
        long[] warming = { 4, 244, 425, 1637, 3134, 4319, 4686, 5161, 6694, 7635, 10657, 12268, 17448, 21561, 22546,
                23438, 22722, 23966, 23160, 23763, 23934, 23102, 23440, 23595, 23675 };

        assertThat(CancelLoop.rising(warming, 9)).isTrue();
        assertThat(CancelLoop.rising(warming, 20)).isTrue();
        assertThat(CancelLoop.rising(warming, 22)).isTrue();
        assertThat(CancelLoop.rising(warming, 23)).isFalse();
        assertThat(CancelLoop.rising(warming, 25)).isFalse();
    }

    @Test
    void aFlatOrFallingThroughputIsNotRisingButTenSecondsAreNeededToTell() {
        long[] flat = { 100, 100, 100, 100, 100, 104, 104, 104, 104, 104 };
        long[] falling = { 100, 100, 100, 100, 100, 90, 90, 90, 90, 90 };

        assertThat(CancelLoop.rising(flat, 10)).isFalse();
        assertThat(CancelLoop.rising(falling, 10)).isFalse();
        assertThat(CancelLoop.rising(flat, 9)).isTrue();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

        assertThat(CancelLoop.percentile(sorted, 0.50)).isEqualTo(5);
        assertThat(CancelLoop.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(CancelLoop.percentile(new long[0], 0.99)).isZero();
    }

}
