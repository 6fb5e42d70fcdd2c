package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One attempt on the wire, as a single operator: its deadline, the translation of whatever the transport or the
 * decoder throws into the client's exceptions, and the count of exchanges in flight.
 * <p>
 * This is what {@code exchange.timeout(deadline).onErrorMap(..).doOnSubscribe(..).doFinally(..)} did, in one
 * subscriber instead of five. Reactor's {@code timeout} also names its source on every subscription, walking the
 * operator chain with regular expressions to describe the timeout; with the other three operators that was a
 * measurable share of what a call cost over a bare {@code WebClient} call (docs/benchmarks.md).
 * <p>
 * Whichever comes first of the exchange's result and the deadline wins; the other is dropped. The deadline is any
 * {@code Mono} that emits when time is up ({@link AttemptDeadlines#onTimerWheel} in production, virtual time in
 * tests); it is cancelled as soon as the exchange ends or is cancelled.
 */
final class GuardedAttempt<T> extends Mono<T> {

    private final Mono<T> exchange;

    private final Mono<Long> deadline;

    private final Duration timeout;

    private final Function<Throwable, ? extends Throwable> errors;

    private final InFlight inFlight;

    GuardedAttempt(Mono<T> exchange, Mono<Long> deadline, Duration timeout,
            Function<Throwable, ? extends Throwable> errors, InFlight inFlight) {
        this.exchange = exchange;
        this.deadline = deadline;
        this.timeout = timeout;
        this.errors = errors;
        this.inFlight = inFlight;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        this.inFlight.started();
        AttemptSubscriber<T> attempt = new AttemptSubscriber<>(actual, this);
        try {
            this.exchange.subscribe(attempt);
        }
        catch (RuntimeException | Error ex) {
            attempt.end();
            throw ex;
        }
    }

    /** Counts the attempts between their subscription and their end, whichever way they end. */
    interface InFlight {

        void started();

        void ended();

    }

    private static final class AttemptSubscriber<T> implements CoreSubscriber<T>, Subscription {

        private static final int RUNNING = 0;

        // The exchange emitted its value; only its completion is left to pass on.
        private static final int VALUE = 1;

        // The exchange ended, timed out or was cancelled: nothing more passes.
        private static final int OVER = 2;

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<AttemptSubscriber> STATE = AtomicIntegerFieldUpdater
            .newUpdater(AttemptSubscriber.class, "state");

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<AttemptSubscriber> ENDED = AtomicIntegerFieldUpdater
            .newUpdater(AttemptSubscriber.class, "ended");

        private final CoreSubscriber<? super T> actual;

        private final GuardedAttempt<T> attempt;

        private final Deadline deadline = new Deadline(this);

        private Subscription upstream;

        private volatile int state;

        private volatile int ended;

        AttemptSubscriber(CoreSubscriber<? super T> actual, GuardedAttempt<T> attempt) {
            this.actual = actual;
            this.attempt = attempt;
        }

        @Override
        public Context currentContext() {
            return this.actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(this.upstream, subscription)) {
                this.upstream = subscription;
                this.actual.onSubscribe(this);
                // Armed after the subscriber has its subscription, so that an early deadline can never signal it
                // first; an exchange that already ended by now leaves the deadline disarmed.
                if (this.state == RUNNING) {
                    this.attempt.deadline.subscribe(this.deadline);
                    if (this.state != RUNNING) {
                        this.deadline.disarm();
                    }
                }
            }
        }

        @Override
        public void onNext(T value) {
            if (STATE.compareAndSet(this, RUNNING, VALUE)) {
                this.deadline.disarm();
                this.actual.onNext(value);
            }
            else {
                Operators.onNextDropped(value, currentContext());
            }
        }

        @Override
        public void onError(Throwable failure) {
            int previous = STATE.getAndSet(this, OVER);
            if (previous == RUNNING || previous == VALUE) {
                this.deadline.disarm();
                try {
                    this.actual.onError(translated(failure));
                }
                finally {
                    end();
                }
            }
            else {
                Operators.onErrorDropped(failure, currentContext());
            }
        }

        @Override
        public void onComplete() {
            int previous = STATE.getAndSet(this, OVER);
            if (previous == RUNNING || previous == VALUE) {
                this.deadline.disarm();
                try {
                    this.actual.onComplete();
                }
                finally {
                    end();
                }
            }
        }

        /** The deadline passed before the exchange ended. */
        void expire(Throwable deadlineFailure) {
            if (STATE.compareAndSet(this, RUNNING, OVER)) {
                this.upstream.cancel();
                Throwable failure = (deadlineFailure != null) ? deadlineFailure
                        : new TimeoutException("no response within " + this.attempt.timeout.toMillis() + " ms");
                try {
                    this.actual.onError(translated(failure));
                }
                finally {
                    end();
                }
            }
            else if (deadlineFailure != null) {
                Operators.onErrorDropped(deadlineFailure, currentContext());
            }
        }

        /**
         * The failure in the client's terms. A translation that itself fails must still end the attempt: its
         * failure goes downstream, with the original attached, as {@code onErrorMap} would do.
         */
        private Throwable translated(Throwable failure) {
            try {
                return this.attempt.errors.apply(failure);
            }
            catch (RuntimeException ex) {
                return Exceptions.addSuppressed(Operators.onOperatorError(ex, currentContext()), failure);
            }
        }

        @Override
        public void request(long n) {
            this.upstream.request(n);
        }

        @Override
        public void cancel() {
            STATE.set(this, OVER);
            this.deadline.disarm();
            this.upstream.cancel();
            end();
        }

        void end() {
            if (ENDED.compareAndSet(this, 0, 1)) {
                this.attempt.inFlight.ended();
            }
        }

    }

    /** Subscribes to the deadline; its first value (or failure) expires the attempt. */
    private static final class Deadline implements CoreSubscriber<Long> {

        private static final AtomicReferenceFieldUpdater<Deadline, Subscription> SUBSCRIPTION = AtomicReferenceFieldUpdater
            .newUpdater(Deadline.class, Subscription.class, "subscription");

        private final AttemptSubscriber<?> attempt;

        private volatile Subscription subscription;

        Deadline(AttemptSubscriber<?> attempt) {
            this.attempt = attempt;
        }

        @Override
        public Context currentContext() {
            return this.attempt.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.setOnce(SUBSCRIPTION, this, subscription)) {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(Long tick) {
            this.attempt.expire(null);
        }

        @Override
        public void onError(Throwable failure) {
            // A deadline that cannot be kept (its scheduler refused the task, say) must not leave the attempt
            // without one: it ends the attempt with that failure.
            this.attempt.expire(failure);
        }

        @Override
        public void onComplete() {
            // A deadline that completes without a value has passed all the same, as with Reactor's timeout.
            this.attempt.expire(null);
        }

        /** Cancels the deadline, also when it has not subscribed yet. */
        void disarm() {
            Operators.terminate(SUBSCRIPTION, this);
        }

    }

}
