package io.github.gradientspring.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulators' clock in a fleet run: the wall clock plus an offset that only grows. The harness moves it ahead
 * while it creates the run's jobs, so that 700 creates spread over minutes of the API's time (and so within its
 * per-minute limit) take seconds; from then on it runs with the wall clock, which the members' budgets use.
 */
final class OffsetClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    void advance(Duration duration) {
        this.offsetMillis.addAndGet(duration.toMillis());
    }

    /** How far ahead of the wall clock this clock is. */
    Duration offset() {
        return Duration.ofMillis(this.offsetMillis.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(this.offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulators' clock is UTC");
    }

}
