package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.publisher.Mono;

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

    /** Emits once the timeout has passed; cancelling it disarms the deadline. */
    static Mono<Long> onTimerWheel(Duration timeout) {
        return Mono.create((sink) -> {
            Timeout deadline = WHEEL.newTimeout((fired) -> sink.success(0L), timeout.toNanos(), TimeUnit.NANOSECONDS);
            sink.onDispose(deadline::cancel);
        });
    }

}
