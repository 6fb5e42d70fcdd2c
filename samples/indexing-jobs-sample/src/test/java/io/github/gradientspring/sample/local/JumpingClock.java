package io.github.gradientspring.sample.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.github.gradientspring.sample.demo.ApiClock;
import reactor.core.publisher.Mono;

/**
 * The local simulator's clock: real time, plus whatever it was moved ahead. Jobs progress in real time as on a system
 * clock, and the demo's schedule, due at the next minute, starts its job as soon as the demo waits for it: waiting
 * moves the clock there instead of sleeping.
 */
final class JumpingClock extends Clock implements ApiClock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(this.ahead.get());
    }

    @Override
    public Instant now() {
        return instant();
    }

    @Override
    public Mono<Void> waitUntil(Instant instant) {
        return Mono.fromRunnable(() -> this.ahead.updateAndGet((current) -> {
            Duration missing = Duration.between(Instant.now().plus(current), instant);
            return missing.isNegative() ? current : current.plus(missing);
        }));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("The local simulator's clock is UTC only");
    }

}
