package io.github.gradientspring.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import reactor.core.scheduler.Schedulers;
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

    private final BooleanSupplier idle;

    private final long settleLimitNanos;

    LockstepClock(VirtualTimeScheduler scheduler, BooleanSupplier idle) {
        this(scheduler, idle, SETTLE_LIMIT);
    }

    LockstepClock(VirtualTimeScheduler scheduler, BooleanSupplier idle, Duration settleLimit) {
        this.scheduler = scheduler;
        this.idle = idle;
        this.settleLimitNanos = settleLimit.toNanos();
        if (VirtualTimeScheduler.isFactoryEnabled()) {
            // Fill Reactor's scheduler caches now, on this one thread. Installed as the factory, the virtual-time
            // scheduler is what every Schedulers.parallel(), single() and boundedElastic() returns; the first
            // calls of one of them from two threads at once (two Netty loops arming Mono.delay) both make a cache
            // entry of it, and Schedulers disposes the entry that lost the race: the shared scheduler itself. It
            // then runs no task again while its clock still moves. This is what stalled the SDK-waiter side of
            // WatchingAtScaleBenchmark once in four runs (every timer unfired, "n/a" at the 180-minute cap).
            Schedulers.parallel();
            Schedulers.single();
            Schedulers.boundedElastic();
        }
    }

    @Override
    public Instant instant() {
        return START.plusNanos(this.scheduler.now(TimeUnit.NANOSECONDS));
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
        return Duration.ofNanos(this.scheduler.now(TimeUnit.NANOSECONDS));
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
     * Lets every exchange on the wire finish. Also proves that the scheduler still runs tasks: one that was
     * disposed (see the constructor), or whose drain loop a task left locked by throwing on another thread, runs
     * no task ever again while {@code now()} still moves (it adds the deferred time), so every timer silently
     * never fires. A canary task makes that an error.
     */
    void settle() {
        long deadline = System.nanoTime() + this.settleLimitNanos;
        AtomicBoolean canary = new AtomicBoolean();
        if (this.scheduler.isDisposed()) {
            throw new AssertionError("the virtual-time scheduler runs no more tasks: it was disposed, and every timer "
                    + "after it would silently never fire");
        }
        this.scheduler.schedule(() -> canary.set(true));
        int quietChecks = 0;
        while (quietChecks < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(canary.get()
                        ? "the client did not settle within " + Duration.ofNanos(this.settleLimitNanos).toMillis()
                                + " ms of real time"
                        : "the virtual-time scheduler runs no more tasks: a task threw while another thread was "
                                + "draining it, and every timer after it would silently never fire");
            }
            // Work that a response scheduled for "now" runs here, and may send more.
            this.scheduler.advanceTimeBy(Duration.ZERO);
            if (canary.get() && this.idle.getAsBoolean()) {
                quietChecks++;
            }
            else {
                quietChecks = 0;
                Thread.onSpinWait();
            }
        }
    }

}
