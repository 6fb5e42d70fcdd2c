package io.github.gradientspring.autoconfigure;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the Gradient
 * {@link IndexingJobsClient}.
 * <p>
 * Where the API is and its token come from the {@link GradientConnectionDetails} bean (the {@code gradient.*}
 * properties and DigitalOcean's environment variables unless the application declares its own). A prototype
 * {@link IndexingJobsClient.Builder} bean, pre-configured, builds further clients; it starts from a clone of Spring
 * Boot's {@link WebClient.Builder}, so every {@link org.springframework.boot.webclient.WebClientCustomizer}
 * (observation included) applies, and sends its requests through a connector made from Boot's HTTP client
 * settings. With a {@link GradientFleet} bean (fleet mode, {@link GradientFleetAutoConfiguration}) every client joins
 * it. {@link GradientClientCustomizer} beans adjust each builder last. {@code gradient.enabled=false} switches
 * all of it off.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, IndexingJobsClient.class })
@ConditionalOnBooleanProperty(name = "gradient.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GradientProperties.class)
public final class GradientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(GradientConnectionDetails.class)
    PropertiesGradientConnectionDetails gradientConnectionDetails(GradientProperties properties,
            Environment environment) {
        return new PropertiesGradientConnectionDetails(properties, environment);
    }

    @Bean
    GradientClientBuilders gradientClientBuilders(GradientProperties properties,
            GradientConnectionDetails connectionDetails, ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<ClientHttpConnectorBuilder<?>> clientHttpConnectorBuilder,
            ObjectProvider<HttpClientSettings> httpClientSettings,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<GradientClientCustomizer> customizers, ObjectProvider<GradientFleet> fleet) {
        return new GradientClientBuilders(properties, connectionDetails, webClientBuilder,
                () -> GradientClientHttpConnectors.fromBoot(clientHttpConnectorBuilder, httpClientSettings,
                        properties.getConnectTimeout()),
                observationRegistry, customizers, fleet);
    }

    /**
     * A pre-configured builder from which an application builds further clients, for another token or team: the
     * {@code gradient.*} properties, the connection details, Boot's {@link WebClient.Builder} (cloned) and HTTP
     * client settings, the observation registry, every {@link GradientClientCustomizer}, and a retry quota of its
     * own. A new builder for each injection point.
     * @param builders makes the builders
     * @return a new builder
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    @ConditionalOnMissingBean
    IndexingJobsClient.Builder gradientClientBuilder(GradientClientBuilders builders) {
        return builders.newBuilder(null);
    }

    @Bean
    @ConditionalOnMissingBean
    IndexingJobsClient indexingJobsClient(GradientClientBuilders builders, GradientConnectionDetails connectionDetails,
            GradientProperties properties, ObjectProvider<RetryQuota> retryQuota) {
        GradientClientBuilderConfigurer.requireAccessToken(connectionDetails);
        // The quota bean is this client's, so that its metrics watch the right one; an application with several
        // quota beans and none primary gets one made from gradient.retry.quota.* rather than an arbitrary one.
        RetryQuota quota = retryQuota.getIfUnique(() -> GradientClientBuilderConfigurer.retryQuota(properties));
        return builders.newBuilder(quota).build();
    }

    /**
     * The auto-configured client's retry quota ({@code gradient.retry.quota.*}), a bean so that its metrics can
     * watch it and tests can reset it.
     * @param properties the bound properties
     * @return a new, full quota
     */
    @Bean
    @ConditionalOnMissingBean
    RetryQuota gradientRetryQuota(GradientProperties properties) {
        return GradientClientBuilderConfigurer.retryQuota(properties);
    }

    /**
     * Keeps the access token masked in {@code /actuator/configprops} and {@code /actuator/env}, even with
     * {@code show-values: always}, when Spring Boot's actuator is on the class path.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    static class ActuatorSanitizingConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "gradientAccessTokenSanitizingFunction")
        SanitizingFunction gradientAccessTokenSanitizingFunction(
                ObjectProvider<GradientConnectionDetails> connectionDetails) {
            return new GradientAccessTokenSanitizingFunction(() -> {
                GradientConnectionDetails details = connectionDetails.getIfAvailable();
                return (details != null) ? details.accessToken() : null;
            });
        }

    }

}
