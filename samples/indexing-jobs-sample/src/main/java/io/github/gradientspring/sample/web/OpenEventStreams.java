package io.github.gradientspring.sample.web;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * Counts the {@code GET /jobs/{uuid}/events} streams open now, as the gauge {@value #METRIC}
 * ({@code /actuator/metrics/sample.job.event.streams}). Each stream holds a watch of the client, which polls
 * DigitalOcean until the job ends or the stream is closed: a count that only grows is a page that forgot to close
 * its streams, spending the token's request budget.
 */
@Component
class OpenEventStreams implements MeterBinder {

    /** The gauge's name. */
    static final String METRIC = "sample.job.event.streams";

    private final AtomicInteger open = new AtomicInteger();

    /**
     * Counts the stream while it is subscribed to: from the subscription until it completes, fails or is
     * cancelled (the browser closed the connection).
     */
    <T> Flux<T> counted(Flux<T> stream) {
        return stream.doOnSubscribe((subscription) -> this.open.incrementAndGet())
            .doFinally((signal) -> this.open.decrementAndGet());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(METRIC, this.open, AtomicInteger::get)
            .description("Server-sent event streams of indexing jobs open now")
            .register(registry);
    }

}
