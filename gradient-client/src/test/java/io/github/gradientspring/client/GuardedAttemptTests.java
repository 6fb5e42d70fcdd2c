package io.github.gradientspring.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;

class GuardedAttemptTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Counter inFlight = new Counter();

    private final TestPublisher<String> exchange = TestPublisher.createCold();

    private final TestPublisher<Long> deadline = TestPublisher.createCold();

    @Test
    void aValueBeforeTheDeadlinePassesAndDisarmsTheDeadline() {
        PublisherProbe<Long> deadline = PublisherProbe.of(Mono.never());
        StepVerifier.create(guarded(this.exchange.mono(), deadline.mono()))
            .then(() -> assertThat(deadline.wasSubscribed()).isTrue())
            .then(() -> this.exchange.emit("job"))
            .expectNext("job")
            .verifyComplete();
        deadline.assertWasCancelled();
        assertThat(this.inFlight.started).hasValue(1);
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void theDeadlineCancelsTheExchangeAndFailsWithTheMappedTimeout() {
        PublisherProbe<String> exchange = PublisherProbe.of(Mono.never());
        StepVerifier.create(guarded(exchange.mono(), Mono.just(0L)))
            .expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(Mapped.class)
                .cause()
                .isInstanceOf(TimeoutException.class)
                .hasMessage("no response within 30000 ms"))
            .verify(Duration.ofSeconds(5));
        exchange.assertWasCancelled();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void aValueThatComesAfterTheDeadlineIsDropped() {
        // An exchange that keeps going after its cancellation, as one already on the wire may.
        TestPublisher<String> stubborn = TestPublisher.createNoncompliant(TestPublisher.Violation.DEFER_CANCELLATION);
        StepVerifier.create(guarded(stubborn.mono(), this.deadline.mono()))
            .then(() -> {
                this.deadline.next(0L);
                stubborn.next("late");
            })
            .expectError(Mapped.class)
            .verifyThenAssertThat()
            .hasDroppedExactly("late");
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void aDeadlineThatComesAfterTheValueIsIgnored() {
        StepVerifier.create(guarded(this.exchange.mono(), this.deadline.mono()))
            .then(() -> this.exchange.next("job"))
            .expectNext("job")
            .then(() -> this.deadline.assertCancelled())
            .verifyComplete();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void anExchangeFailureIsMappedAndDisarmsTheDeadline() {
        StepVerifier.create(guarded(this.exchange.mono(), this.deadline.mono()))
            .then(() -> this.exchange.error(new IOException("connection reset")))
            .expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(Mapped.class)
                .cause()
                .hasMessage("connection reset"))
            .verify(Duration.ofSeconds(5));
        this.deadline.assertCancelled();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void anEmptyExchangeCompletesAndDisarmsTheDeadline() {
        StepVerifier.create(guarded(this.exchange.mono(), this.deadline.mono()))
            .then(this.exchange::complete)
            .verifyComplete();
        this.deadline.assertCancelled();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void cancellingTheAttemptCancelsTheExchangeAndTheDeadlineAndEndsItsCount() {
        StepVerifier.create(guarded(this.exchange.mono(), this.deadline.mono()))
            .then(() -> assertThat(this.inFlight.current()).isOne())
            .thenCancel()
            .verify(Duration.ofSeconds(5));
        this.exchange.assertCancelled();
        this.deadline.assertCancelled();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void aDeadlineThatFailsEndsTheAttemptWithThatFailure() {
        StepVerifier.create(guarded(this.exchange.mono(), Mono.error(new IllegalStateException("timer rejected"))))
            .expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(Mapped.class)
                .cause()
                .hasMessage("timer rejected"))
            .verify(Duration.ofSeconds(5));
        this.exchange.assertCancelled();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void anExchangeThatEndsWhileBeingSubscribedNeverArmsItsDeadline() {
        PublisherProbe<Long> deadline = PublisherProbe.of(Mono.never());
        StepVerifier.create(guarded(Mono.just("job"), deadline.mono()))
            .expectNext("job")
            .verifyComplete();
        deadline.assertWasNotSubscribed();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void anExchangeThatFailsRightAfterSubscribingDisarmsItsDeadline() {
        PublisherProbe<Long> deadline = PublisherProbe.of(Mono.never());
        StepVerifier.create(guarded(Mono.error(new IOException("refused")), deadline.mono()))
            .expectError(Mapped.class)
            .verify(Duration.ofSeconds(5));
        deadline.assertWasCancelled();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void aDeadlineThatCompletesWithoutAValueTimesTheAttemptOut() {
        StepVerifier.create(guarded(this.exchange.mono(), this.deadline.mono()))
            .then(this.deadline::complete)
            .expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(Mapped.class)
                .cause()
                .isInstanceOf(TimeoutException.class))
            .verify(Duration.ofSeconds(5));
        this.exchange.assertCancelled();
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void aTranslationThatFailsStillEndsTheAttemptWithItsFailure() {
        Mono<String> attempt = new GuardedAttempt<>(this.exchange.mono(), this.deadline.mono(), TIMEOUT, (failure) -> {
            throw new IllegalStateException("translation failed");
        }, this.inFlight);
        StepVerifier.create(attempt)
            .then(() -> this.exchange.error(new IOException("connection reset")))
            .expectErrorSatisfies((failure) -> assertThat(failure).hasMessage("translation failed")
                .hasSuppressedException(new IOException("connection reset")))
            .verify(Duration.ofSeconds(5));
        assertThat(this.inFlight.current()).isZero();
    }

    @Test
    void theTimerWheelDeadlineEmitsOnceItsTimeHasPassed() {
        StepVerifier.create(AttemptDeadlines.onTimerWheel(Duration.ofMillis(20)))
            .expectNext(0L)
            .verifyComplete();
    }

    @Test
    void aCancelledTimerWheelDeadlineNeverEmits() {
        StepVerifier.create(AttemptDeadlines.onTimerWheel(Duration.ofMillis(20)))
            .thenCancel()
            .verify(Duration.ofSeconds(5));
        // Attempts of many calls share one wheel: a cancelled deadline must leave an attempt that follows alone.
        StepVerifier.create(guarded(Mono.just("job"), AttemptDeadlines.onTimerWheel(Duration.ofMillis(20))))
            .expectNext("job")
            .verifyComplete();
    }

    private Mono<String> guarded(Mono<String> exchange, Mono<Long> deadline) {
        return new GuardedAttempt<>(exchange, deadline, TIMEOUT, Mapped::new, this.inFlight);
    }

    /** What the client's error translation stands for here: a wrapper that shows it was applied. */
    static final class Mapped extends RuntimeException {

        Mapped(Throwable cause) {
            super(cause.getMessage(), cause);
        }

    }

    static final class Counter implements GuardedAttempt.InFlight {

        final AtomicInteger started = new AtomicInteger();

        final AtomicInteger ended = new AtomicInteger();

        @Override
        public void started() {
            this.started.incrementAndGet();
        }

        @Override
        public void ended() {
            this.ended.incrementAndGet();
        }

        int current() {
            return this.started.get() - this.ended.get();
        }

    }

}
