package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The deadline of each attempt, armed on one shared timer wheel.
 * <p>
 * A per-attempt timeout is armed and disarmed on every call. On Reactor's parallel scheduler each arming and each
 * disarming wakes a scheduler thread, which cost a fifth of the client's throughput against raw WebClient at
 * concurrency 1 (see docs/benchmarks.md). Netty's timer wheel only queues them: one daemon thread ticks every
 * 10 ms and fires what is due, so a deadline is at most a tick late, which a timeout of seconds cannot notice.
 */
final class AttemptDeadlines {

    private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
            new DefaultThreadFactory("gradient-attempt-deadlines", true), 10, TimeUnit.MILLISECONDS, 512);

    private AttemptDeadlines() {
    }

    /**
     * Emits once the timeout has passed, on Reactor's parallel scheduler; cancelling it disarms the deadline.
     * <p>
     * The wheel's one thread only hands a fired deadline over: the timeout's error path (retry decision,
     * observation handlers, the caller's own error handling, which might even block) runs on a Reactor thread, so
     * that nothing can hold the wheel up and make every other deadline late.
     */
    static Mono<Long> onTimerWheel(Duration timeout) {
        return Mono.create((sink) -> {
            Timeout deadline = WHEEL.newTimeout((fired) -> Schedulers.parallel().schedule(() -> sink.success(0L)),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            sink.onDispose(deadline::cancel);
        });
    }

}
