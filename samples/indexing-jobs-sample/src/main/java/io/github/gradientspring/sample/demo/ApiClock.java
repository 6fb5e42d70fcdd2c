package io.github.gradientspring.sample.demo;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * The clock of the API the demo talks to, which decides when a schedule starts its job: DigitalOcean's is the real
 * time ({@link #system()}); the local application's simulator has a clock it can move, so that the demo's schedule
 * starts its job at once instead of at the next minute.
 */
public interface ApiClock {

    /**
     * The API's current instant.
     * @return now, on the API's clock
     */
    Instant now();

    /**
     * Completes once the API's clock has reached the instant.
     * @param instant when
     * @return a publisher that completes then
     */
    Mono<Void> waitUntil(Instant instant);

    /**
     * Real time: {@link Instant#now()}, and waits that take as long as they say.
     * @return the clock of a real API
     */
    static ApiClock system() {
        return new ApiClock() {

            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Mono<Void> waitUntil(Instant instant) {
                Duration wait = Duration.between(Instant.now(), instant);
                return wait.isNegative() ? Mono.empty() : Mono.delay(wait).then();
            }

        };
    }

}
