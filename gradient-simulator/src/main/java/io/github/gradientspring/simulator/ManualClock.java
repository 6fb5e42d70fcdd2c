package io.github.gradientspring.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A UTC clock that stands still until told to move, for tests that must not sleep.
 * Job progress, rate-limit windows and journal timestamps all read the simulator's clock, so
 * {@link #advance(Duration)} moves every one of them at once.
 */
public final class ManualClock extends Clock {

    /** The instant a manual clock starts at when none is given: a round, recognisable date. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    private ManualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A manual clock standing at {@link #DEFAULT_START}. */
    public static ManualClock create() {
        return new ManualClock(DEFAULT_START);
    }

    /** A manual clock standing at {@code start}. */
    public static ManualClock startingAt(Instant start) {
        return new ManualClock(start);
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; must not be negative, because time running backwards would break rolling windows
     * @return the new current instant
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A manual clock only moves forward, got " + duration);
        }
        return now.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public Instant instant() {
        return Objects.requireNonNull(now.get());
    }

    @Override
    public long millis() {
        return Objects.requireNonNull(now.get()).toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: the simulator speaks RFC 3339 UTC only. Returns this clock when asked for UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("A manual clock is UTC only");
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
