package io.github.gradientspring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Makes the connector the Gradient client sends its requests through, from Spring Boot's
 * {@link ClientHttpConnectorBuilder} and {@link HttpClientSettings} ({@code spring.http.clients.*}).
 * <p>
 * Everything the application configured for its HTTP clients is kept (the connector library, SSL bundle, read
 * timeout, Reactor resources and {@code ClientHttpConnectorBuilderCustomizer}s) except two settings that are the
 * client's own: the connect timeout comes from {@code gradient.connect-timeout}, and redirects are never followed,
 * because Boot's default of following them would let some connectors replay the {@code Authorization} header to
 * wherever a redirect points.
 */
final class GradientClientHttpConnectors {

    private GradientClientHttpConnectors() {
    }

    /**
     * Builds a connector from Boot's beans.
     * @param connectorBuilder Boot's connector builder, if any
     * @param settings Boot's HTTP client settings, if any
     * @param connectTimeout the connect timeout to apply
     * @return the connector, or {@code null} when Boot has no connector builder, so that the client makes its own
     */
    static @Nullable ClientHttpConnector fromBoot(ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
            ObjectProvider<HttpClientSettings> settings, Duration connectTimeout) {
        ClientHttpConnectorBuilder<?> builder = connectorBuilder.getIfAvailable();
        if (builder == null) {
            return null;
        }
        HttpClientSettings clientSettings = settings.getIfAvailable(HttpClientSettings::defaults)
            .withConnectTimeout(connectTimeout)
            .withRedirects(HttpRedirects.DONT_FOLLOW);
        return builder.build(clientSettings);
    }

}
