package io.github.gradientspring.autoconfigure.observation;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientClientCustomizer;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.observation.GradientObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@code gradient.client.operation} observation: a {@link GradientObservationConvention} bean replaces the default
 * convention of the auto-configured {@link IndexingJobsClient}. The observation registry itself reaches the client
 * through {@link GradientAutoConfiguration}; a
 * {@link io.micrometer.observation.GlobalObservationConvention} bean is registered on it by Spring Boot.
 * <p>
 * Ordered after Spring Boot's {@link ObservationAutoConfiguration} by class, so that the condition on the
 * {@link ObservationRegistry} bean sees it (an ordering by a name that does not exist is silently ignored).
 */
@AutoConfiguration(after = { ObservationAutoConfiguration.class, GradientAutoConfiguration.class })
@ConditionalOnClass({ IndexingJobsClient.class, ObservationRegistry.class, ObservationAutoConfiguration.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "gradient.enabled", matchIfMissing = true)
public final class GradientObservationAutoConfiguration {

    // Ordered first, so that an application's own GradientClientCustomizer can still set another convention.
    @Bean
    @Order(0)
    @ConditionalOnMissingBean(name = "gradientObservationConventionCustomizer")
    GradientClientCustomizer gradientObservationConventionCustomizer(
            ObjectProvider<GradientObservationConvention> observationConvention) {
        return (builder) -> observationConvention.ifUnique(builder::observationConvention);
    }

}
