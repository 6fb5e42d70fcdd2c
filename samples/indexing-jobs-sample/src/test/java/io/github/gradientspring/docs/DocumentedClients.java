package io.github.gradientspring.docs;

import io.github.gradientspring.autoconfigure.GradientConnectionDetails;
import io.github.gradientspring.autoconfigure.GradientProperties;
import io.github.gradientspring.client.IndexingJobsClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The client configurations docs/configuration.md shows, compiled here and put to work by
 * {@link DocumentedClientsTests}. In a package of their own, outside the sample application's component scan, so
 * that no other test's context picks them up.
 */
final class DocumentedClients {

    private DocumentedClients() {
    }

    /** Two clients, for two teams' tokens, with the application's WebClient settings and observations. */
    // tag::two-clients[]
    @Configuration(proxyBeanMethods = false)
    static class TwoTeams {

        @Bean
        IndexingJobsClient searchTeam(IndexingJobsClient.Builder gradient, Environment environment) {
            return gradient.accessToken(environment.getRequiredProperty("teams.search.token")).build();
        }

        @Bean
        IndexingJobsClient supportTeam(IndexingJobsClient.Builder gradient, Environment environment) {
            return gradient.accessToken(environment.getRequiredProperty("teams.support.token")).build();
        }

    }
    // end::two-clients[]

    /** Connection details of the application's own: the token from a secret store, the URL from the properties. */
    // tag::connection-details[]
    @Configuration(proxyBeanMethods = false)
    static class TokenFromSecretStore {

        @Bean
        GradientConnectionDetails gradientConnectionDetails(SecretStore secrets, GradientProperties properties) {
            return new GradientConnectionDetails() {

                @Override
                public String accessToken() {
                    return secrets.read("gradient/access-token");
                }

                @Override
                public String baseUrl() {
                    return properties.getBaseUrl();
                }

            };
        }

    }
    // end::connection-details[]

    /** Stands for the application's secret store. */
    interface SecretStore {

        String read(String name);

    }

}
