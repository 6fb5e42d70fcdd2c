package io.github.gradientspring.autoconfigure;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.fleet.GradientFleet;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Applies the {@code gradient.*} properties and the {@link GradientConnectionDetails} to an
 * {@link IndexingJobsClient.Builder}.
 * <p>
 * The client checks every value as it is set; a rejected value is reported as a
 * {@link GradientConfigurationException} naming the property, so that the startup failure points at the line of
 * {@code application.yml} to fix instead of at a builder method.
 */
final class GradientClientBuilderConfigurer {

    private final GradientProperties properties;

    private final GradientConnectionDetails connectionDetails;

    private final @Nullable GradientFleet fleet;

    /**
     * Creates a configurer.
     * @param properties the bound properties
     * @param connectionDetails where the API is and its token
     * @param fleet the fleet the clients join (fleet mode), or {@code null} for clients that budget alone
     */
    GradientClientBuilderConfigurer(GradientProperties properties, GradientConnectionDetails connectionDetails,
            @Nullable GradientFleet fleet) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.fleet = fleet;
    }

    /**
     * Fails unless the connection details have a token.
     * @param connectionDetails the details
     * @throws GradientConfigurationException naming every place a token is looked for
     */
    static void requireAccessToken(GradientConnectionDetails connectionDetails) {
        if (StringUtils.hasText(connectionDetails.accessToken())) {
            return;
        }
        if (connectionDetails instanceof PropertiesGradientConnectionDetails) {
            throw new GradientConfigurationException(PropertiesGradientConnectionDetails.ACCESS_TOKEN_PROPERTY,
                    "no DigitalOcean access token is configured: gradient.access-token is not set, and neither is "
                            + "the " + PropertiesGradientConnectionDetails.ACCESS_TOKEN_VARIABLE + " nor the "
                            + PropertiesGradientConnectionDetails.TOKEN_VARIABLE + " environment variable");
        }
        throw new GradientConfigurationException(PropertiesGradientConnectionDetails.ACCESS_TOKEN_PROPERTY,
                "the application's GradientConnectionDetails bean (" + connectionDetails.getClass().getName()
                        + ") returned no access token");
    }

    /**
     * Applies the properties and the connection details. A missing token is left for the caller to report (see
     * {@link #requireAccessToken}), so that a builder for clients with tokens of their own can be made without one.
     * @param builder the builder to configure
     * @return the builder
     * @throws GradientConfigurationException when a property cannot be applied
     */
    IndexingJobsClient.Builder configure(IndexingJobsClient.Builder builder) {
        GradientProperties.Retry retry = this.properties.getRetry();
        GradientProperties.Watch watch = this.properties.getWatch();
        String accessToken = this.connectionDetails.accessToken();
        if (StringUtils.hasText(accessToken)) {
            apply(accessTokenSource(), () -> builder.accessToken(accessToken));
        }
        apply(baseUrlSource(), () -> builder.baseUrl(this.connectionDetails.baseUrl()));
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
        if (this.fleet != null) {
            // The fleet shares the budget above between the instances (a client without a rate limit ignores it).
            builder.fleet(this.fleet);
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

    // The name a rejected token or URL is reported under: the property or variable it came from, so that the
    // failure report can show where that was set; for a details bean of the application's, the property it replaces.
    private String accessTokenSource() {
        if (this.connectionDetails instanceof PropertiesGradientConnectionDetails properties) {
            String source = properties.accessTokenSource();
            if (source != null) {
                return source;
            }
        }
        return PropertiesGradientConnectionDetails.ACCESS_TOKEN_PROPERTY;
    }

    private String baseUrlSource() {
        return PropertiesGradientConnectionDetails.BASE_URL_PROPERTY;
    }

    private static int bytes(@Nullable DataSize size) {
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
