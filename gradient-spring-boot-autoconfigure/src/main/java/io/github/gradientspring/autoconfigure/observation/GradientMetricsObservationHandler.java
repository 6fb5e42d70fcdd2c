package io.github.gradientspring.autoconfigure.observation;

import io.github.gradientspring.client.observation.GradientObservationContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records {@value #RETRIES}, a counter of retries tagged {@code gradient.operation} and {@code reason} (the retried
 * status code, {@code timeout} or {@code connection}), from each finished {@code gradient.client.operation}
 * observation; the rate-limit gauges are {@link GradientRateLimitMetrics}'. It is a plain {@link ObservationHandler}, not a {@code MeterObservationHandler}, so that Spring Boot calls it
 * besides its own timer handler instead of choosing one of the two.
 */
public class GradientMetricsObservationHandler implements ObservationHandler<GradientObservationContext> {

    /** The name of the retry counter. */
    public static final String RETRIES = "gradient.client.retries";

    private final MeterRegistry registry;

    /**
     * Creates a handler recording into the given registry.
     * @param registry the meter registry
     */
    public GradientMetricsObservationHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof GradientObservationContext;
    }

    @Override
    public void onStop(GradientObservationContext context) {
        String operation = context.getOperation().tagValue();
        for (String reason : context.getRetryReasons()) {
            Counter.builder(RETRIES)
                .description("Retries of calls to the Gradient API, by operation and by what the retried attempt got")
                .tag("gradient.operation", operation)
                .tag("reason", reason)
                .register(this.registry)
                .increment();
        }
    }

}
