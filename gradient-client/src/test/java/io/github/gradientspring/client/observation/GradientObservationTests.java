package io.github.gradientspring.client.observation;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.gradientspring.client.GradientOperation;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.error.GradientResponseException;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.client.model.RateLimitStatus;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code gradient.client.operation} observation: one per logical call, its keys for every way a call can end,
 * its place in a trace, and the conventions that can replace its keys.
 */
class GradientObservationTests {

    private static final String NAME = "gradient.client.operation";

    private static final String TOKEN = "dop_v1_observation_test_token_0123456789";

    private static final String JOB = "123e4567-e89b-12d3-a456-426614174000";

    private static final String KB = "9a8b7c6d-1234-4abc-8def-0123456789ab";

    private static final String JOB_BODY = "{\"job\":{\"uuid\":\"" + JOB + "\",\"knowledge_base_uuid\":\"" + KB
            + "\",\"phase\":\"BATCH_JOB_PHASE_SUCCEEDED\"}}";

    private static final RetryPolicy FAST_RETRIES = RetryPolicy.builder()
        .initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(2))
        .build();

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private MockWebServer server;

    @BeforeEach
    void startServer() throws IOException {
        this.server = new MockWebServer();
        this.server.start();
    }

    @AfterEach
    void stopServer() {
        this.server.close();
    }

    @Test
    void aSuccessfulCallIsOneObservationWithEveryKey() {
        this.server.enqueue(json(200, JOB_BODY));
        IndexingJob job = client().cancel(JOB).block(Duration.ofSeconds(30));

        assertThat(job.uuid()).isEqualTo(JOB);
        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(NAME, 1)
            .hasObservationWithNameEqualTo(NAME)
            .that()
            .hasContextualNameEqualTo("gradient cancel")
            .hasLowCardinalityKeyValue("gradient.operation", "cancel")
            .hasLowCardinalityKeyValue("outcome", "SUCCESS")
            .hasLowCardinalityKeyValue("http.status_code", "200")
            .hasLowCardinalityKeyValue("error.type", "none")
            .hasLowCardinalityKeyValue("retried", "false")
            .hasHighCardinalityKeyValue("gradient.job.uuid", JOB)
            .hasHighCardinalityKeyValue("gradient.base_url", baseUrl())
            .doesNotHaveHighCardinalityKeyValueWithKey("gradient.knowledge_base.uuid")
            .hasOnlyKeys("gradient.operation", "outcome", "http.status_code", "error.type", "retried",
                    "gradient.job.uuid", "gradient.base_url")
            .doesNotHaveError()
            .doesNotHaveParentObservation();
    }

    @Test
    void theKnowledgeBaseOfACallIsAHighCardinalityKey() {
        this.server.enqueue(json(200, JOB_BODY));
        client().create(new CreateIndexingJobRequest(KB, List.of())).block(Duration.ofSeconds(30));

        assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("gradient.operation", "create")
            .hasHighCardinalityKeyValue("gradient.knowledge_base.uuid", KB)
            .doesNotHaveHighCardinalityKeyValueWithKey("gradient.job.uuid");
    }

    @Test
    void aCallTheApiRefusesIsAClientErrorWithItsStatusAndExceptionType() {
        this.server.enqueue(json(404, "{\"id\":\"not_found\",\"message\":\"The resource you requested could not be found.\"}"));

        assertThatExceptionOfType(GradientNotFoundException.class).isThrownBy(() -> client().retrieve(JOB).block(Duration.ofSeconds(30)));
        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(NAME, 1)
            .hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("gradient.operation", "retrieve")
            .hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
            .hasLowCardinalityKeyValue("http.status_code", "404")
            .hasLowCardinalityKeyValue("error.type", "GradientNotFoundException")
            .hasLowCardinalityKeyValue("retried", "false")
            .hasError();
    }

    @Test
    void aRetriedServerErrorIsOneObservationWithEveryRetryInside() {
        for (int i = 0; i < 3; i++) {
            this.server.enqueue(json(500, "{\"id\":\"server_error\",\"message\":\"Unexpected server-side error\"}"));
        }

        assertThatExceptionOfType(GradientServerException.class).isThrownBy(() -> client().retrieve(JOB).block(Duration.ofSeconds(30)));
        assertThat(this.server.getRequestCount()).isEqualTo(3);
        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(NAME, 1)
            .hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
            .hasLowCardinalityKeyValue("http.status_code", "500")
            .hasLowCardinalityKeyValue("error.type", "GradientServerException")
            .hasLowCardinalityKeyValue("retried", "true");
        assertThat(onlyGradientContext().getRetryReasons()).containsExactly("500", "500");
    }

    @Test
    void aCallThatSucceedsAfterARetryIsASuccessMarkedRetried() {
        this.server.enqueue(json(503, "{\"id\":\"service_unavailable\",\"message\":\"Try again\"}"));
        this.server.enqueue(json(200, JOB_BODY));

        client().retrieve(JOB).block(Duration.ofSeconds(30));

        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(NAME, 1)
            .hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("outcome", "SUCCESS")
            .hasLowCardinalityKeyValue("http.status_code", "200")
            .hasLowCardinalityKeyValue("error.type", "none")
            .hasLowCardinalityKeyValue("retried", "true");
        GradientObservationContext context = onlyGradientContext();
        assertThat(context.getRetries()).isEqualTo(1);
        assertThat(context.getRetryReasons()).containsExactly("503");
    }

    @Test
    void aCallThatCannotConnectIsAConnectionErrorWithNoStatus() {
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(this.registry)
            .retryPolicy(FAST_RETRIES)
            .clientConnector(failingConnector(new ConnectException("Connection refused")))
            .build();

        assertThatExceptionOfType(GradientConnectionException.class).isThrownBy(() -> client.retrieve(JOB).block(Duration.ofSeconds(30)));
        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(NAME, 1)
            .hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("outcome", "CONNECTION_ERROR")
            .hasLowCardinalityKeyValue("http.status_code", "NONE")
            .hasLowCardinalityKeyValue("error.type", "GradientConnectionException")
            .hasLowCardinalityKeyValue("retried", "true");
        assertThat(onlyGradientContext().getRetryReasons()).containsExactly("connection", "connection");
    }

    @Test
    void aCallWhoseAttemptTimesOutIsATimeoutWithNoStatus() {
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(this.registry)
            .retryPolicy(RetryPolicy.none())
            .timeout(Duration.ofMillis(200))
            .clientConnector(stalledConnector())
            .build();

        // The per-attempt timeout runs on Reactor's parallel scheduler, in real time here: 200 ms.
        StepVerifier.create(client.retrieve(JOB))
            .expectError(GradientTimeoutException.class)
            .verify(Duration.ofSeconds(10));
        assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("outcome", "TIMEOUT")
            .hasLowCardinalityKeyValue("http.status_code", "NONE")
            .hasLowCardinalityKeyValue("error.type", "GradientTimeoutException")
            .hasLowCardinalityKeyValue("retried", "false");
    }

    @Test
    void aSuccessfulResponseWithAnUnreadableBodyIsAnErrorWithItsStatus() {
        this.server.enqueue(json(200, "{\"job\": [not json"));

        assertThatExceptionOfType(GradientResponseException.class).isThrownBy(() -> client().retrieve(JOB).block(Duration.ofSeconds(30)));
        assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("outcome", "ERROR")
            .hasLowCardinalityKeyValue("http.status_code", "200")
            .hasLowCardinalityKeyValue("error.type", "GradientResponseException");
    }

    @Test
    void aCallItsSubscriberCancelsIsCancelledWithoutAnError() {
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(this.registry)
            .clientConnector(stalledConnector())
            .build();

        Disposable call = client.retrieve(JOB).subscribe();
        call.dispose();

        assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("outcome", "CANCELLED")
            .hasLowCardinalityKeyValue("http.status_code", "NONE")
            .hasLowCardinalityKeyValue("error.type", "none")
            .doesNotHaveError();
    }

    @Test
    void takingOneDataSourceOfACompletedCallIsStillASuccess() {
        this.server.enqueue(json(200, "{\"indexed_data_sources\":[{\"data_source_uuid\":\"" + KB + "\"},"
                + "{\"data_source_uuid\":\"" + JOB + "\"}]}"));

        client().listDataSources(JOB).take(1).blockLast();

        assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("gradient.operation", "list_data_sources")
            .hasLowCardinalityKeyValue("outcome", "SUCCESS");
    }

    @Test
    void theCallersObservationInTheReactorContextIsTheParentAndEachAttemptIsAChild() {
        this.server.enqueue(json(503, "{\"id\":\"service_unavailable\",\"message\":\"Try again\"}"));
        this.server.enqueue(json(200, JOB_BODY));
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(this.registry)
            .retryPolicy(FAST_RETRIES)
            .webClientBuilder(WebClient.builder().observationRegistry(this.registry))
            .build();
        Observation parent = Observation.start("caller", this.registry);

        client.retrieve(JOB).contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent)).block(Duration.ofSeconds(30));
        parent.stop();

        assertThat(this.registry).hasObservationWithNameEqualTo(NAME).that().hasParentObservationEqualTo(parent);
        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("http.client.requests", 2)
            .forAllObservationsWithNameEqualTo("http.client.requests", (request) -> request
                .hasParentObservationContextMatching((context) -> context instanceof GradientObservationContext));
    }

    @Test
    void aClientWithoutItsOwnWebClientBuilderRecordsEachAttemptInItsRegistry() {
        this.server.enqueue(json(200, JOB_BODY));

        client().retrieve(JOB).block(Duration.ofSeconds(30));

        assertThat(this.registry).hasObservationWithNameEqualTo("http.client.requests")
            .that()
            .hasLowCardinalityKeyValue("uri", "/v2/gen-ai/indexing_jobs/{uuid}")
            .hasParentObservationContextMatching((context) -> context instanceof GradientObservationContext);
    }

    // The polls of all watches are made by the client's one watch hub, and a single list request may refresh many
    // watches at once, so a poll is its own observation rather than a child of one watch's.
    @Test
    void aWatchIsOneObservationAndItsPollsAreObservedAsRetrieves() {
        this.server.enqueue(json(200, JOB_BODY));

        List<IndexingJob> states = client().watch(JOB).collectList().block(Duration.ofSeconds(30));

        assertThat(states).hasSize(1);
        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(NAME, 2)
            .hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("gradient.operation", "watch")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasLowCardinalityKeyValue("http.status_code", "NONE")
                .hasHighCardinalityKeyValue("gradient.job.uuid", JOB))
            .hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("gradient.operation", "retrieve")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasHighCardinalityKeyValue("gradient.job.uuid", JOB));
    }

    @Test
    void aConventionGivenToTheClientWinsOverAGlobalOneAndTheDefault() {
        this.registry.observationConfig().observationConvention(new GlobalConvention());
        this.server.enqueue(json(200, JOB_BODY));
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(this.registry)
            .observationConvention(new DefaultGradientObservationConvention() {
                @Override
                protected KeyValue outcome(GradientObservationContext context) {
                    return KeyValue.of("outcome", "custom");
                }
            })
            .build();

        client.retrieve(JOB).block(Duration.ofSeconds(30));

        assertThat(this.registry).hasObservationWithNameEqualTo(NAME)
            .that()
            .hasLowCardinalityKeyValue("outcome", "custom")
            .hasLowCardinalityKeyValue("gradient.operation", "retrieve")
            .doesNotHaveLowCardinalityKeyValueWithKey("global");
    }

    @Test
    void aGlobalConventionOfTheRegistryWinsOverTheDefault() {
        this.registry.observationConfig().observationConvention(new GlobalConvention());
        this.server.enqueue(json(200, JOB_BODY));

        client().retrieve(JOB).block(Duration.ofSeconds(30));

        assertThat(this.registry).hasObservationWithNameEqualTo("gradient.global")
            .that()
            .hasLowCardinalityKeyValue("global", "retrieve")
            .doesNotHaveLowCardinalityKeyValueWithKey("outcome");
    }

    @Test
    void everyResponseReachesTheResponseListenersWithItsRateLimit() {
        this.server.enqueue(json(429, "{\"id\":\"too_many_requests\",\"message\":\"API rate limit exceeded.\"}")
            .newBuilder()
            .addHeader("ratelimit-limit", "5000")
            .addHeader("ratelimit-remaining", "0")
            .addHeader("ratelimit-reset", "1700000000")
            .addHeader("retry-after", "0")
            .build());
        this.server.enqueue(json(200, JOB_BODY).newBuilder()
            .addHeader("ratelimit-limit", "5000")
            .addHeader("ratelimit-remaining", "4999")
            .build());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(this.registry)
            .retryPolicy(FAST_RETRIES)
            .responseListener((operation, status, rateLimit) -> {
                throw new IllegalStateException("a broken listener must not break the call");
            })
            .responseListener((operation, status, rateLimit) -> seen
                .add(operation.tagValue() + " " + status + " " + rateLimit.remaining() + "/" + rateLimit.limit()))
            .build();

        IndexingJob job = client.retrieve(JOB).block(Duration.ofSeconds(30));

        assertThat(job.uuid()).isEqualTo(JOB);
        assertThat(seen).containsExactly("retrieve 429 0/5000", "retrieve 200 4999/5000");
        assertThat(onlyGradientContext().getRateLimit()).isEqualTo(new RateLimitStatus(5000L, 4999L, null));
        assertThat(onlyGradientContext().getRetryReasons()).containsExactly("429");
    }

    @Test
    void responseListenersWorkWithoutAnObservationRegistry() {
        this.server.enqueue(json(200, "{\"jobs\":[],\"meta\":{\"total\":0}}").newBuilder()
            .addHeader("ratelimit-limit", "250")
            .addHeader("ratelimit-remaining", "249")
            .build());
        AtomicReference<RateLimitStatus> last = new AtomicReference<>();
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(ObservationRegistry.NOOP)
            .responseListener((operation, status, rateLimit) -> last.set(rateLimit))
            .build();

        client.list(PageRequest.of(1, 1)).block(Duration.ofSeconds(30));

        assertThat(last.get()).isEqualTo(new RateLimitStatus(250L, 249L, null));
    }

    @Test
    void noKeyOfAnyObservationCarriesTheToken() {
        this.server.enqueue(json(401, "{\"id\":\"unauthorized\",\"message\":\"Unable to authenticate you.\"}"));
        this.server.enqueue(json(200, JOB_BODY));
        IndexingJobsClient client = client();

        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.retrieve(JOB).block(Duration.ofSeconds(30)));
        client.retrieve(JOB).block(Duration.ofSeconds(30));

        assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> {
            assertThat(contexts).hasSizeGreaterThanOrEqualTo(2);
            for (Observation.Context context : contexts) {
                KeyValues all = context.getAllKeyValues();
                assertThat(all.stream().map(KeyValue::getValue)).noneMatch((value) -> value.contains(TOKEN));
                assertThat(String.valueOf(context.getContextualName())).doesNotContain(TOKEN);
            }
        });
    }

    @Test
    void aBuilderCopyIsIndependentOfItsOriginal() {
        this.server.enqueue(json(200, JOB_BODY));
        List<Integer> originalSeen = new ArrayList<>();
        List<Integer> copySeen = new ArrayList<>();
        IndexingJobsClient.Builder original = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(this.registry)
            .responseListener((operation, status, rateLimit) -> originalSeen.add(status));
        IndexingJobsClient copy = original.copy()
            .retryPolicy(RetryPolicy.none())
            .responseListener((operation, status, rateLimit) -> copySeen.add(status))
            .build();

        copy.retrieve(JOB).block(Duration.ofSeconds(30));

        assertThat(originalSeen).containsExactly(200);
        assertThat(copySeen).containsExactly(200);
        this.server.enqueue(json(200, JOB_BODY));
        original.build().retrieve(JOB).block(Duration.ofSeconds(30));
        assertThat(originalSeen).containsExactly(200, 200);
        assertThat(copySeen).containsExactly(200);
        assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(NAME, 2);
    }

    private GradientObservationContext onlyGradientContext() {
        List<GradientObservationContext> found = new ArrayList<>();
        assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
            .filter(GradientObservationContext.class::isInstance)
            .map(GradientObservationContext.class::cast)
            .forEach(found::add));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void aRegistryWithoutHandlersSeesNoObservationUntilAHandlerIsAddedAfterTheClientWasBuilt() {
        ObservationRegistry registry = ObservationRegistry.create();
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(registry)
            .build();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        this.server.enqueue(json(200, JOB_BODY));
        assertThat(client.cancel(JOB).block(Duration.ofSeconds(30))).isNotNull();
        assertThat(seen).isEmpty();

        // Handlers may arrive after the client is built (as with a registry that is configured late): the client
        // asks on every call whether anything observes it.
        registry.observationConfig().observationHandler(new ObservationHandler<>() {

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                seen.add(context.getName());
            }

        });
        this.server.enqueue(json(200, JOB_BODY));
        assertThat(client.cancel(JOB).block(Duration.ofSeconds(30))).isNotNull();
        assertThat(seen).contains(NAME);
    }

    private IndexingJobsClient client() {
        return IndexingJobsClient.builder()
            .accessToken(TOKEN)
            .baseUrl(baseUrl())
            .observationRegistry(this.registry)
            .retryPolicy(FAST_RETRIES)
            .build();
    }

    private String baseUrl() {
        String url = this.server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static ClientHttpConnector stalledConnector() {
        return (method, uri, requestCallback) -> Mono.never();
    }

    private static ClientHttpConnector failingConnector(Throwable failure) {
        return (method, uri, requestCallback) -> Mono.error(failure);
    }

    /** Renames the observation and replaces its keys, to show when a global convention applies. */
    static final class GlobalConvention implements GlobalObservationConvention<GradientObservationContext> {

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof GradientObservationContext;
        }

        @Override
        public String getName() {
            return "gradient.global";
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(GradientObservationContext context) {
            return KeyValues.of("global", context.getOperation().tagValue());
        }

    }

}
