package io.github.gradientspring.client.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where a client's waits run and where its time comes from. By default the waits run on Reactor's parallel
 * scheduler, durations are measured with {@link System#nanoTime()} (monotonic, so that a wall-clock step never
 * stretches or shortens a budget window) and dates such as {@code ratelimit-reset} are read against the system clock.
 * A scheduler given to the builder (a {@code VirtualTimeScheduler} in tests) is the source of all three.
 */
final class ClientTime {

    private final @Nullable Scheduler scheduler;

    private final Clock wallClock;

    ClientTime(@Nullable Scheduler scheduler, Clock wallClock) {
        this.scheduler = scheduler;
        this.wallClock = wallClock;
    }

    /** The scheduler the client's timers run on. */
    Scheduler timers() {
        // Looked up on each use rather than once: Reactor lets tests swap the parallel scheduler for a virtual one.
        return (this.scheduler != null) ? this.scheduler : Schedulers.parallel();
    }

    /** Monotonic time in nanoseconds, for measuring durations. */
    long nanoTime() {
        return (this.scheduler != null) ? this.scheduler.now(TimeUnit.NANOSECONDS) : System.nanoTime();
    }

    /** The current instant, for dates the API sends. */
    Instant instant() {
        return (this.scheduler != null) ? Instant.ofEpochMilli(this.scheduler.now(TimeUnit.MILLISECONDS))
                : this.wallClock.instant();
    }

}
