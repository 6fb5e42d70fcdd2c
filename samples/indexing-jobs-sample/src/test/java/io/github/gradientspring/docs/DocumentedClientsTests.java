package io.github.gradientspring.docs;

import java.time.Duration;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.GradientSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients docs/configuration.md shows how to make, from the {@code IndexingJobsClient.Builder} bean and from a
 * {@code GradientConnectionDetails} bean, do what the page says.
 */
class DocumentedClientsTests {

    private final GradientSimulator simulator = GradientSimulator.builder()
        .accessToken("search-token")
        .readOnlyTokens("support-token", "from-the-store")
        .start();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withInitializer((context) -> context.getEnvironment()
            .getPropertySources()
            .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
        .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, GradientAutoConfiguration.class))
        .withPropertyValues("gradient.base-url=" + this.simulator.baseUrl());

    @AfterEach
    void stop() {
        this.simulator.close();
    }

    @Test
    void twoTeamsGetAClientEachWithItsOwnToken() {
        this.contextRunner.withUserConfiguration(DocumentedClients.TwoTeams.class)
            .withPropertyValues("teams.search.token=search-token", "teams.support.token=support-token")
            .run((context) -> {
                assertThat(context).hasNotFailed().getBeans(IndexingJobsClient.class).containsOnlyKeys("searchTeam",
                        "supportTeam");
                context.getBean("searchTeam", IndexingJobsClient.class).list(PageRequest.of(1, 1))
                    .block(Duration.ofSeconds(10));
                context.getBean("supportTeam", IndexingJobsClient.class).list(PageRequest.of(1, 1))
                    .block(Duration.ofSeconds(10));
                assertThat(this.simulator.journal().requests().stream().map((request) -> request.header("Authorization")))
                    .containsExactly("Bearer search-token", "Bearer support-token");
            });
    }

    @Test
    void aConnectionDetailsBeanSuppliesTheToken() {
        this.contextRunner.withUserConfiguration(DocumentedClients.TokenFromSecretStore.class)
            .withBean(DocumentedClients.SecretStore.class, () -> (name) -> "from-the-store")
            .run((context) -> {
                context.getBean(IndexingJobsClient.class).list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));
                assertThat(this.simulator.journal().last().header("Authorization")).isEqualTo("Bearer from-the-store");
            });
    }

}
