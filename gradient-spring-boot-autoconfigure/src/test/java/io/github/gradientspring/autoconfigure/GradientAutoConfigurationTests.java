package io.github.gradientspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientAutoConfiguration}: which beans appear, from which settings.
 */
class GradientAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withInitializer(WireFixtures::withoutProcessEnvironment)
        .withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class));

    @Test
    void createsClientWithDefaultsWhenOnlyTheTokenIsSet() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN).run((context) -> {
            assertThat(context).hasSingleBean(IndexingJobsClient.class);
            assertThat(context).hasBean("indexingJobsClient");
            GradientProperties properties = context.getBean(GradientProperties.class);
            assertThat(properties.isEnabled()).isTrue();
            assertThat(properties.getBaseUrl()).isEqualTo("https://api.digitalocean.com");
            assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.getMaxResponseSize()).isEqualTo(DataSize.ofMegabytes(4));
            assertThat(properties.getListAllPageSize()).isEqualTo(200);
            assertThat(properties.getRetry().getMaxRetries()).isEqualTo(2);
            assertThat(properties.getRetry().getInitialDelay()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.getRetry().getMaxDelay()).isEqualTo(Duration.ofSeconds(8));
            assertThat(properties.getRetry().getMaxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.getRetry().getJitter()).isEqualTo(0.25);
            assertThat(properties.getWatch().getInitialInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.getWatch().getMaxInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getWatch().getTimeout()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.getRateLimit().isEnabled()).isTrue();
            assertThat(properties.getRateLimit().getRequestsPerMinute()).isEqualTo(200);
            assertThat(properties.getRateLimit().getRequestsPerHour()).isEqualTo(4000);
        });
    }

    @Test
    void bindsEveryProperty() {
        this.contextRunner
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN, "gradient.base-url=https://gradient.example.com/api",
                    "gradient.timeout=7s", "gradient.connect-timeout=750ms", "gradient.max-response-size=64KB",
                    "gradient.list-all-page-size=50", "gradient.retry.max-retries=5", "gradient.retry.initial-delay=1s",
                    "gradient.retry.max-delay=20s", "gradient.retry.max-retry-after=15s", "gradient.retry.jitter=0",
                    "gradient.watch.initial-interval=100ms", "gradient.watch.max-interval=3s",
                    "gradient.watch.timeout=10m", "gradient.rate-limit.enabled=false",
                    "gradient.rate-limit.requests-per-minute=100", "gradient.rate-limit.requests-per-hour=2000")
            .run((context) -> {
                assertThat(context).hasSingleBean(IndexingJobsClient.class);
                GradientProperties properties = context.getBean(GradientProperties.class);
                assertThat(properties.getAccessToken()).isEqualTo(WireFixtures.TOKEN);
                assertThat(properties.getBaseUrl()).isEqualTo("https://gradient.example.com/api");
                assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofMillis(750));
                assertThat(properties.getMaxResponseSize()).isEqualTo(DataSize.ofKilobytes(64));
                assertThat(properties.getListAllPageSize()).isEqualTo(50);
                assertThat(properties.getRetry().getMaxRetries()).isEqualTo(5);
                assertThat(properties.getRetry().getInitialDelay()).isEqualTo(Duration.ofSeconds(1));
                assertThat(properties.getRetry().getMaxDelay()).isEqualTo(Duration.ofSeconds(20));
                assertThat(properties.getRetry().getMaxRetryAfter()).isEqualTo(Duration.ofSeconds(15));
                assertThat(properties.getRetry().getJitter()).isZero();
                assertThat(properties.getWatch().getInitialInterval()).isEqualTo(Duration.ofMillis(100));
                assertThat(properties.getWatch().getMaxInterval()).isEqualTo(Duration.ofSeconds(3));
                assertThat(properties.getWatch().getTimeout()).isEqualTo(Duration.ofMinutes(10));
                assertThat(properties.getRateLimit().isEnabled()).isFalse();
                assertThat(properties.getRateLimit().getRequestsPerMinute()).isEqualTo(100);
                assertThat(properties.getRateLimit().getRequestsPerHour()).isEqualTo(2000);
            });
    }

    @Test
    void theRateLimitPropertiesIncludingMaxWaitAndMaxQueuedReachTheClientsBudget() {
        // A token of this test's own: every client of one token and base URL in the JVM shares one budget.
        this.contextRunner
            .withPropertyValues("gradient.access-token=max-wait-test-token", "gradient.rate-limit.requests-per-minute=30",
                    "gradient.rate-limit.requests-per-hour=600", "gradient.rate-limit.max-wait=15s",
                    "gradient.rate-limit.max-queued=25")
            .run((context) -> {
                GradientProperties.RateLimit rateLimit = context.getBean(GradientProperties.class).getRateLimit();
                assertThat(rateLimit.getMaxWait()).isEqualTo(Duration.ofSeconds(15));
                assertThat(rateLimit.getMaxQueued()).isEqualTo(25);
                assertThat(context.getBean(IndexingJobsClient.class).budget().policy())
                    .isEqualTo(RateLimitPolicy.of(30, 600).withMaxWait(Duration.ofSeconds(15)).withMaxQueued(25));
            });
    }

    @Test
    void theRateLimitWaitAndQueueDefaultToThoseOfTheClient() {
        GradientProperties.RateLimit rateLimit = new GradientProperties().getRateLimit();
        assertThat(rateLimit.getMaxWait()).isEqualTo(RateLimitPolicy.DEFAULT_MAX_WAIT);
        assertThat(rateLimit.getMaxQueued()).isEqualTo(RateLimitPolicy.DEFAULT_MAX_QUEUED);
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnClient() {
        IndexingJobsClient own = IndexingJobsClient.builder().accessToken("own-token").build();
        // No token is configured: the auto-configuration must not even try to build its client.
        this.contextRunner.withBean("myClient", IndexingJobsClient.class, () -> own).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(IndexingJobsClient.class);
            assertThat(context.getBean(IndexingJobsClient.class)).isSameAs(own);
        });
    }

    @Test
    void createsNothingWhenDisabled() {
        this.contextRunner.withPropertyValues("gradient.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(IndexingJobsClient.class);
            assertThat(context).doesNotHaveBean(GradientProperties.class);
            assertThat(context).doesNotHaveBean("gradientAccessTokenSanitizingFunction");
        });
    }

    @Test
    void createsNothingWhenWebClientIsNotOnTheClassPath() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(IndexingJobsClient.class);
                assertThat(context).doesNotHaveBean(GradientProperties.class);
            });
    }

    @Test
    void createsNothingWhenTheClientIsNotOnTheClassPath() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(IndexingJobsClient.class))
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN)
            .run((context) -> assertThat(context).doesNotHaveBean(GradientProperties.class));
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        List<String> calls = new ArrayList<>();
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN)
            .withBean("second", GradientClientCustomizer.class, () -> new Second(calls))
            .withBean("first", GradientClientCustomizer.class, () -> new First(calls))
            .withBean("third", GradientClientCustomizer.class, () -> (builder) -> calls.add("unordered"))
            .run((context) -> {
                assertThat(context).hasSingleBean(IndexingJobsClient.class);
                assertThat(calls).containsExactly("first", "second", "unordered");
            });
    }

    @Test
    void readsTheTokenFromDigitalOceanAccessTokenVariable() {
        this.contextRunner.withInitializer((context) -> context.getEnvironment()
            .getPropertySources()
            .addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    Map.of("DIGITALOCEAN_ACCESS_TOKEN", WireFixtures.TOKEN))))
            .run((context) -> {
                assertThat(context).hasSingleBean(IndexingJobsClient.class);
                assertThat(context.getBean(GradientProperties.class).getAccessToken()).isNull();
                assertThat(context.getBean(GradientConnectionDetails.class).accessToken()).isEqualTo(WireFixtures.TOKEN);
            });
    }

    @Test
    void prefersTheAccessTokenPropertyOverTheVariable() {
        this.contextRunner
            .withInitializer((context) -> TestPropertyValues.of("DIGITALOCEAN_ACCESS_TOKEN=from-variable")
                .applyTo(context.getEnvironment(), TestPropertyValues.Type.SYSTEM_ENVIRONMENT))
            .withPropertyValues("gradient.access-token=from-property")
            .run((context) -> assertThat(context.getBean(GradientConnectionDetails.class).accessToken())
                .isEqualTo("from-property"));
    }

    @Test
    void bindsGradientBaseUrlAndGradientAccessTokenVariables() {
        this.contextRunner
            .withInitializer((context) -> TestPropertyValues
                .of("GRADIENT_BASE_URL=https://gradient.example.com", "GRADIENT_ACCESS_TOKEN=" + WireFixtures.TOKEN)
                .applyTo(context.getEnvironment(), TestPropertyValues.Type.SYSTEM_ENVIRONMENT))
            .run((context) -> {
                assertThat(context).hasSingleBean(IndexingJobsClient.class);
                GradientProperties properties = context.getBean(GradientProperties.class);
                assertThat(properties.getBaseUrl()).isEqualTo("https://gradient.example.com");
                assertThat(properties.getAccessToken()).isEqualTo(WireFixtures.TOKEN);
            });
    }

    @Test
    void propertiesToStringMasksTheToken() {
        this.contextRunner.withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN).run((context) -> {
            String shown = context.getBean(GradientProperties.class).toString();
            assertThat(shown).doesNotContain(WireFixtures.TOKEN).contains("accessToken=******");
            assertThat(shown).contains("baseUrl=https://api.digitalocean.com", "maxRetries=2", "timeout=PT1H");
        });
        assertThat(new GradientProperties().toString()).contains("accessToken=(not set)");
    }

    @Order(1)
    static final class First implements GradientClientCustomizer {

        private final List<String> calls;

        First(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public void customize(IndexingJobsClient.Builder builder) {
            this.calls.add("first");
        }

    }

    @Order(2)
    static final class Second implements GradientClientCustomizer {

        private final List<String> calls;

        Second(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public void customize(IndexingJobsClient.Builder builder) {
            this.calls.add("second");
        }

    }

}
