package io.github.gradientspring.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A scheduler for tests, given to a client through the builder's public {@code scheduler(..)}, that takes the
 * client's short waits at once and records them: a task delayed by at most {@link #LONGEST_SKIPPED} (a retry's
 * backoff or {@code retry-after}, a wait for the request budget, a short poll interval) runs right away, and the
 * time the client reads moves on by its delay. The client's time moves only so: it starts at a given instant and is
 * the sum of the waits skipped since, like a virtual clock that moves itself whenever the client waits. Longer delays
 * (the timeout of a watch) go to Reactor's parallel scheduler as asked, so that
 * {@code StepVerifier.withVirtualTime} still drives them.
 */
final class WaitSkippingScheduler implements Scheduler {

    static final Duration LONGEST_SKIPPED = Duration.ofSeconds(60);

    private final List<Duration> skipped = new ArrayList<>();

    private final AtomicLong skippedNanos = new AtomicLong();

    private final long startNanos;

    WaitSkippingScheduler(Instant start) {
        this.startNanos = TimeUnit.SECONDS.toNanos(start.getEpochSecond()) + start.getNano();
    }

    WaitSkippingScheduler() {
        this(Instant.now());
    }

    /** The waits skipped so far, in the order they were asked for. */
    List<Duration> skippedWaits() {
        synchronized (this.skipped) {
            return List.copyOf(this.skipped);
        }
    }

    @Override
    public Disposable schedule(Runnable task) {
        return Schedulers.parallel().schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        long nanos = unit.toNanos(delay);
        if (nanos > LONGEST_SKIPPED.toNanos()) {
            return Schedulers.parallel().schedule(task, nanos, TimeUnit.NANOSECONDS);
        }
        if (nanos > 0) {
            synchronized (this.skipped) {
                this.skipped.add(Duration.ofNanos(nanos));
            }
            this.skippedNanos.addAndGet(nanos);
        }
        return Schedulers.parallel().schedule(task);
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert(this.startNanos + this.skippedNanos.get(),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public Worker createWorker() {
        return Schedulers.parallel().createWorker();
    }

}
