package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The lockstep clock of the watching-at-scale scenario never lets a run stall silently: once the virtual-time
 * scheduler runs no more tasks (what stalled the SDK-waiter side of {@code WatchingAtScaleBenchmark} once in four
 * runs, with every timer unfired while virtual time still moved), settling fails and says why.
 */
class LockstepClockTests {

    @Test
    void aSchedulerThatRunsTasksSettlesAndFiresTimers() {
        VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
        LockstepClock clock = new LockstepClock(scheduler, () -> true, Duration.ofSeconds(5));
        AtomicInteger fired = new AtomicInteger();
        scheduler.schedule(fired::incrementAndGet, 5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(clock.advanceUntil(() -> fired.get() == 1, Duration.ofSeconds(1), Duration.ofMinutes(1))).isTrue();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
        scheduler.dispose();
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
        scheduler.schedule(fired::incrementAndGet, 1, java.util.concurrent.TimeUnit.SECONDS);
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> clock.advanceUntil(() -> fired.get() == 1, Duration.ofSeconds(1), Duration.ofHours(3)))
            .withMessageContaining("the virtual-time scheduler runs no more tasks");
        assertThat(fired).hasValue(0);
        scheduler.dispose();
    }

}
