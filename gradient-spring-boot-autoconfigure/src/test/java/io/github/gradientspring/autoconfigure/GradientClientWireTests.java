package io.github.gradientspring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on the wire that the auto-configured client carries the application's settings: what a mock API server
 * receives from it, and how it treats what the server answers.
 */
class GradientClientWireTests {

    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    private MockWebServer server;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void startServer() throws Exception {
        this.server = WireFixtures.startServer();
        // Boot's real HTTP client chain, as an application with the starter gets it.
        this.contextRunner = new ApplicationContextRunner().withInitializer(WireFixtures::withoutProcessEnvironment)
            .withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
                    ReactiveHttpClientAutoConfiguration.class, JacksonAutoConfiguration.class,
                    CodecsAutoConfiguration.class, WebClientAutoConfiguration.class, GradientAutoConfiguration.class))
            .withPropertyValues("gradient.access-token=" + WireFixtures.TOKEN,
                    "gradient.base-url=" + WireFixtures.baseUrl(this.server));
    }

    @AfterEach
    void stopServer() {
        this.server.close();
    }

    @Test
    void sendsTheTokenToTheConfiguredBaseUrl() throws Exception {
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        this.contextRunner.run((context) -> {
            IndexingJobsClient client = context.getBean(IndexingJobsClient.class);
            StepVerifier.create(client.retrieve(WireFixtures.JOB_UUID))
                .assertNext((job) -> assertThat(job.phase()).isEqualTo(IndexingJobPhase.RUNNING))
                .expectComplete()
                .verify(VERIFY_TIMEOUT);
        });
        RecordedRequest request = take();
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs/" + WireFixtures.JOB_UUID);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + WireFixtures.TOKEN);
    }

    @Test
    void userWebClientCustomizerReachesTheClientsRequests() throws Exception {
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        this.contextRunner
            .withBean(WebClientCustomizer.class,
                    () -> (builder) -> builder.defaultHeader("X-Application", "inventory-service"))
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID))
                .expectNextCount(1)
                .expectComplete()
                .verify(VERIFY_TIMEOUT));
        assertThat(take().getHeaders().get("X-Application")).isEqualTo("inventory-service");
    }

    @Test
    void sendsThroughBootsConnectorBuilderWithItsCustomizers() throws Exception {
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        this.contextRunner
            .withBean(ClientHttpConnectorBuilderCustomizer.class,
                    () -> (ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>) (builder) -> builder
                        .withHttpClientCustomizer((httpClient) -> httpClient
                            .headers((headers) -> headers.set("X-Connector", "boot"))))
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID))
                .expectNextCount(1)
                .expectComplete()
                .verify(VERIFY_TIMEOUT));
        assertThat(take().getHeaders().get("X-Connector")).isEqualTo("boot");
    }

    @Test
    void doesNotFollowRedirectsEvenWhenBootIsToldTo() throws Exception {
        this.server.enqueue(new MockResponse.Builder().code(302)
            .addHeader("Location", WireFixtures.baseUrl(this.server) + "/elsewhere")
            .build());
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        this.contextRunner.withPropertyValues("spring.http.clients.redirects=follow", "gradient.retry.max-retries=0")
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID))
                .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(GradientException.class)
                    .hasMessageContaining("redirects are not followed"))
                .verify(VERIFY_TIMEOUT));
        assertThat(take().getTarget()).startsWith("/v2/gen-ai/indexing_jobs/");
        assertThat(this.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void applicationJsonMapperLeavesTheWireFormatUnchanged() throws Exception {
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_PENDING")));
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        this.contextRunner
            .withBean(JsonMapper.class,
                    () -> JsonMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build())
            .run((context) -> {
                IndexingJobsClient client = context.getBean(IndexingJobsClient.class);
                // The body carries a field the model does not know; the application's mapper would reject it.
                StepVerifier.create(client.create(CreateIndexingJobRequest.forKnowledgeBase(WireFixtures.KNOWLEDGE_BASE_UUID)))
                    .assertNext((job) -> {
                        assertThat(job.knowledgeBaseUuid()).isEqualTo(WireFixtures.KNOWLEDGE_BASE_UUID);
                        assertThat(job.totalTokens()).hasToString("18446744073709551615");
                    })
                    .expectComplete()
                    .verify(VERIFY_TIMEOUT);
                StepVerifier.create(client.retrieve(WireFixtures.JOB_UUID))
                    .assertNext((job) -> assertThat(job.createdAt()).isNotNull())
                    .expectComplete()
                    .verify(VERIFY_TIMEOUT);
            });
        RecordedRequest create = take();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getBody().utf8()).isEqualTo("{\"knowledge_base_uuid\":\"" + WireFixtures.KNOWLEDGE_BASE_UUID + "\"}");
    }

    @Test
    void customizerHasTheLastWordOverProperties() throws Exception {
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        String serverUrl = WireFixtures.baseUrl(this.server);
        this.contextRunner.withPropertyValues("gradient.base-url=https://api.digitalocean.com")
            .withBean(GradientClientCustomizer.class, () -> (builder) -> builder.baseUrl(serverUrl))
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID))
                .expectNextCount(1)
                .expectComplete()
                .verify(VERIFY_TIMEOUT));
        assertThat(this.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void maxRetriesAndInitialDelayBoundTheAttempts() throws Exception {
        for (int i = 0; i < 3; i++) {
            this.server.enqueue(new MockResponse.Builder().code(503).build());
        }
        this.contextRunner
            .withPropertyValues("gradient.retry.max-retries=1", "gradient.retry.initial-delay=10ms",
                    "gradient.retry.max-delay=10ms")
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID))
                .expectError(GradientServerException.class)
                .verify(VERIFY_TIMEOUT));
        assertThat(this.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void timeoutBoundsEachAttempt() {
        this.server.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).build());
        this.contextRunner.withPropertyValues("gradient.timeout=200ms", "gradient.retry.max-retries=0")
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID))
                .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(GradientTimeoutException.class)
                    .hasMessageContaining("within 200ms"))
                .verify(VERIFY_TIMEOUT));
    }

    @Test
    void maxResponseSizeRejectsLargerBodies() {
        String padding = "x".repeat(4096);
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")
            .replace("\"a_field_from_the_future\"", "\"padding\": \"" + padding + "\", \"a_field_from_the_future\"")));
        this.contextRunner.withPropertyValues("gradient.max-response-size=2KB", "gradient.retry.max-retries=0")
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID))
                .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(GradientResponseException.class)
                    .hasMessageContaining("2048 bytes"))
                .verify(VERIFY_TIMEOUT));
    }

    @Test
    void listAllPageSizeSetsPerPage() throws Exception {
        this.server.enqueue(WireFixtures.json("{\"jobs\": [], \"links\": {}, \"meta\": {\"page\": 1, \"pages\": 1, \"total\": 0}}"));
        this.contextRunner.withPropertyValues("gradient.list-all-page-size=37")
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).listAll())
                .expectComplete()
                .verify(VERIFY_TIMEOUT));
        assertThat(take().getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs?page=1&per_page=37");
    }

    @Test
    void rateLimitPropertiesBoundTheRequestsSent() {
        for (int i = 0; i < 3; i++) {
            this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        }
        this.contextRunner.withPropertyValues("gradient.rate-limit.requests-per-minute=2")
            .run((context) -> {
                IndexingJobsClient client = context.getBean(IndexingJobsClient.class);
                StepVerifier.create(client.retrieve(WireFixtures.JOB_UUID).repeat(1)).expectNextCount(2).expectComplete()
                    .verify(VERIFY_TIMEOUT);
                // The third request waits for the budget, 30 seconds away: it must not reach the server now.
                StepVerifier.create(client.retrieve(WireFixtures.JOB_UUID))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(200))
                    .thenCancel()
                    .verify(VERIFY_TIMEOUT);
            });
        assertThat(this.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aDisabledRateLimitLetsEveryRequestThrough() {
        for (int i = 0; i < 3; i++) {
            this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_RUNNING")));
        }
        this.contextRunner
            .withPropertyValues("gradient.rate-limit.enabled=false", "gradient.rate-limit.requests-per-minute=1")
            .run((context) -> StepVerifier
                .create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID).repeat(2))
                .expectNextCount(3)
                .expectComplete()
                .verify(VERIFY_TIMEOUT));
        assertThat(this.server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void recordsOperationsInTheApplicationsObservationRegistry() {
        this.server.enqueue(WireFixtures.json(WireFixtures.jobBody("BATCH_JOB_PHASE_SUCCEEDED")));
        TestObservationRegistry registry = TestObservationRegistry.create();
        this.contextRunner.withBean(TestObservationRegistry.class, () -> registry)
            .run((context) -> StepVerifier.create(context.getBean(IndexingJobsClient.class).retrieve(WireFixtures.JOB_UUID))
                .expectNextMatches(IndexingJob::isTerminal)
                .expectComplete()
                .verify(VERIFY_TIMEOUT));
        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("gradient.client.operation");
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the mock server").isNotNull();
        return request;
    }

}
