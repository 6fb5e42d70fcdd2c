package io.github.gradientspring.autoconfigure.observation;

import java.io.IOException;
import java.time.Duration;

import io.github.gradientspring.autoconfigure.GradientAutoConfiguration;
import io.github.gradientspring.autoconfigure.GradientClientCustomizer;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.observation.DefaultGradientObservationConvention;
import io.github.gradientspring.client.observation.GradientObservationContext;
import io.github.gradientspring.client.observation.GradientObservationConvention;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradientObservationAutoConfiguration}: the application's observation registry and conventions
 * reach the auto-configured client, and a trace runs from the caller through the operation to each HTTP attempt.
 */
class GradientObservationAutoConfigurationTests {

    private static final String TOKEN = "dop_v1_observation_autoconfig_token_01234";

    private static final String JOB = "123e4567-e89b-12d3-a456-426614174000";

    private static final String JOB_BODY = "{\"job\":{\"uuid\":\"" + JOB + "\",\"phase\":\"BATCH_JOB_PHASE_RUNNING\"}}";

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
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
                    WebClientAutoConfiguration.class, WebClientObservationAutoConfiguration.class,
                    GradientAutoConfiguration.class, GradientObservationAutoConfiguration.class))
            .withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .withPropertyValues("gradient.access-token=" + TOKEN,
                    "gradient.base-url=http://127.0.0.1:" + this.server.getPort());
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void theClientObservesIntoTheApplicationsRegistryWithTheDefaultConvention() {
        this.contextRunner.run((context) -> {
            this.server.enqueue(json(200, JOB_BODY));
            context.getBean(IndexingJobsClient.class).retrieve(JOB).block(Duration.ofSeconds(10));
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            assertThat(registry).hasObservationWithNameEqualTo("gradient.client.operation")
                .that()
                .hasLowCardinalityKeyValue("gradient.operation", "retrieve")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasLowCardinalityKeyValue("http.status_code", "200")
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasLowCardinalityKeyValue("retried", "false")
                .hasHighCardinalityKeyValue("gradient.job.uuid", JOB);
        });
    }

    @Test
    void eachHttpAttemptOfBootsWebClientIsAChildOfTheOperationWhichIsAChildOfTheCaller() {
        this.contextRunner.run((context) -> {
            this.server.enqueue(json(200, JOB_BODY));
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            Observation caller = Observation.start("caller", registry);
            context.getBean(IndexingJobsClient.class)
                .retrieve(JOB)
                .contextWrite((reactor) -> reactor.put(ObservationThreadLocalAccessor.KEY, caller))
                .block(Duration.ofSeconds(10));
            caller.stop();
            assertThat(registry).hasObservationWithNameEqualTo("gradient.client.operation")
                .that()
                .hasParentObservationEqualTo(caller);
            assertThat(registry).hasObservationWithNameEqualTo("http.client.requests")
                .that()
                .hasLowCardinalityKeyValue("uri", "/v2/gen-ai/indexing_jobs/{uuid}")
                .hasParentObservationContextMatching((parent) -> parent instanceof GradientObservationContext);
        });
    }

    @Test
    void aConventionBeanReplacesTheDefault() {
        this.contextRunner.withBean(GradientObservationConvention.class, CustomConvention::new).run((context) -> {
            this.server.enqueue(json(200, JOB_BODY));
            context.getBean(IndexingJobsClient.class).retrieve(JOB).block(Duration.ofSeconds(10));
            assertThat(context.getBean(TestObservationRegistry.class))
                .hasObservationWithNameEqualTo("gradient.client.operation")
                .that()
                .hasLowCardinalityKeyValue("outcome", "custom")
                .hasLowCardinalityKeyValue("gradient.operation", "retrieve");
        });
    }

    @Test
    void aGlobalConventionBeanAppliesWhenThereIsNoConventionBean() {
        this.contextRunner.withBean(GlobalConvention.class, GlobalConvention::new).run((context) -> {
            this.server.enqueue(json(200, JOB_BODY));
            context.getBean(IndexingJobsClient.class).retrieve(JOB).block(Duration.ofSeconds(10));
            assertThat(context.getBean(TestObservationRegistry.class))
                .hasObservationWithNameEqualTo("gradient.client.operation")
                .that()
                .hasLowCardinalityKeyValue("global", "retrieve")
                .doesNotHaveLowCardinalityKeyValueWithKey("outcome");
        });
    }

    @Test
    void aConventionBeanWinsOverAGlobalConventionBean() {
        this.contextRunner.withBean(GlobalConvention.class, GlobalConvention::new)
            .withBean(GradientObservationConvention.class, CustomConvention::new)
            .run((context) -> {
                this.server.enqueue(json(200, JOB_BODY));
                context.getBean(IndexingJobsClient.class).retrieve(JOB).block(Duration.ofSeconds(10));
                assertThat(context.getBean(TestObservationRegistry.class))
                    .hasObservationWithNameEqualTo("gradient.client.operation")
                    .that()
                    .hasLowCardinalityKeyValue("outcome", "custom")
                    .doesNotHaveLowCardinalityKeyValueWithKey("global");
            });
    }

    @Test
    void anApplicationCustomizerHasTheLastWordOnTheConvention() {
        this.contextRunner.withBean(GradientObservationConvention.class, CustomConvention::new)
            .withBean(GradientClientCustomizer.class,
                    () -> (builder) -> builder.observationConvention(new DefaultGradientObservationConvention()))
            .run((context) -> {
                this.server.enqueue(json(200, JOB_BODY));
                context.getBean(IndexingJobsClient.class).retrieve(JOB).block(Duration.ofSeconds(10));
                assertThat(context.getBean(TestObservationRegistry.class))
                    .hasObservationWithNameEqualTo("gradient.client.operation")
                    .that()
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS");
            });
    }

    @Test
    void observationsCanBeSwitchedOffByBootsPrefixProperty() {
        this.contextRunner.withPropertyValues("management.observations.enable.gradient=false").run((context) -> {
            this.server.enqueue(json(200, JOB_BODY));
            context.getBean(IndexingJobsClient.class).retrieve(JOB).block(Duration.ofSeconds(10));
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            assertThat(registry).hasNumberOfObservationsWithNameEqualTo("gradient.client.operation", 0);
        });
    }

    @Test
    void isOffWithoutSpringBootsObservationModule() {
        new ApplicationContextRunner()
            .withInitializer((context) -> context.getEnvironment()
                .getPropertySources()
                .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
            .withConfiguration(AutoConfigurations.of(GradientAutoConfiguration.class,
                    GradientObservationAutoConfiguration.class))
            .withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .withPropertyValues("gradient.access-token=" + TOKEN)
            .withClassLoader(new FilteredClassLoader(ObservationAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean("gradientObservationConventionCustomizer")
                .hasSingleBean(IndexingJobsClient.class));
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    static final class CustomConvention extends DefaultGradientObservationConvention {

        @Override
        protected KeyValue outcome(GradientObservationContext context) {
            return KeyValue.of("outcome", "custom");
        }

    }

    static final class GlobalConvention implements GlobalObservationConvention<GradientObservationContext> {

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof GradientObservationContext;
        }

        @Override
        public String getName() {
            return DefaultGradientObservationConvention.NAME;
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(GradientObservationContext context) {
            return KeyValues.of("global", context.getOperation().tagValue());
        }

    }

}
