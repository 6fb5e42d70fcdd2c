package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The virtual clock of the watching-at-scale scenarios fires timers as time moves and never lets a run stall
 * silently: a scheduler that runs no more tasks (disposed, or its drain left locked by a task that threw) fails the
 * next step instead of leaving every timer unfired while the clock moves on, which is how the SDK-waiter side of
 * {@code WatchingAtScaleBenchmark} once ended at its cap with no figures.
 */
class VirtualApiTimeTests {

    @Test
    void timersFireAsVirtualTimeMoves() {
        VirtualApiTime time = new VirtualApiTime(Duration.ofSeconds(5));
        AtomicInteger fired = new AtomicInteger();
        time.scheduler.schedule(fired::incrementAndGet, 5, TimeUnit.SECONDS);
        assertThat(time.advanceUntil(() -> fired.get() == 1, Duration.ofSeconds(1), Duration.ofMinutes(1))).isTrue();
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
        time.scheduler.dispose();
    }

    @Test
    void aDisposedSchedulerFailsTheNextStepInsteadOfStallingSilently() {
        VirtualApiTime time = new VirtualApiTime(Duration.ofMillis(200));
        AtomicInteger fired = new AtomicInteger();
        time.scheduler.schedule(fired::incrementAndGet, 1, TimeUnit.SECONDS);
        time.scheduler.dispose();
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> time.advanceUntil(() -> fired.get() == 1, Duration.ofSeconds(1), Duration.ofHours(3)))
            .withMessageContaining("the virtual-time scheduler runs no more tasks: it was disposed");
        assertThat(fired).hasValue(0);
    }

    @Test
    void aSchedulerLockedByATaskThatThrewFailsTheNextStepInsteadOfStallingSilently() {
        VirtualApiTime time = new VirtualApiTime(Duration.ofMillis(200));
        // A task that throws while being run leaves the scheduler's drain loop locked: no later task runs.
        Throwable thrown = catchThrowable(() -> time.scheduler.schedule(() -> {
            throw new IllegalStateException("a task that throws");
        }));
        assertThat(thrown).hasMessage("a task that throws");
        AtomicInteger fired = new AtomicInteger();
        time.scheduler.schedule(fired::incrementAndGet, 1, TimeUnit.SECONDS);
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> time.advanceUntil(() -> fired.get() == 1, Duration.ofSeconds(1), Duration.ofHours(3)))
            .withMessageContaining("the virtual-time scheduler runs no more tasks");
        assertThat(fired).hasValue(0);
        time.scheduler.dispose();
    }

}
