package io.github.gradientspring.autoconfigure.observation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.core.instrument.Timer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics of the client, produced by Spring Boot's real observation and metrics chain: one call against a mock
 * API must leave the timer, the retry counter and the rate-limit gauges in the application's meter registry,
 * whatever order the auto-configurations are listed in. (A Boot 4 ordering mistake loses metrics silently.)
 */
class GradientMetricsAutoConfigurationTests {

    private static final String TOKEN = "dop_v1_metrics_token_0123456789abcdef";

    private static final String JOB = "123e4567-e89b-12d3-a456-426614174000";

    private static final String KB = "9758a232-b351-4c2b-9b2d-3c6f2e1d0a11";

    private static final String SCHEDULE = "0f3c9a5e-6b1d-4c2e-8f7a-1b2c3d4e5f60";

    private static final String JOB_BODY = "{\"job\":{\"uuid\":\"" + JOB + "\",\"phase\":\"BATCH_JOB_PHASE_RUNNING\"}}";

    /** Boot's chain as an application with actuator has it, in the order Boot lists nothing in particular. */
    private static final Class<?>[] BOOT_CHAIN = { ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
            WebClientAutoConfiguration.class, WebClientObservationAutoConfiguration.class };

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        this.server = new MockWebServer();
        this.server.start();
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void oneRetriedCallThroughTheRealChainLeavesEveryMetric() {
        List<Class<?>> chain = new ArrayList<>(Arrays.asList(BOOT_CHAIN));
        chain.addAll(List.of(GradientAutoConfiguration.class, GradientObservationAutoConfiguration.class,
                GradientMetricsAutoConfiguration.class));
        runner(chain).run(this::callOnceAndFindEveryMetric);
    }

