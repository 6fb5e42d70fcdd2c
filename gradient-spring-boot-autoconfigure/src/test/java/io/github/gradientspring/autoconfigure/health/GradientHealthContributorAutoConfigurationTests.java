package io.github.gradientspring.autoconfigure.health;

import java.io.IOException;
import java.time.Duration;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientClientCustomizer;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryPolicy;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientHealthContributorAutoConfiguration}: when the {@code gradient} contributor exists, and
 * that it probes each client bean itself.
 */
class GradientHealthContributorAutoConfigurationTests {

    private static final String TOKEN = "dop_v1_health_autoconfig_token_0123456789";

    private static final String EMPTY_PAGE = "{\"jobs\":[],\"links\":{},\"meta\":{\"total\":0}}";

    private MockWebServer server;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void start() throws IOException {
        this.server = new MockWebServer();
        this.server.start();
        this.contextRunner = new ApplicationContextRunner()
            .withInitializer((context) -> context.getEnvironment()
                .getPropertySources()
                .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
            .withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
                    ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
                    GradientAutoConfiguration.class, GradientHealthContributorAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=" + TOKEN,
                    "gradient.base-url=http://127.0.0.1:" + this.server.getPort());
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void registersOneIndicatorForOneClientAsGradientHealthContributor() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(GradientHealthIndicator.class);
            assertThat(context).hasBean("gradientHealthContributor");
            assertThat(context.getBean("gradientHealthContributor")).isInstanceOf(ReactiveHealthIndicator.class);
        });
    }

    @Test
    void appearsInTheHealthRegistryAsTheGradientComponent() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
            .run((context) -> {
                ReactiveHealthContributorRegistry registry = context.getBean(ReactiveHealthContributorRegistry.class);
                assertThat(registry.getContributor("gradient")).isSameAs(context.getBean("gradientHealthContributor"));
            });
    }

    @Test
    void isNotCreatedWhenDisabledByItsProperty() {
        this.contextRunner.withPropertyValues("management.health.gradient.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(GradientHealthIndicator.class)
                .hasSingleBean(IndexingJobsClient.class));
    }

    @Test
    void isNotCreatedWhenAllHealthIndicatorsAreOffByDefault() {
        this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(GradientHealthIndicator.class));
    }

    @Test
    void isNotCreatedWithoutSpringBootsHealthModule() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
            .run((context) -> assertThat(context).doesNotHaveBean(GradientHealthIndicator.class)
                .hasSingleBean(IndexingJobsClient.class));
    }

    @Test
    void isNotCreatedWithoutAClient() {
        this.contextRunner.withPropertyValues("gradient.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(GradientHealthIndicator.class));
    }

    @Test
    void backsOffForAnIndicatorOfTheApplication() {
        this.contextRunner
            .withBean("gradientHealthIndicator", ReactiveHealthIndicator.class,
                    () -> () -> reactor.core.publisher.Mono.just(Health.up().build()))
            .run((context) -> assertThat(context).doesNotHaveBean(GradientHealthIndicator.class));
    }

    @Test
    void probesTheAutoConfiguredClientItselfAndReportsItsBaseUrl() {
        this.server.enqueue(new MockResponse.Builder().code(200).body(EMPTY_PAGE).build());
        this.contextRunner
            .withBean(GradientClientCustomizer.class, () -> (builder) -> builder.responseListener(
                    (operation, status, rateLimit) -> CustomizerCalls.seen.add(operation.tagValue() + " " + status)))
            .run((context) -> {
                CustomizerCalls.seen.clear();
                Health health = context.getBean(GradientHealthIndicator.class).health().block(Duration.ofSeconds(10));
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("baseUrl", "http://127.0.0.1:" + this.server.getPort());
                assertThat(this.server.getRequestCount()).isEqualTo(1);
                assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
                // The probe went through the application's client, so its customizers' listener saw it.
                assertThat(CustomizerCalls.seen).containsExactly("list 200");
            });
    }

    @Test
    void twoClientsGiveACompositeWithOneComponentPerClientEachProbingItsOwn() {
        this.server.enqueue(new MockResponse.Builder().code(200).body(EMPTY_PAGE).build());
        this.server.enqueue(new MockResponse.Builder().code(401)
            .body("{\"id\":\"unauthorized\",\"message\":\"Unable to authenticate you\"}")
            .build());
        this.contextRunner
            .withUserConfiguration(TwoClients.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(ReactiveHealthContributor.class);
                assertThat(context.getBean("gradientHealthContributor"))
                    .isInstanceOf(CompositeReactiveHealthContributor.class);
                CompositeReactiveHealthContributor composite = context.getBean("gradientHealthContributor",
                        CompositeReactiveHealthContributor.class);
                assertThat(composite.stream().map((entry) -> entry.name())).containsExactlyInAnyOrder("teamA", "teamB");
                Health teamA = ((ReactiveHealthIndicator) composite.getContributor("teamA")).health()
                    .block(Duration.ofSeconds(10));
                Health teamB = ((ReactiveHealthIndicator) composite.getContributor("teamB")).health()
                    .block(Duration.ofSeconds(10));
                assertThat(java.util.List.of(teamA.getStatus(), teamB.getStatus()))
                    .containsExactlyInAnyOrder(Status.UP, Status.DOWN);
                // Each component reports the base URL of the client it probes.
                String baseUrl = "http://127.0.0.1:" + this.server.getPort();
                assertThat(teamA.getDetails()).containsEntry("baseUrl", baseUrl);
                assertThat(teamB.getDetails()).containsEntry("baseUrl", baseUrl);
                assertThat(this.server.getRequestCount()).isEqualTo(2);
                java.util.Set<String> tokens = java.util.Set.of(this.server.takeRequest().getHeaders().get("Authorization"),
                        this.server.takeRequest().getHeaders().get("Authorization"));
                assertThat(tokens).containsExactlyInAnyOrder("Bearer team-a-token", "Bearer team-b-token");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoClients {

        @Bean
        IndexingJobsClient teamA(IndexingJobsClient.Builder builder) {
            return builder.accessToken("team-a-token").retryPolicy(RetryPolicy.none()).build();
        }

        @Bean
        IndexingJobsClient teamB(IndexingJobsClient.Builder builder) {
            return builder.accessToken("team-b-token").retryPolicy(RetryPolicy.none()).build();
        }

    }

    @Test
    void bindsTheTimeoutAndCacheTtl() {
        this.contextRunner.withPropertyValues("gradient.health.timeout=2s", "gradient.health.cache-ttl=10m")
            .run((context) -> {
                GradientHealthProperties properties = context.getBean(GradientHealthProperties.class);
                assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(properties.getCacheTtl()).isEqualTo(Duration.ofMinutes(10));
                assertThat(context.getBean(GradientHealthIndicator.class)).hasToString(
                        "GradientHealthIndicator[baseUrl=http://127.0.0.1:" + this.server.getPort()
                                + ", timeout=PT2S, cacheTtl=PT10M]");
            });
    }

    @Test
    void hasFiveSecondTimeoutAndOneMinuteCacheByDefault() {
        this.contextRunner.run((context) -> {
            GradientHealthProperties properties = context.getBean(GradientHealthProperties.class);
            assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.getCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        });
    }

    @Test
    void isNotCreatedWhenGradientIsDisabledEvenWithAClientOfTheApplication() {
        IndexingJobsClient own = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl("http://127.0.0.1:" + this.server.getPort())
            .build();
        this.contextRunner.withBean(IndexingJobsClient.class, () -> own)
            .withPropertyValues("gradient.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(GradientHealthIndicator.class));
    }

    @Test
    void probesWithAClientOfTheApplicationWhenItDeclaresOne() {
        this.server.enqueue(new MockResponse.Builder().code(200).body(EMPTY_PAGE).build());
        IndexingJobsClient own = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl("http://127.0.0.1:" + this.server.getPort())
            .build();
        this.contextRunner.withBean(IndexingJobsClient.class, () -> own).run((context) -> {
            assertThat(context).hasSingleBean(GradientHealthIndicator.class);
            Health health = context.getBean(GradientHealthIndicator.class).health().block(Duration.ofSeconds(10));
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(this.server.getRequestCount()).isEqualTo(1);
        });
    }

    /** What a customizer's listener saw; static because the customizer is made inside a lambda supplier. */
    static final class CustomizerCalls {

        static final java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        private CustomizerCalls() {
        }

    }

}
