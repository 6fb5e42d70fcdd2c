package io.github.gradientspring.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * One virtual clock for a client and a server under test, through public seams only: the client gets the
 * {@link #scheduler} ({@code Builder.scheduler}) and {@link #webClientBuilder()} ({@code Builder.webClientBuilder}),
 * the server reads {@link #clock}. The WebClient's filter tells which exchanges are on the wire; after each step of
 * virtual time this waits (on a monitor, bounded in real time, no sleep) until none is, so that no response lands
 * late in virtual time.
 */
final class VirtualApiTime {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static final long SETTLE_LIMIT_MILLIS = 20_000;

    final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

    final Clock clock = new Clock() {

        @Override
        public Instant instant() {
            return Instant.EPOCH.plusNanos(VirtualApiTime.this.scheduler.now(TimeUnit.NANOSECONDS));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

    };

    private final Object lock = new Object();

    private int inFlight;

    VirtualApiTime() {
        this.scheduler.advanceTimeTo(START);
    }

    /**
     * A WebClient builder for the client under test whose filter counts the exchanges on the wire: from the request
     * until the response body has been read and handed on (the client decodes it and emits the result before the
     * body's end is counted), or the exchange failed or was cancelled.
     */
    WebClient.Builder webClientBuilder() {
        return WebClient.builder().filter((request, next) -> Mono.defer(() -> {
            AtomicBoolean ended = new AtomicBoolean();
            Runnable end = () -> {
                if (ended.compareAndSet(false, true)) {
                    synchronized (this.lock) {
                        this.inFlight--;
                        this.lock.notifyAll();
                    }
                }
            };
            synchronized (this.lock) {
                this.inFlight++;
            }
            return next.exchange(request)
                .map((response) -> response.mutate().body((body) -> body.doFinally((signal) -> end.run())).build())
                .doOnError((error) -> end.run())
                .doOnCancel(end);
        }));
    }

    Instant now() {
        return this.clock.instant();
    }

    /** Virtual time since {@link #START}. */
    Duration elapsed() {
        return Duration.between(START, now());
    }

    /**
     * Moves time on by {@code duration} in steps of at most a second, and after each lets every exchange it started
     * finish, so that no request reaches the server more than a second of virtual time after it was sent (the
     * client's budget rounds to whole seconds, so it stays within DigitalOcean's windows all the same).
     */
    void advance(Duration duration) {
        settle();
        Duration left = duration;
        for (int i = 0; i < 10_000_000 && !left.isZero(); i++) {
            Duration step = (left.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : left;
            this.scheduler.advanceTimeBy(step);
            settle();
            left = left.minus(step);
        }
    }

    /** Moves time on in steps until the condition holds or {@code limit} of virtual time has passed. */
    boolean advanceUntil(BooleanSupplier done, Duration step, Duration limit) {
        long steps = limit.toNanos() / step.toNanos();
        settle();
        for (long i = 0; i < steps && !done.getAsBoolean(); i++) {
            advance(step);
        }
        return done.getAsBoolean();
    }

    /** Runs what is due now and waits until no exchange is on the wire, twice in a row. */
    void settle() {
        int quiet = 0;
        for (int round = 0; round < 100_000 && quiet < 2; round++) {
            this.scheduler.advanceTimeBy(Duration.ZERO);
            if (awaitNoneInFlight()) {
                quiet++;
            }
            else {
                quiet = 0;
            }
        }
        if (quiet < 2) {
            throw new AssertionError("the client did not settle");
        }
    }

    // true when nothing was in flight; otherwise waits until nothing is and returns false
    private boolean awaitNoneInFlight() {
        synchronized (this.lock) {
            if (this.inFlight == 0) {
                return true;
            }
            long deadline = System.currentTimeMillis() + SETTLE_LIMIT_MILLIS;
            while (this.inFlight > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("an exchange was still on the wire after 20 s of real time");
                }
                try {
                    this.lock.wait(left);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(ex);
                }
            }
            return false;
        }
    }

}
