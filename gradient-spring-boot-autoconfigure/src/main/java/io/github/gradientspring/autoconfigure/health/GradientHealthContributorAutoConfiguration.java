package io.github.gradientspring.autoconfigure.health;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientClientCustomizer;
import io.github.gradientspring.autoconfigure.GradientProperties;
import io.github.gradientspring.client.IndexingJobsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the {@code gradient}
 * health indicator ({@link GradientHealthIndicator}), when Spring Boot's health module is present and
 * {@code management.health.gradient.enabled} is not {@code false}.
 * <p>
 * The indicator probes with its own client, a copy of the auto-configured client's builder (properties and
 * {@link GradientClientCustomizer}s included) with the health timeout and no retries. When the application
 * declares its own {@link IndexingJobsClient}, there is no such builder, and the indicator probes with that client
 * as it is.
 */
@AutoConfiguration(after = GradientAutoConfiguration.class)
@ConditionalOnClass({ IndexingJobsClient.class, ReactiveHealthIndicator.class,
        ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnSingleCandidate(IndexingJobsClient.class)
@ConditionalOnBooleanProperty(name = "gradient.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("gradient")
@EnableConfigurationProperties(GradientHealthProperties.class)
public final class GradientHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = { "gradientHealthIndicator", "gradientHealthContributor" })
    GradientHealthIndicator gradientHealthIndicator(IndexingJobsClient client, ClientBuilderCapture clientBuilder,
            GradientHealthProperties health, ObjectProvider<GradientProperties> properties) {
        // The client parameter makes sure the client, and so the capturing customizer, has run first.
        String baseUrl = properties.getIfAvailable(GradientProperties::new).getBaseUrl();
        IndexingJobsClient.Builder builder = clientBuilder.builder();
        return (builder != null) ? new GradientHealthIndicator(builder, baseUrl, health.getTimeout(), health.getCacheTtl())
                : new GradientHealthIndicator(client, baseUrl, health.getTimeout(), health.getCacheTtl());
    }

    @Bean
    ClientBuilderCapture gradientHealthClientBuilderCapture() {
        return new ClientBuilderCapture();
    }

    /**
     * Keeps a reference to the builder of the auto-configured client. The health indicator copies it after the
     * client is built, when every other customizer has run too, whatever their order.
     */
    static final class ClientBuilderCapture implements GradientClientCustomizer {

        private volatile IndexingJobsClient.Builder builder;

        @Override
        public void customize(IndexingJobsClient.Builder builder) {
            this.builder = builder;
        }

        IndexingJobsClient.Builder builder() {
            return this.builder;
        }

    }

}
