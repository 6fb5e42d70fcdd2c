package io.github.gradientspring.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * One virtual clock for the client (Reactor's virtual-time scheduler) and the simulator (a {@link Clock} reading
 * it), moved in steps. After each step it waits, without sleeping, until no exchange is on the wire, so that no
 * response lands late in virtual time.
 */
final class LockstepClock extends Clock {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(20);

    final VirtualTimeScheduler scheduler;

    private final InFlightExchanges inFlight;

    private final long startNanos;

    /**
     * Starts the virtual scheduler's time at {@link #START}, so that the client, which reads its time from the
     * scheduler it is given, and the simulator, which reads this clock, agree on the date.
     */
    LockstepClock(VirtualTimeScheduler scheduler, InFlightExchanges inFlight) {
        this.scheduler = scheduler;
        this.inFlight = inFlight;
        scheduler.advanceTimeTo(START);
        this.startNanos = scheduler.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public Instant instant() {
        return Instant.EPOCH.plusNanos(this.scheduler.now(TimeUnit.NANOSECONDS));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    Duration elapsed() {
        return Duration.ofNanos(this.scheduler.now(TimeUnit.NANOSECONDS) - this.startNanos);
    }

    /** Moves time on by {@code step}, then lets every exchange that the step started finish. */
    void advance(Duration step) {
        this.scheduler.advanceTimeBy(step);
        settle();
    }

    /** Moves time on in steps until the condition holds or the limit of virtual time passes. */
    boolean advanceUntil(BooleanSupplier done, Duration step, Duration limit) {
        Duration end = elapsed().plus(limit);
        settle();
        while (!done.getAsBoolean()) {
            if (elapsed().compareTo(end) >= 0) {
                return false;
            }
            advance(step);
        }
        return true;
    }

    /**
     * Runs what is due now, then waits (blocking, bounded, never spinning) until every exchange that started has
     * ended; again, until a round starts none.
     */
    void settle() {
        for (int round = 0; round < 100_000; round++) {
            // Work that a response scheduled for "now" runs here, and may send more.
            this.scheduler.advanceTimeBy(Duration.ZERO);
            if (this.inFlight.get() == 0) {
                return;
            }
            try {
                if (!this.inFlight.awaitIdle(SETTLE_LIMIT)) {
                    throw new AssertionError("the client did not settle within " + SETTLE_LIMIT + " of real time");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        throw new AssertionError("the client kept starting exchanges at one instant of virtual time");
    }

}
