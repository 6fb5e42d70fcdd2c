package io.github.gradientspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The lockstep clock of the watching-at-scale scenario keeps the virtual-time scheduler alive and never lets a
 * run stall silently. The SDK-waiter side of {@code WatchingAtScaleBenchmark} stalled once in four runs, every timer
 * unfired while virtual time still moved: two Netty loops made the first {@code Schedulers.parallel()} calls at
 * once, and Reactor disposed the cache entry that lost the race, which was the shared virtual-time scheduler.
 */
class LockstepClockTests {

    @Test
    void aSchedulerThatRunsTasksSettlesAndFiresTimers() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        LockstepClock clock = new LockstepClock(scheduler, () -> true, Duration.ofSeconds(5));
        AtomicInteger fired = new AtomicInteger();
        scheduler.schedule(fired::incrementAndGet, 5, TimeUnit.SECONDS);
        assertThat(clock.advanceUntil(() -> fired.get() == 1, Duration.ofSeconds(1), Duration.ofMinutes(1))).isTrue();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
        scheduler.dispose();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void firstUsesOfReactorsSchedulersFromManyThreadsAtOnceLeaveTheVirtualTimeSchedulerRunning() throws Exception {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.getOrSet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            new LockstepClock(scheduler, () -> true);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> uses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                uses.add(threads.submit(() -> {
                    start.await();
                    Schedulers.parallel().schedule(() -> { }, 1, TimeUnit.SECONDS);
                    return Schedulers.single();
                }));
            }
            start.countDown();
            for (Future<?> use : uses) {
                use.get(10, TimeUnit.SECONDS);
            }
            assertThat(scheduler.isDisposed()).isFalse();
            AtomicInteger fired = new AtomicInteger();
            scheduler.schedule(fired::incrementAndGet, 1, TimeUnit.SECONDS);
            scheduler.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(fired).hasValue(1);
        }
        finally {
            threads.shutdownNow();
            VirtualTimeScheduler.reset();
        }
    }

    @Test
    void aDisposedSchedulerFailsTheSettleInsteadOfStallingSilently() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        LockstepClock clock = new LockstepClock(scheduler, () -> true, Duration.ofMillis(200));
        AtomicInteger fired = new AtomicInteger();
        scheduler.schedule(fired::incrementAndGet, 1, TimeUnit.SECONDS);
        // What Reactor's scheduler cache does to the entry that lost a race of first uses.
        scheduler.dispose();
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> clock.advanceUntil(() -> fired.get() == 1, Duration.ofSeconds(1), Duration.ofHours(3)))
            .withMessageContaining("the virtual-time scheduler runs no more tasks: it was disposed");
        assertThat(fired).hasValue(0);
    }

    @Test
    void aSchedulerLockedByATaskThatThrewFailsTheSettleInsteadOfStallingSilently() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        LockstepClock clock = new LockstepClock(scheduler, () -> true, Duration.ofMillis(200));
        // A task that throws while being run leaves the scheduler's drain loop locked: no later task runs.
        Throwable thrown = catchThrowable(() -> scheduler.schedule(() -> {
            throw new IllegalStateException("a task that throws");
        }));
        assertThat(thrown).hasMessage("a task that throws");
        AtomicInteger fired = new AtomicInteger();
        scheduler.schedule(fired::incrementAndGet, 1, TimeUnit.SECONDS);
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> clock.advanceUntil(() -> fired.get() == 1, Duration.ofSeconds(1), Duration.ofHours(3)))
            .withMessageContaining("the virtual-time scheduler runs no more tasks");
        assertThat(fired).hasValue(0);
        scheduler.dispose();
    }

}
