package io.github.gradientspring.autoconfigure;

import io.github.gradientspring.client.IndexingJobsClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Gradient API is and which token it takes: everything the auto-configuration needs to know to reach it,
 * as Spring Boot's {@code ConnectionDetails} for data stores do.
 * <p>
 * By default it comes from the {@code gradient.*} properties and the environment variables DigitalOcean's tools
 * read: the token from {@code gradient.access-token}, else {@code DIGITALOCEAN_ACCESS_TOKEN} (doctl), else
 * {@code DIGITALOCEAN_TOKEN} (DigitalOcean's newer SDKs); the URL from {@code gradient.base-url}, which
 * {@code GRADIENT_BASE_URL} binds to. A bean of this type replaces that, for example to read the token from a
 * secret store; {@code @AutoConfigureGradientSimulator} supplies one for the simulator.
 *
 * <pre>{@code
 * @Bean
 * GradientConnectionDetails gradientConnectionDetails(Vault vault) {
 *     return () -> vault.read("gradient-token");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface GradientConnectionDetails extends ConnectionDetails {

    /**
     * The DigitalOcean API token sent as a Bearer token.
     * @return the token, or {@code null} when none is configured (the application then fails to start with a report
     * saying where to set one)
     */
    @Nullable String accessToken();

    /**
     * The base URL of the API.
     * @return an absolute URL; {@value IndexingJobsClient.Builder#DEFAULT_BASE_URL} unless overridden
     */
    default String baseUrl() {
        return IndexingJobsClient.Builder.DEFAULT_BASE_URL;
    }

}
