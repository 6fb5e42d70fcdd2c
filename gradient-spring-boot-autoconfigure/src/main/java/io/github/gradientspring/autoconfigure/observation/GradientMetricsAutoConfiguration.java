package io.github.gradientspring.autoconfigure.observation;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientClientCustomizer;
import io.github.gradientspring.autoconfigure.GradientFleetAutoConfiguration;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the client's metrics
 * beyond the {@code gradient.client.operation} timer that Spring Boot makes of every observation:
 * <ul>
 * <li>the {@code gradient.client.rate_limit.*} gauges ({@link GradientRateLimitMetrics}), fed by every response of
 * every client builder the starter makes, with or without the observation;</li>
 * <li>the {@code gradient.client.retry.quota.*} meters of the auto-configured client's retry quota
 * ({@link GradientRetryQuotaMetrics});</li>
 * <li>the {@code gradient.client.retries} counter ({@link GradientRetryMetrics}), told of every retry of every
 * client builder the starter makes, with or without the observation;</li>
 * <li>in fleet mode, the {@code gradient.fleet.*} gauges of the {@link GradientFleet} bean
 * ({@link GradientFleetMetrics}): members, leases held, degraded, and the shared budget's remaining requests.</li>
 * </ul>
 * Ordered after Spring Boot's {@link CompositeMeterRegistryAutoConfiguration} and
 * {@link ObservationAutoConfiguration} by class: the conditions on the {@link MeterRegistry} and
 * {@link ObservationRegistry} beans must see them, or the metrics would silently never appear.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        ObservationAutoConfiguration.class, GradientFleetAutoConfiguration.class, GradientAutoConfiguration.class })
@ConditionalOnClass({ IndexingJobsClient.class, MeterRegistry.class, CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "gradient.enabled", matchIfMissing = true)
public final class GradientMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GradientRateLimitMetrics gradientRateLimitMetrics(MeterRegistry meterRegistry) {
        return new GradientRateLimitMetrics(meterRegistry);
    }

    @Bean
    @ConditionalOnMissingBean
    GradientRetryMetrics gradientRetryMetrics(MeterRegistry meterRegistry) {
        return new GradientRetryMetrics(meterRegistry);
    }

    // One customizer for both: each recorder is a bean of its own, which an application may replace.
    @Bean
    @ConditionalOnMissingBean(name = "gradientMetricsCustomizer")
    GradientClientCustomizer gradientMetricsCustomizer(GradientRateLimitMetrics rateLimitMetrics,
            GradientRetryMetrics retryMetrics) {
        return (builder) -> builder.responseListener(rateLimitMetrics).responseListener(retryMetrics);
    }

    @Bean
    @ConditionalOnSingleCandidate(GradientFleet.class)
    @ConditionalOnMissingBean
    GradientFleetMetrics gradientFleetMetrics(GradientFleet fleet) {
        return new GradientFleetMetrics(fleet);
    }

    @Bean
    @ConditionalOnSingleCandidate(RetryQuota.class)
    @ConditionalOnMissingBean
    GradientRetryQuotaMetrics gradientRetryQuotaMetrics(RetryQuota retryQuota) {
        return new GradientRetryQuotaMetrics(retryQuota);
    }

}
