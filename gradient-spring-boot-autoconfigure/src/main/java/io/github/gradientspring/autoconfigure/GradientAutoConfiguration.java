package io.github.gradientspring.autoconfigure;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the Gradient
 * {@link IndexingJobsClient}.
 * <p>
 * The client starts from a clone of Spring Boot's {@link WebClient.Builder}, so every
 * {@link org.springframework.boot.webclient.WebClientCustomizer} (observation included) applies to it, and sends its
 * requests through a connector made from Boot's HTTP client settings. {@link GradientClientCustomizer} beans adjust
 * the client builder last. {@code gradient.enabled=false} switches all of it off.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, IndexingJobsClient.class })
@ConditionalOnBooleanProperty(name = "gradient.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GradientProperties.class)
@ImportRuntimeHints(GradientRuntimeHints.class)
public final class GradientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IndexingJobsClient indexingJobsClient(GradientProperties properties, Environment environment,
            ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<ClientHttpConnectorBuilder<?>> clientHttpConnectorBuilder,
            ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<GradientClientCustomizer> customizers, ObjectProvider<RetryQuota> retryQuota) {
        String accessToken = GradientAccessToken.resolve(properties, environment);
        IndexingJobsClient.Builder builder = new GradientClientBuilderConfigurer(properties, accessToken)
            .configure(IndexingJobsClient.builder());
        // An application may hold quotas for other clients too: only an unambiguous one is this client's.
        retryQuota.ifUnique(builder::retryQuota);
        // Boot's builder is a prototype bean: each lookup is a fresh, customized instance; the client clones it again.
        builder.webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder));
        ClientHttpConnector connector = GradientClientHttpConnectors.fromBoot(clientHttpConnectorBuilder,
                httpClientSettings, properties.getConnectTimeout());
        if (connector != null) {
            builder.clientConnector(connector);
        }
        builder.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * The client's retry quota ({@code gradient.retry.quota.*}), a bean so that its metrics can watch it.
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
        SanitizingFunction gradientAccessTokenSanitizingFunction(GradientProperties properties,
                Environment environment) {
            return new GradientAccessTokenSanitizingFunction(() -> GradientAccessToken.resolve(properties, environment));
        }

    }

}