    @Test
    void theScheduleOperationsHaveTheirOwnTimersRetryCountersAndUriTemplates() {
        List<Class<?>> chain = new ArrayList<>(Arrays.asList(BOOT_CHAIN));
        chain.addAll(List.of(GradientAutoConfiguration.class, GradientObservationAutoConfiguration.class,
                GradientMetricsAutoConfiguration.class));
        runner(chain).run((context) -> {
            String schedule = "{\"indexing_info\":{\"uuid\":\"" + SCHEDULE + "\",\"knowledge_base_uuid\":\"" + KB
                    + "\",\"days\":[1],\"time\":\"02:30:00\",\"is_active\":true}}";
            this.server.enqueue(new MockResponse.Builder().code(503)
                .addHeader("Content-Type", "application/json")
                .body("{\"id\":\"service_unavailable\",\"message\":\"Try again\"}")
                .build());
            for (int i = 0; i < 3; i++) {
                this.server.enqueue(new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "application/json")
                    .body(schedule)
                    .build());
            }
            IndexingJobsClient client = context.getBean(IndexingJobsClient.class);
            client.createSchedule(CreateIndexingScheduleRequest.of(KB, LocalTime.of(2, 30), DayOfWeek.MONDAY))
                .block(Duration.ofSeconds(10));
            client.retrieveSchedule(KB).block(Duration.ofSeconds(10));
            client.deleteSchedule(SCHEDULE).block(Duration.ofSeconds(10));

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            for (String operation : List.of("create_schedule", "retrieve_schedule", "delete_schedule")) {
                assertThat(meters.find("gradient.client.operation")
                    .tags("gradient.operation", operation, "outcome", "SUCCESS")
                    .timer()).as(operation).isNotNull().satisfies((timer) -> assertThat(timer.count()).isEqualTo(1));
            }
            assertThat(meters.get("gradient.client.retries").tags("gradient.operation", "create_schedule", "reason", "503")
                .counter()
                .count()).isEqualTo(1.0);
            assertThat(meters.get("http.client.requests").tag("uri", "/v2/gen-ai/scheduled-indexing").timers()
                .stream()
                .mapToLong(Timer::count)
                .sum()).isEqualTo(2);
            assertThat(meters.get("http.client.requests")
                .tag("uri", "/v2/gen-ai/scheduled-indexing/knowledge-base/{knowledge_base_uuid}")
                .timer()
                .count()).isEqualTo(1);
            assertThat(meters.get("http.client.requests").tag("uri", "/v2/gen-ai/scheduled-indexing/{uuid}")
                .timer()
                .count()).isEqualTo(1);
        });
    }

    @Test
    void everyAutoConfigurationOfTheImportsFileInReverseOrderStillGivesTheMetrics() throws IOException {
        List<Class<?>> chain = importsAndBootChain();
        Collections.reverse(chain);
        runner(chain).run(this::callOnceAndFindEveryMetric);
    }

    @Test
    void everyAutoConfigurationOfTheImportsFileInShuffledOrdersStillGivesTheMetrics() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            List<Class<?>> chain = importsAndBootChain();
            Collections.shuffle(chain, new Random(seed));
            runner(chain).run(this::callOnceAndFindEveryMetric);
        }
    }

    @Test
    void bootSortsTheMetricsAfterTheMeterRegistryAndTheObservationRegistry() throws IOException {
        List<Class<?>> chain = importsAndBootChain();
        Collections.reverse(chain);
        List<Class<?>> sorted = Arrays.asList(Configurations.getClasses(AutoConfigurations.of(chain.toArray(Class<?>[]::new))));
        int metrics = sorted.indexOf(GradientMetricsAutoConfiguration.class);
        assertThat(metrics).isGreaterThan(sorted.indexOf(CompositeMeterRegistryAutoConfiguration.class))
            .isGreaterThan(sorted.indexOf(SimpleMetricsExportAutoConfiguration.class))
            .isGreaterThan(sorted.indexOf(ObservationAutoConfiguration.class))
            .isGreaterThan(sorted.indexOf(GradientAutoConfiguration.class));
        assertThat(sorted.indexOf(GradientObservationAutoConfiguration.class))
            .isGreaterThan(sorted.indexOf(ObservationAutoConfiguration.class));
    }

    @Test
    void isOffWithoutSpringBootsMetricsModule() {
        runner(Arrays.asList(ObservationAutoConfiguration.class, WebClientAutoConfiguration.class,
                GradientAutoConfiguration.class, GradientMetricsAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(CompositeMeterRegistryAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(GradientRetryMetrics.class)
                .hasSingleBean(IndexingJobsClient.class));
    }

    @Test
    void isOffWithoutAMeterRegistry() {
        runner(Arrays.asList(ObservationAutoConfiguration.class, WebClientAutoConfiguration.class,
                GradientAutoConfiguration.class, GradientMetricsAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(GradientRetryMetrics.class));
    }

    @Test
    void twoRetryQuotasOfTheApplicationStartFineAndNeitherGetsTheQuotaGauge() {
        List<Class<?>> chain = new ArrayList<>(Arrays.asList(BOOT_CHAIN));
        chain.addAll(List.of(GradientAutoConfiguration.class, GradientMetricsAutoConfiguration.class));
        runner(chain).withBean("firstQuota", io.github.gradientspring.client.RetryQuota.class,
                io.github.gradientspring.client.RetryQuota::standard)
            .withBean("secondQuota", io.github.gradientspring.client.RetryQuota.class,
                    io.github.gradientspring.client.RetryQuota::standard)
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(IndexingJobsClient.class)
                .doesNotHaveBean(GradientRetryQuotaMetrics.class));
    }

    @Test
    void theRateLimitGaugesQuotaMetersAndRetryCounterNeedNoObservation() {
        // Metrics without Boot's observation auto-configuration: no ObservationRegistry, so no operation timer, but
        // the gauges and the retry counter come from the client's responses and retries themselves.
        runner(Arrays.asList(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, WebClientAutoConfiguration.class,
                GradientAutoConfiguration.class, GradientMetricsAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean(ObservationRegistry.class)
                    .hasSingleBean(GradientRetryMetrics.class)
                    .hasSingleBean(GradientRateLimitMetrics.class)
                    .hasSingleBean(GradientRetryQuotaMetrics.class);
                this.server.enqueue(new MockResponse.Builder().code(503)
                    .addHeader("Content-Type", "application/json")
                    .body("{\"id\":\"service_unavailable\",\"message\":\"Try again\"}")
                    .build());
                this.server.enqueue(new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "application/json")
                    .addHeader("ratelimit-limit", "5000")
                    .addHeader("ratelimit-remaining", "4321")
                    .body(JOB_BODY)
                    .build());
                context.getBean(IndexingJobsClient.class).retrieve(JOB).block(Duration.ofSeconds(10));
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(meters.get(GradientRateLimitMetrics.REMAINING).gauge().value()).isEqualTo(4321.0);
                assertThat(meters.get(GradientRateLimitMetrics.LIMIT).gauge().value()).isEqualTo(5000.0);
                assertThat(meters.get(GradientRetryMetrics.RETRIES).tags("gradient.operation", "retrieve", "reason", "503")
                    .counter().count()).isEqualTo(1.0);
                assertThat(meters.find("gradient.client.operation").timer()).isNull();
            });
    }

    @Test
    void isOffWhenGradientIsDisabled() {
        List<Class<?>> chain = new ArrayList<>(Arrays.asList(BOOT_CHAIN));
        chain.addAll(List.of(GradientAutoConfiguration.class, GradientMetricsAutoConfiguration.class));
        runner(chain).withPropertyValues("gradient.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(GradientRetryMetrics.class));
    }

    private void callOnceAndFindEveryMetric(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed().hasSingleBean(GradientRetryMetrics.class);
        this.server.enqueue(new MockResponse.Builder().code(503)
            .addHeader("Content-Type", "application/json")
            .addHeader("ratelimit-limit", "5000")
            .addHeader("ratelimit-remaining", "4000")
            .body("{\"id\":\"service_unavailable\",\"message\":\"Try again\"}")
            .build());
        this.server.enqueue(new MockResponse.Builder().code(200)
            .addHeader("Content-Type", "application/json")
            .addHeader("ratelimit-limit", "5000")
            .addHeader("ratelimit-remaining", "3999")
            .body(JOB_BODY)
            .build());

        context.getBean(IndexingJobsClient.class).retrieve(JOB).block(Duration.ofSeconds(10));

        MeterRegistry meters = context.getBean(MeterRegistry.class);
        Timer operation = meters.find("gradient.client.operation")
            .tags("gradient.operation", "retrieve", "outcome", "SUCCESS", "http.status_code", "200", "error.type",
                    "none", "retried", "true", "error", "none")
            .timer();
        assertThat(operation).as("gradient.client.operation timer").isNotNull();
        assertThat(operation.count()).isEqualTo(1);
        assertThat(meters.get("gradient.client.retries").tags("gradient.operation", "retrieve", "reason", "503")
            .counter()
            .count()).isEqualTo(1.0);
        assertThat(meters.get("gradient.client.rate_limit.remaining").gauge().value()).isEqualTo(3999.0);
        assertThat(meters.get("gradient.client.rate_limit.limit").gauge().value()).isEqualTo(5000.0);
        assertThat(meters.get("http.client.requests").tag("uri", "/v2/gen-ai/indexing_jobs/{uuid}").timers()
            .stream()
            .mapToLong(Timer::count)
            .sum()).isEqualTo(2);
        assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().toString()).doesNotContain(TOKEN));
    }

    private ApplicationContextRunner runner(List<Class<?>> autoConfigurations) {
        return new ApplicationContextRunner()
            .withInitializer((context) -> context.getEnvironment()
                .getPropertySources()
                .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
            .withConfiguration(AutoConfigurations.of(autoConfigurations.toArray(Class<?>[]::new)))
            .withPropertyValues("gradient.access-token=" + TOKEN, "gradient.retry.initial-delay=1ms",
                    "gradient.retry.max-delay=2ms")
            .withPropertyValues("gradient.base-url=http://127.0.0.1:" + this.server.getPort());
    }

    private static List<Class<?>> importsAndBootChain() throws IOException {
        List<Class<?>> chain = new ArrayList<>(Arrays.asList(BOOT_CHAIN));
        ClassPathResource imports = new ClassPathResource(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        try (InputStream in = imports.getInputStream()) {
            StreamUtils.copyToString(in, StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter((line) -> !line.isEmpty() && !line.startsWith("#"))
                .forEach((name) -> chain.add(ClassUtils.resolveClassName(name, null)));
        }
        assertThat(chain).contains(GradientMetricsAutoConfiguration.class, GradientObservationAutoConfiguration.class);
        return chain;
    }

}
