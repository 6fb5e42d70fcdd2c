package io.github.gradientspring.autoconfigure.observation;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.gradientspring.client.model.RateLimitStatus;
import io.github.gradientspring.client.observation.GradientObservationContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records the meters of the client that a timer cannot express, from each finished
 * {@code gradient.client.operation} observation:
 * <ul>
 * <li>{@value #RETRIES}: a counter of retries, tagged {@code gradient.operation} and {@code reason} (the retried
 * status code, {@code timeout} or {@code connection});</li>
 * <li>{@value #RATE_LIMIT_REMAINING} and {@value #RATE_LIMIT_LIMIT}: gauges of the {@code ratelimit-remaining} and
 * {@code ratelimit-limit} headers of the last response that carried them. They appear with the first such
 * response.</li>
 * </ul>
 * It is a plain {@link ObservationHandler}, not a {@code MeterObservationHandler}, so that Spring Boot calls it
 * besides its own timer handler instead of choosing one of the two.
 */
public class GradientMetricsObservationHandler implements ObservationHandler<GradientObservationContext> {

    /** The name of the retry counter. */
    public static final String RETRIES = "gradient.client.retries";

    /** The name of the gauge of requests left in the rate-limit window. */
    public static final String RATE_LIMIT_REMAINING = "gradient.client.rate_limit.remaining";

    /** The name of the gauge of the hourly rate limit. */
    public static final String RATE_LIMIT_LIMIT = "gradient.client.rate_limit.limit";

    private final MeterRegistry registry;

    private final AtomicLong remaining = new AtomicLong();

    private final AtomicLong limit = new AtomicLong();

    private final AtomicBoolean remainingRegistered = new AtomicBoolean();

    private final AtomicBoolean limitRegistered = new AtomicBoolean();

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
        RateLimitStatus rateLimit = context.getRateLimit();
        updateGauge(rateLimit.remaining(), this.remaining, this.remainingRegistered, RATE_LIMIT_REMAINING,
                "Requests the access token may still make in the rate-limit window, as the last response of the "
                        + "Gradient API said");
        updateGauge(rateLimit.limit(), this.limit, this.limitRegistered, RATE_LIMIT_LIMIT,
                "Requests the access token may make per hour, as the last response of the Gradient API said");
    }

    // A gauge is registered with the first response that carries its header, so that a registry never shows a
    // value the API did not send.
    private void updateGauge(Long value, AtomicLong holder, AtomicBoolean registered, String name, String description) {
        if (value == null) {
            return;
        }
        holder.set(value);
        if (registered.compareAndSet(false, true)) {
            Gauge.builder(name, holder, AtomicLong::get).description(description).register(this.registry);
        }
    }

}
