package io.github.gradientspring.autoconfigure.observation;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the client's metrics
 * beyond the {@code gradient.client.operation} timer that Spring Boot makes of every observation: the
 * {@code gradient.client.retries} counter and the {@code gradient.client.rate_limit.*} gauges, recorded by a
 * {@link GradientMetricsObservationHandler}, and the {@code gradient.client.retry.quota.*} meters of the client's
 * retry quota ({@link GradientRetryQuotaMetrics}).
 * <p>
 * Ordered after Spring Boot's {@link CompositeMeterRegistryAutoConfiguration} and
 * {@link ObservationAutoConfiguration} by class: the conditions on the {@link MeterRegistry} and
 * {@link ObservationRegistry} beans must see them, or the metrics would silently never appear.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        ObservationAutoConfiguration.class, GradientAutoConfiguration.class })
@ConditionalOnClass({ IndexingJobsClient.class, MeterRegistry.class, ObservationRegistry.class,
        CompositeMeterRegistryAutoConfiguration.class, ObservationAutoConfiguration.class })
@ConditionalOnBean({ MeterRegistry.class, ObservationRegistry.class })
@ConditionalOnBooleanProperty(name = "gradient.enabled", matchIfMissing = true)
public final class GradientMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GradientMetricsObservationHandler gradientMetricsObservationHandler(MeterRegistry meterRegistry) {
        return new GradientMetricsObservationHandler(meterRegistry);
    }

    @Bean
    @ConditionalOnSingleCandidate(RetryQuota.class)
    @ConditionalOnMissingBean
    GradientRetryQuotaMetrics gradientRetryQuotaMetrics(RetryQuota retryQuota) {
        return new GradientRetryQuotaMetrics(retryQuota);
    }

}
