package io.github.gradientspring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import io.github.gradientspring.autoconfigure.health.GradientHealthContributorAutoConfiguration;
import io.github.gradientspring.autoconfigure.observation.GradientFleetMetrics;
import io.github.gradientspring.autoconfigure.observation.GradientMetricsAutoConfiguration;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.redis.RedisGradientFleet;
import io.github.gradientspring.redis.test.RedisServerProcess;
import io.github.gradientspring.simulator.GradientSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GradientFleetAutoConfiguration}: when fleet mode is on, that the clients join it, and what health
 * and metrics show of it. A real redis-server (the one on the PATH or embedded-redis's) stands behind Spring Boot's
 * own Redis auto-configuration; the simulator stands in for the API.
 */
class GradientFleetAutoConfigurationTests {

    private static RedisServerProcess redis;

    // One per test: the clients of one JVM share a budget per token and base URL, which joins the fleet of the
    // first client built for them; a simulator of its own gives each test's clients a budget of their own.
    private GradientSimulator simulator;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void startTheApi() {
        this.simulator = GradientSimulator.builder().start();
        this.contextRunner = new ApplicationContextRunner()
            .withInitializer(WireFixtures::withoutProcessEnvironment)
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, HttpClientAutoConfiguration.class,
                    ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
                    GradientFleetAutoConfiguration.class, GradientAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=" + GradientSimulator.DEFAULT_ACCESS_TOKEN,
                    "gradient.base-url=" + this.simulator.baseUrl(), "spring.data.redis.host=" + redis.host(),
                    "spring.data.redis.port=" + redis.port());
    }

    @AfterEach
    void stopTheApi() {
        this.simulator.close();
    }

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void fleetIsOnWhenGradientRedisAndARedisConnectionFactoryArePresent() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(GradientFleet.class);
            RedisGradientFleet fleet = context.getBean(RedisGradientFleet.class);
            assertThat(fleet.keyPrefix()).isEqualTo("gradient:");
            assertThat(fleet.leaseTime()).isEqualTo(Duration.ofSeconds(10));
            GradientFleetProperties properties = context.getBean(GradientFleetProperties.class);
            assertThat(properties.isEnabled()).isTrue();
            assertThat(properties.getCommandTimeout()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void theSettingsOfDocsFleetMdSwitchFleetModeOn() {
        new ApplicationContextRunner().withInitializer(WireFixtures::withoutProcessEnvironment)
            .withInitializer((context) -> {
                try {
                    new YamlPropertySourceLoader().load("fleet-docs", new ClassPathResource("fleet/application.yml"))
                        .forEach(context.getEnvironment().getPropertySources()::addLast);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            })
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    GradientFleetAutoConfiguration.class, GradientAutoConfiguration.class))
            // The page's Redis host and token variable, answered here by the test's Redis and a token.
            .withPropertyValues("DIGITALOCEAN_ACCESS_TOKEN=" + WireFixtures.TOKEN,
                    "spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port())
            .run((context) -> {
                assertThat(context).hasSingleBean(GradientFleet.class).hasSingleBean(IndexingJobsClient.class);
                assertThat(context.getBean(RedisGradientFleet.class).keyPrefix()).isEqualTo("gradient:");
                assertThat(context.getBean(GradientProperties.class).getAccessToken()).isEqualTo(WireFixtures.TOKEN);
            });
    }

    @Test
    void theAutoConfiguredClientJoinsTheFleetOnItsFirstCall() {
        this.contextRunner.run((context) -> {
            GradientFleet fleet = context.getBean(GradientFleet.class);
            context.getBean(IndexingJobsClient.class).list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));
            Collection<FleetScope> scopes = fleet.scopes();
            assertThat(scopes).hasSize(1);
            // The scope is a keyed hash of the token and base URL, never the token itself.
            assertThat(scopes.iterator().next().key()).doesNotContain(GradientSimulator.DEFAULT_ACCESS_TOKEN);
        });
    }

    @Test
    void clientsFromThePrototypeBuilderJoinTheSameFleet() {
        this.contextRunner.run((context) -> {
            GradientFleet fleet = context.getBean(GradientFleet.class);
            IndexingJobsClient other = context.getBean(IndexingJobsClient.Builder.class)
                .accessToken("another-token-0123456789")
                .build();
            other.list(PageRequest.of(1, 1)).onErrorResume((ex) -> Mono.empty())
                .block(Duration.ofSeconds(10));
            context.getBean(IndexingJobsClient.class).list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));
            // One scope per access token: the simulator answers the other token 401, but its budget joined.
            assertThat(fleet.scopes()).hasSize(2);
        });
    }

    @Test
    void fleetIsOffWithoutGradientRedis() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(RedisGradientFleet.class)).run((context) -> {
            assertThat(context).doesNotHaveBean(GradientFleet.class);
            assertThat(context).hasSingleBean(IndexingJobsClient.class);
        });
    }

    @Test
    void fleetIsOffWithoutARedisConnectionFactory() {
        new ApplicationContextRunner().withInitializer(WireFixtures::withoutProcessEnvironment)
            .withConfiguration(AutoConfigurations.of(GradientFleetAutoConfiguration.class,
                    GradientAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(GradientFleet.class);
                assertThat(context).hasSingleBean(IndexingJobsClient.class);
            });
    }

    @Test
    void fleetIsOffWithEnabledFalse() {
        this.contextRunner.withPropertyValues("gradient.fleet.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(GradientFleet.class);
            assertThat(context).hasSingleBean(IndexingJobsClient.class);
        });
    }

    @Test
    void fleetIsOffWhenTheStarterIsOff() {
        this.contextRunner.withPropertyValues("gradient.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(GradientFleet.class));
    }

    @Test
    void theApplicationsOwnFleetWinsAndTheClientsJoinIt() {
        this.contextRunner.withUserConfiguration(OwnFleetConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(GradientFleet.class);
            RedisGradientFleet fleet = context.getBean(RedisGradientFleet.class);
            assertThat(fleet.keyPrefix()).isEqualTo("own:");
            context.getBean(IndexingJobsClient.class).list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));
            assertThat(fleet.scopes()).hasSize(1);
        });
    }

    @Test
    void propertiesTuneTheFleet() {
        this.contextRunner
            .withPropertyValues("gradient.fleet.key-prefix=orders:gradient:", "gradient.fleet.lease-time=4s",
                    "gradient.fleet.command-timeout=250ms")
            .run((context) -> {
                RedisGradientFleet fleet = context.getBean(RedisGradientFleet.class);
                assertThat(fleet.keyPrefix()).isEqualTo("orders:gradient:");
                assertThat(fleet.leaseTime()).isEqualTo(Duration.ofSeconds(4));
            });
    }

    @Test
    void aLeaseTimeTooShortFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("gradient.fleet.lease-time=100ms").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("300 ms");
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof GradientConfigurationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(GradientConfigurationException.class);
            assertThat(((GradientConfigurationException) failure).getProperty()).isEqualTo("gradient.fleet.lease-time");
        });
    }

    @Test
    void healthShowsFleetModeItsMembersAndWhetherItIsDegraded() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(GradientHealthContributorAutoConfiguration.class))
            .withPropertyValues("gradient.health.cache-ttl=0s")
            .run((context) -> {
                ReactiveHealthIndicator indicator = context.getBean("gradientHealthContributor",
                        ReactiveHealthIndicator.class);
                Health health = indicator.health().block(Duration.ofSeconds(10));
                assertThat(health.getDetails()).containsKey("fleet");
                @SuppressWarnings("unchecked")
                Map<String, Object> fleet = (Map<String, Object>) health.getDetails().get("fleet");
                assertThat(fleet).containsEntry("mode", "fleet").containsEntry("degraded", false)
                    .containsEntry("members", 1).containsEntry("scopes", 1)
                    .containsEntry("member", context.getBean(GradientFleet.class).memberId());
            });
    }

    @Test
    void healthWithoutFleetModeHasNoFleetDetail() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(GradientHealthContributorAutoConfiguration.class))
            .withPropertyValues("gradient.fleet.enabled=false", "gradient.health.cache-ttl=0s")
            .run((context) -> {
                Health health = context.getBean("gradientHealthContributor", ReactiveHealthIndicator.class)
                    .health()
                    .block(Duration.ofSeconds(10));
                assertThat(health.getDetails()).doesNotContainKey("fleet");
            });
    }

    @Test
    void gaugesShowMembersLeasesAndTheSharedBudgetsRemainingCounts() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    GradientMetricsAutoConfiguration.class))
            .withPropertyValues("gradient.fleet.key-prefix=gauges:")
            .run((context) -> {
                assertThat(context).hasSingleBean(GradientFleetMetrics.class);
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                context.getBean(IndexingJobsClient.class).list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));
                assertThat(registry.get(GradientFleetMetrics.MEMBERS).gauge().value()).isEqualTo(1);
                assertThat(registry.get(GradientFleetMetrics.LEASES_HELD).gauge().value()).isZero();
                assertThat(registry.get(GradientFleetMetrics.DEGRADED).gauge().value()).isZero();
                // The shared windows' counts arrive with the first answers of the fleet's store.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry
                    .get(GradientFleetMetrics.BUDGET_REMAINING).tag("window", "minute").gauge().value())
                    .isBetween(0.0, 199.0));
                assertThat(registry.get(GradientFleetMetrics.BUDGET_REMAINING).tag("window", "hour").gauge().value())
                    .isBetween(0.0, 3999.0);
            });
    }

    @Test
    void noFleetGaugesWithoutFleetMode() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    GradientMetricsAutoConfiguration.class))
            .withPropertyValues("gradient.fleet.enabled=false")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(GradientFleetMetrics.class);
                assertThat(context.getBean(MeterRegistry.class).find(GradientFleetMetrics.MEMBERS).gauge()).isNull();
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFleetConfiguration {

        @Bean(destroyMethod = "close")
        GradientFleet ownFleet(ReactiveRedisConnectionFactory connectionFactory) {
            return RedisGradientFleet.builder(connectionFactory).keyPrefix("own:").build();
        }

    }

}
