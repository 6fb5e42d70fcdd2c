package io.github.gradientspring.autoconfigure.observation;

import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.model.RateLimitStatus;
import io.github.gradientspring.client.observation.GradientResponseListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records {@value #RETRIES}, a counter of retries tagged {@code gradient.operation} and {@code reason} (the retried
 * status code, {@code timeout} or {@code connection}). It is told of each retry as a {@link GradientResponseListener},
 * so the counter exists whether or not the {@code gradient.client.operation} observation is on. The starter adds it
 * to every client builder it makes.
 */
public class GradientRetryMetrics implements GradientResponseListener {

    /** The name of the retry counter. */
    public static final String RETRIES = "gradient.client.retries";

    private final MeterRegistry registry;

    /**
     * Creates a recorder of retries into the given registry.
     * @param registry the meter registry
     */
    public GradientRetryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onResponse(GradientOperation operation, int statusCode, RateLimitStatus rateLimit) {
        // Responses are the rate-limit gauges' concern (GradientRateLimitMetrics).
    }

    @Override
    public void onRetry(GradientOperation operation, String reason) {
        Counter.builder(RETRIES)
            .description("Retries of calls to the Gradient API, by operation and by what the retried attempt got")
            .tag("gradient.operation", operation.tagValue())
            .tag("reason", reason)
            .register(this.registry)
            .increment();
    }

}
