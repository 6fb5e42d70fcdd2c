package io.github.gradientspring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.gradientspring.autoconfigure.observation.GradientMetricsAutoConfiguration;
import io.github.gradientspring.autoconfigure.observation.GradientRetryQuotaMetrics;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The reliability settings through the auto-configuration, against the simulator: the retry quota of
 * {@code gradient.retry.quota.*} and its meters, and hostile identifiers rejected by the auto-configured bean before
 * anything is sent.
 */
class GradientReliabilityAutoConfigurationTests {

    private final GradientSimulator simulator = GradientSimulator.builder().manualClock().rateLimits(RateLimits.OFF).start();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withInitializer(WireFixtures::withoutProcessEnvironment)
        .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, GradientAutoConfiguration.class))
        .withPropertyValues("gradient.access-token=" + this.simulator.accessToken(),
                "gradient.base-url=" + this.simulator.baseUrl(), "gradient.rate-limit.enabled=false",
                "gradient.retry.initial-delay=1ms", "gradient.retry.max-delay=2ms");

    @AfterEach
    void stop() {
        this.simulator.close();
    }

    @Test
    void theQuotaHasTheAwsSdksNumbersByDefault() {
        this.contextRunner.run((context) -> {
            RetryQuota quota = context.getBean(RetryQuota.class);
            assertThat(quota.isEnabled()).isTrue();
            assertThat(quota.capacity()).isEqualTo(500);
            assertThat(quota.retryCost()).isEqualTo(5);
            assertThat(quota.timeoutRetryCost()).isEqualTo(10);
            assertThat(quota.successRefill()).isEqualTo(1);
        });
    }

    @Test
    void theQuotaPropertiesReachTheClient() {
        this.contextRunner
            .withPropertyValues("gradient.retry.quota.capacity=10", "gradient.retry.quota.retry-cost=10",
                    "gradient.retry.quota.timeout-retry-cost=20", "gradient.retry.quota.success-refill=2")
            .run((context) -> {
                RetryQuota quota = context.getBean(RetryQuota.class);
                assertThat(quota).hasToString("RetryQuota[available=10/10, retryCost=10, timeoutRetryCost=20, "
                        + "successRefill=2, denied=0]");
                // Every request fails: the first call's first retry spends the 10 tokens, its second is refused.
                this.simulator.faults().outage();
                IndexingJobsClient client = context.getBean(IndexingJobsClient.class);
                assertThat(catchThrowable(() -> client.listByKnowledgeBase(WireFixtures.KNOWLEDGE_BASE_UUID).block(Duration.ofSeconds(30))))
                    .isInstanceOf(GradientServerException.class);
                assertThat(this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE)).isEqualTo(2);
                assertThat(quota.available()).isZero();
                assertThat(quota.deniedRetries()).isEqualTo(1);
            });
    }

    @Test
    void aDisabledQuotaLeavesMaxRetriesAlone() {
        this.contextRunner.withPropertyValues("gradient.retry.quota.enabled=false", "gradient.retry.max-retries=150")
            .run((context) -> {
                assertThat(context.getBean(RetryQuota.class).isEnabled()).isFalse();
                this.simulator.faults().outage();
                IndexingJobsClient client = context.getBean(IndexingJobsClient.class);
                catchThrowable(() -> client.listByKnowledgeBase(WireFixtures.KNOWLEDGE_BASE_UUID).block(Duration.ofSeconds(30)));
                // 151 attempts: beyond the 100 retries a standard quota would have allowed.
                assertThat(this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE)).isEqualTo(151);
            });
    }

    @Test
    void anInvalidQuotaSizeNamesItsProperty() {
        for (String property : List.of("capacity=0", "retry-cost=-1", "timeout-retry-cost=-1", "success-refill=-1")) {
            this.contextRunner.withPropertyValues("gradient.retry.quota." + property).run((context) -> {
                assertThat(context).hasFailed();
                Throwable cause = context.getStartupFailure();
                while (cause != null && !(cause instanceof GradientConfigurationException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).as("the GradientConfigurationException in the startup failure")
                    .isNotNull()
                    .hasMessageContaining("gradient.retry.quota." + property.substring(0, property.indexOf('=')));
            });
        }
    }

    @Test
    void theQuotaIsObservableAsMeters() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    GradientMetricsAutoConfiguration.class))
            .withPropertyValues("gradient.retry.quota.capacity=5")
            .run((context) -> {
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(meters.get(GradientRetryQuotaMetrics.AVAILABLE).gauge().value()).isEqualTo(5);
                assertThat(meters.get(GradientRetryQuotaMetrics.DENIED).functionCounter().count()).isZero();
                this.simulator.faults().outage();
                catchThrowable(() -> context.getBean(IndexingJobsClient.class)
                    .listByKnowledgeBase(WireFixtures.KNOWLEDGE_BASE_UUID)
                    .block(Duration.ofSeconds(30)));
                assertThat(meters.get(GradientRetryQuotaMetrics.AVAILABLE).gauge().value()).isZero();
                assertThat(meters.get(GradientRetryQuotaMetrics.DENIED).functionCounter().count()).isEqualTo(1);
            });
    }

    @Test
    void aDisabledQuotaHasNoMeters() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    GradientMetricsAutoConfiguration.class))
            .withPropertyValues("gradient.retry.quota.enabled=false")
            .run((context) -> assertThat(context.getBean(MeterRegistry.class).find(GradientRetryQuotaMetrics.AVAILABLE)
                .gauge()).isNull());
    }

    @Test
    void hostileIdsAreRejectedByTheAutoConfiguredClientBeforeAnythingIsSent() {
        String knowledgeBase = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(2, 2_000))
            .uuid();
        List<String> hostile = List.of("../../v2/account", "123e4567-e89b-12d3-a456-426614174000/../x",
                "..%2F..%2Fv2%2Faccount", "123e4567 e89b 12d3 a456 426614174000",
                "123e4567-e89b-12d3-a456-426614174000\r\nX-Injected: 1", "x".repeat(100_000),
                "123e4567-e89b-12d3-a456-42661417400é", "'; DROP TABLE jobs; --",
                "123e4567-e89b-12d3-a456-426614174000?page=2");
        this.contextRunner.run((context) -> {
            IndexingJobsClient client = context.getBean(IndexingJobsClient.class);
            List<Consumer<String>> operations = List.of(client::retrieve, client::cancel, client::listDataSources,
                    client::detailsSignedUrl, client::watch, client::listByKnowledgeBase,
                    (id) -> client.awaitCompletion(id, Duration.ofMinutes(1)),
                    (id) -> client.create(CreateIndexingJobRequest.forKnowledgeBase(id)),
                    (id) -> client.create(CreateIndexingJobRequest.forDataSources(knowledgeBase, List.of(id))));
            for (Consumer<String> operation : operations) {
                for (String id : hostile) {
                    assertThatIllegalArgumentException().isThrownBy(() -> operation.accept(id))
                        .withMessageMatching("(jobUuid|knowledgeBaseUuid|dataSourceUuids\\[0\\]) must (?s).*");
                }
            }
        });
        assertThat(this.simulator.journal().total()).as("requests the server received").isZero();
    }

}
