package io.github.gradientspring.autoconfigure.observation;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.model.RateLimitStatus;
import io.github.gradientspring.client.observation.GradientResponseListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The rate-limit gauges of the client, fed by every response it receives (a {@link GradientResponseListener}, so
 * they exist whether or not the {@code gradient.client.operation} observation is on):
 * <ul>
 * <li>{@value #REMAINING}: the {@code ratelimit-remaining} header of the last response that carried it;</li>
 * <li>{@value #LIMIT}: its {@code ratelimit-limit} header.</li>
 * </ul>
 * A gauge is registered with the first response that carries its header, so that a registry never shows a value
 * the API did not send. The starter adds it to every client builder it makes.
 */
public class GradientRateLimitMetrics implements GradientResponseListener {

    /** The name of the gauge of requests left in the rate-limit window. */
    public static final String REMAINING = "gradient.client.rate_limit.remaining";

    /** The name of the gauge of the hourly rate limit. */
    public static final String LIMIT = "gradient.client.rate_limit.limit";

    private final MeterRegistry registry;

    private final AtomicLong remaining = new AtomicLong();

    private final AtomicLong limit = new AtomicLong();

    private final AtomicBoolean remainingRegistered = new AtomicBoolean();

    private final AtomicBoolean limitRegistered = new AtomicBoolean();

    /**
     * Creates the gauges' recorder.
     * @param registry the meter registry
     */
    public GradientRateLimitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onResponse(GradientOperation operation, int statusCode, RateLimitStatus rateLimit) {
        update(rateLimit.remaining(), this.remaining, this.remainingRegistered, REMAINING,
                "Requests the access token may still make in the rate-limit window, as the last response of the "
                        + "Gradient API said");
        update(rateLimit.limit(), this.limit, this.limitRegistered, LIMIT,
                "Requests the access token may make per hour, as the last response of the Gradient API said");
    }

    private void update(@Nullable Long value, AtomicLong holder, AtomicBoolean registered, String name,
            String description) {
        if (value == null) {
            return;
        }
        holder.set(value);
        if (registered.compareAndSet(false, true)) {
            Gauge.builder(name, holder, AtomicLong::get).description(description).register(this.registry);
        }
    }

}
