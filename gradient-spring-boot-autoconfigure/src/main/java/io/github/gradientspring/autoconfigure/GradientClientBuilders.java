package io.github.gradientspring.autoconfigure;

import java.util.function.Supplier;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Makes the pre-configured {@link IndexingJobsClient.Builder}s of the auto-configuration, the same way for the
 * auto-configured client and for the prototype builder bean: properties and connection details, then Boot's
 * {@link WebClient.Builder}, connector and observation registry, then the retry quota, then the fleet (fleet mode),
 * then the
 * {@link GradientClientCustomizer}s, which so have the last word.
 */
final class GradientClientBuilders {

    private final GradientProperties properties;

    private final GradientConnectionDetails connectionDetails;

    private final ObjectProvider<WebClient.Builder> webClientBuilder;

    private final Supplier<@Nullable ClientHttpConnector> connector;

    private final ObjectProvider<ObservationRegistry> observationRegistry;

    private final ObjectProvider<GradientClientCustomizer> customizers;

    private final ObjectProvider<GradientFleet> fleet;

    GradientClientBuilders(GradientProperties properties, GradientConnectionDetails connectionDetails,
            ObjectProvider<WebClient.Builder> webClientBuilder, Supplier<@Nullable ClientHttpConnector> connector,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<GradientClientCustomizer> customizers, ObjectProvider<GradientFleet> fleet) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.webClientBuilder = webClientBuilder;
        this.connector = connector;
        this.observationRegistry = observationRegistry;
        this.customizers = customizers;
        this.fleet = fleet;
    }

    /**
     * Makes a builder.
     * @param retryQuota the quota its clients share, or {@code null} for a new one from
     * {@code gradient.retry.quota.*}
     * @return a new builder
     */
    IndexingJobsClient.Builder newBuilder(@Nullable RetryQuota retryQuota) {
        // Several fleet beans and none primary: no fleet rather than an arbitrary one.
        IndexingJobsClient.Builder builder = new GradientClientBuilderConfigurer(this.properties,
                this.connectionDetails, this.fleet.getIfUnique())
            .configure(IndexingJobsClient.builder());
        // Boot's builder is a prototype bean: each lookup is a fresh, customized instance; the client clones it again.
        builder.webClientBuilder(this.webClientBuilder.getIfAvailable(WebClient::builder));
        ClientHttpConnector connector = this.connector.get();
        if (connector != null) {
            builder.clientConnector(connector);
        }
        builder.observationRegistry(this.observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
        builder.retryQuota((retryQuota != null) ? retryQuota : GradientClientBuilderConfigurer.retryQuota(this.properties));
        this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder;
    }

}
