package io.github.gradientspring.autoconfigure;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.RetryQuota;

import org.springframework.util.unit.DataSize;

/**
 * Applies the {@code gradient.*} properties to an {@link IndexingJobsClient.Builder}.
 * <p>
 * The client checks every value as it is set; a rejected value is reported as a
 * {@link GradientConfigurationException} naming the property, so that the startup failure points at the line of
 * {@code application.yml} to fix instead of at a builder method.
 */
final class GradientClientBuilderConfigurer {

    private final GradientProperties properties;

    private final String accessToken;

    /**
     * Creates a configurer.
     * @param properties the bound properties
     * @param accessToken the resolved token, or {@code null} when there is none
     */
    GradientClientBuilderConfigurer(GradientProperties properties, String accessToken) {
        this.properties = properties;
        this.accessToken = accessToken;
    }

    /**
     * Applies the properties.
     * @param builder the builder to configure
     * @return the builder
     * @throws GradientConfigurationException when a property cannot be applied
     */
    IndexingJobsClient.Builder configure(IndexingJobsClient.Builder builder) {
        if (this.accessToken == null) {
            throw new GradientConfigurationException(GradientAccessToken.PROPERTY,
                    "no DigitalOcean access token is configured, and the "
                            + GradientAccessToken.ENVIRONMENT_VARIABLE + " environment variable is not set");
        }
        GradientProperties.Retry retry = this.properties.getRetry();
        GradientProperties.Watch watch = this.properties.getWatch();
        apply("gradient.access-token", () -> builder.accessToken(this.accessToken));
        apply("gradient.base-url", () -> builder.baseUrl(this.properties.getBaseUrl()));
        apply("gradient.timeout", () -> builder.timeout(this.properties.getTimeout()));
        apply("gradient.connect-timeout", () -> builder.connectTimeout(this.properties.getConnectTimeout()));
        apply("gradient.max-response-size", () -> builder.maxResponseSize(bytes(this.properties.getMaxResponseSize())));
        apply("gradient.list-all-page-size", () -> builder.listAllPageSize(this.properties.getListAllPageSize()));
        RetryPolicy.Builder policy = RetryPolicy.builder();
        apply("gradient.retry.max-retries", () -> policy.maxRetries(retry.getMaxRetries()));
        apply("gradient.retry.initial-delay", () -> policy.initialDelay(retry.getInitialDelay()));
        apply("gradient.retry.max-delay", () -> policy.maxDelay(retry.getMaxDelay()));
        apply("gradient.retry.max-retry-after", () -> policy.maxRetryAfter(retry.getMaxRetryAfter()));
        apply("gradient.retry.jitter", () -> policy.jitter(retry.getJitter()));
        apply("gradient.retry.max-delay", () -> builder.retryPolicy(policy.build()));
        apply("gradient.watch.initial-interval", () -> builder.watchInitialInterval(watch.getInitialInterval()));
        apply("gradient.watch.max-interval", () -> builder.watchMaxInterval(watch.getMaxInterval()));
        apply("gradient.watch.timeout", () -> builder.watchTimeout(watch.getTimeout()));
        builder.watchListSweep(watch.isListSweep());
        GradientProperties.RateLimit rateLimit = this.properties.getRateLimit();
        if (rateLimit.isEnabled()) {
            // RateLimitPolicy checks the minute, then the hour, then the minute against the hour; the property
            // named is the one it rejects.
            int perMinute = rateLimit.getRequestsPerMinute();
            int perHour = rateLimit.getRequestsPerHour();
            String property = (perMinute < 1 || (perHour >= 1 && perMinute > perHour))
                    ? "gradient.rate-limit.requests-per-minute" : "gradient.rate-limit.requests-per-hour";
            RateLimitPolicy[] budget = new RateLimitPolicy[1];
            apply(property, () -> budget[0] = RateLimitPolicy.of(perMinute, perHour));
            apply("gradient.rate-limit.max-wait", () -> budget[0] = budget[0].withMaxWait(rateLimit.getMaxWait()));
            apply("gradient.rate-limit.max-queued",
                    () -> budget[0] = budget[0].withMaxQueued(rateLimit.getMaxQueued()));
            builder.rateLimitPolicy(budget[0]);
        }
        else {
            builder.rateLimitPolicy(RateLimitPolicy.unlimited());
        }
        // The client checks this pair only in build(), after the customizers; checked here to name the property.
        Duration initial = watch.getInitialInterval();
        Duration max = watch.getMaxInterval();
        if (max.compareTo(initial) < 0) {
            throw new GradientConfigurationException("gradient.watch.max-interval", "the longest poll interval ("
                    + max + ") must not be shorter than gradient.watch.initial-interval (" + initial + ")");
        }
        return builder;
    }

    /**
     * Makes the retry quota the {@code gradient.retry.quota.*} properties describe.
     * @param properties the bound properties
     * @return a new, full quota, or a disabled one
     * @throws GradientConfigurationException when a size is not valid
     */
    static RetryQuota retryQuota(GradientProperties properties) {
        GradientProperties.Retry.Quota quota = properties.getRetry().getQuota();
        if (!quota.isEnabled()) {
            return RetryQuota.disabled();
        }
        // RetryQuota.of checks its sizes in this order; the property named is the first one it rejects.
        String property = (quota.getCapacity() < 1) ? "gradient.retry.quota.capacity"
                : (quota.getRetryCost() < 0) ? "gradient.retry.quota.retry-cost"
                        : (quota.getTimeoutRetryCost() < 0) ? "gradient.retry.quota.timeout-retry-cost"
                                : "gradient.retry.quota.success-refill";
        RetryQuota[] made = new RetryQuota[1];
        apply(property, () -> made[0] = RetryQuota.of(quota.getCapacity(), quota.getRetryCost(),
                quota.getTimeoutRetryCost(), quota.getSuccessRefill()));
        return made[0];
    }

    private static int bytes(DataSize size) {
        if (size == null) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be less than 2GB, but was " + size);
        }
        return (int) size.toBytes();
    }

    private static void apply(String property, Runnable setter) {
        try {
            setter.run();
        }
        catch (IllegalArgumentException | IllegalStateException | NullPointerException ex) {
            throw new GradientConfigurationException(property, describe(ex), ex);
        }
    }

    private static String describe(RuntimeException ex) {
        String message = ex.getMessage();
        return (message != null && !message.isBlank()) ? message : "the value is not valid";
    }

}
