package io.github.gradientspring.autoconfigure.health;

import java.io.IOException;
import java.time.Duration;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientClientCustomizer;
import io.github.gradientspring.client.IndexingJobsClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientHealthContributorAutoConfiguration}: when the {@code gradient} indicator exists, and
 * that it probes with the application's settings but without retries.
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
    void registersTheIndicatorAsGradientHealthIndicator() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(GradientHealthIndicator.class);
            assertThat(context).hasBean("gradientHealthIndicator");
            assertThat(context.getBean("gradientHealthIndicator")).isInstanceOf(ReactiveHealthIndicator.class);
        });
    }

    @Test
    void appearsInTheHealthRegistryAsTheGradientComponent() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
            .run((context) -> {
                ReactiveHealthContributorRegistry registry = context.getBean(ReactiveHealthContributorRegistry.class);
                assertThat(registry.getContributor("gradient")).isSameAs(context.getBean("gradientHealthIndicator"));
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
    void probesWithTheApplicationsTokenAndCustomizersButNeverRetries() {
        this.server.enqueue(new MockResponse.Builder().code(503).body("{\"id\":\"unavailable\",\"message\":\"x\"}").build());
        this.server.enqueue(new MockResponse.Builder().code(200).body(EMPTY_PAGE).build());
        this.contextRunner.withPropertyValues("gradient.retry.max-retries=5", "gradient.retry.initial-delay=1ms",
                "gradient.retry.max-delay=2ms")
            .withBean(GradientClientCustomizer.class, () -> (builder) -> builder.responseListener(
                    (operation, status, rateLimit) -> CustomizerCalls.seen.add(operation.tagValue() + " " + status)))
            .run((context) -> {
                CustomizerCalls.seen.clear();
                Health health = context.getBean(GradientHealthIndicator.class).health().block(Duration.ofSeconds(10));
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("status", 503)
                    .containsEntry("baseUrl", "http://127.0.0.1:" + this.server.getPort());
                assertThat(this.server.getRequestCount()).isEqualTo(1);
                assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
                assertThat(CustomizerCalls.seen).containsExactly("list 503");
            });
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
