package io.github.gradientspring.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

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

    private final InFlightExchanges inFlight = new InFlightExchanges();

    private final Duration settleLimit;

    VirtualApiTime() {
        this(Duration.ofSeconds(20));
    }

    /** @param settleLimit how long, in real time, a step may take to settle before the test fails */
    VirtualApiTime(Duration settleLimit) {
        this.settleLimit = settleLimit;
        this.scheduler.advanceTimeTo(START);
    }

    /**
     * A WebClient builder for the client under test (and any other caller of the server) whose filter counts the
     * exchanges on the wire: from the request until the response body has been read and handed on, or the exchange
     * failed or was cancelled.
     */
    WebClient.Builder webClientBuilder() {
        return WebClient.builder().filter(this.inFlight);
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

    /**
     * Runs what is due now and waits (on a monitor, bounded in real time) until no exchange is on the wire, twice in a
     * row. Also proves that the scheduler still runs tasks: one that was disposed, or whose drain a task left locked
     * by throwing, runs no task again while its clock still moves, so every timer would silently never fire; a
     * canary task makes that an error instead of a stalled run.
     */
    void settle() {
        if (this.scheduler.isDisposed()) {
            throw new AssertionError("the virtual-time scheduler runs no more tasks: it was disposed");
        }
        AtomicBoolean canary = new AtomicBoolean();
        this.scheduler.schedule(() -> canary.set(true));
        int quiet = 0;
        for (int round = 0; round < 100_000 && quiet < 2; round++) {
            this.scheduler.advanceTimeBy(Duration.ZERO);
            if (!canary.get()) {
                throw new AssertionError("the virtual-time scheduler runs no more tasks: a task threw while it was "
                        + "being drained");
            }
            if (this.inFlight.get() == 0) {
                quiet++;
                continue;
            }
            quiet = 0;
            try {
                if (!this.inFlight.awaitIdle(this.settleLimit)) {
                    throw new AssertionError("an exchange was still on the wire after " + this.settleLimit
                            + " of real time");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        if (quiet < 2) {
            throw new AssertionError("the client did not settle");
        }
    }

}
