package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
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
        return new WheelDeadline(timeout.toNanos());
    }

    /**
     * The deadline as a {@code Mono} of its own rather than {@code Mono.create}: one subscription object that is also
     * the wheel's task, as it is made on every attempt.
     */
    private static final class WheelDeadline extends Mono<Long> {

        private final long nanos;

        WheelDeadline(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Long> actual) {
            Armed armed = new Armed(actual);
            actual.onSubscribe(armed);
            armed.arm(this.nanos);
        }

    }

    private static final class Armed implements Subscription, TimerTask, Runnable {

        // Cleared on cancel: the wheel keeps a cancelled deadline until its next tick, and must not keep the
        // attempt's whole subscriber chain (and the response it decoded) alive with it.
        private volatile CoreSubscriber<? super Long> actual;

        private volatile Timeout timeout;

        Armed(CoreSubscriber<? super Long> actual) {
            this.actual = actual;
        }

        void arm(long nanos) {
            if (this.actual == null) {
                return;
            }
            this.timeout = WHEEL.newTimeout(this, nanos, TimeUnit.NANOSECONDS);
            // A cancel that came while arming saw no timeout to cancel; it is cancelled here instead.
            if (this.actual == null) {
                this.timeout.cancel();
            }
        }

        @Override
        public void run(Timeout fired) {
            CoreSubscriber<? super Long> subscriber = this.actual;
            if (subscriber != null) {
                try {
                    Schedulers.parallel().schedule(this);
                }
                catch (RejectedExecutionException ex) {
                    // Reactor's scheduler is shut down: the attempt must still end rather than wait for ever.
                    this.actual = null;
                    subscriber.onError(ex);
                }
            }
        }

        @Override
        public void run() {
            CoreSubscriber<? super Long> subscriber = this.actual;
            if (subscriber != null) {
                this.actual = null;
                subscriber.onNext(0L);
                subscriber.onComplete();
            }
        }

        @Override
        public void request(long n) {
            // The one value is sent when the deadline passes, whatever was requested.
        }

        @Override
        public void cancel() {
            this.actual = null;
            Timeout armed = this.timeout;
            if (armed != null) {
                armed.cancel();
            }
        }

    }

}
