package io.github.gradientspring.autoconfigure.health;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingSchedule;
import io.github.gradientspring.client.model.PageRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code gradient} health indicator against a mock API: what each answer means for health, which details it
 * shows (never the token), and how often it really asks.
 */
class GradientHealthIndicatorTests {

    private static final String TOKEN = "dop_v1_health_test_token_abcdef0123456789";

    private static final String EMPTY_PAGE = "{\"jobs\":[],\"links\":{},\"meta\":{\"page\":1,\"pages\":1,\"total\":0}}";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Duration TTL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

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
    void isUpWithBaseUrlLatencyAndRateLimitWhenTheApiAnswers() throws InterruptedException {
        this.server.enqueue(json(200, EMPTY_PAGE).newBuilder()
            .addHeader("ratelimit-limit", "5000")
            .addHeader("ratelimit-remaining", "4321")
            .addHeader("ratelimit-reset", "1764331200")
            .build());

        Health health = check(indicator());

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("baseUrl", baseUrl())
            .containsEntry("latencyMillis", 0L)
            .containsEntry("rateLimitRemaining", 4321L)
            .containsEntry("rateLimitLimit", 5000L)
            .containsEntry("rateLimitReset", "2025-11-28T12:00:00Z")
            .containsEntry("checkedAt", "2026-11-28T12:00:00Z")
            .doesNotContainKeys("error", "hint", "rateLimited");
        RecordedRequest request = this.server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/indexing_jobs?page=1&per_page=1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertNoDetailCarriesTheToken(health);
    }

    @Test
    void isDownWithTheErrorIdAndATokenHintOn401() {
        this.server.enqueue(json(401, "{\"id\":\"unauthorized\",\"message\":\"Unable to authenticate you.\","
                + "\"request_id\":\"4d9d8375-3c56-4925-a3e7-eb137fed17e9\"}"));

        Health health = check(indicator());

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("status", 401)
            .containsEntry("errorId", "unauthorized")
            .containsEntry("requestId", "4d9d8375-3c56-4925-a3e7-eb137fed17e9")
            .containsEntry("hint", GradientHealthIndicator.HINT_UNAUTHORIZED)
            .containsEntry("baseUrl", baseUrl())
            .containsKey("error");
        assertThat(this.server.getRequestCount()).isEqualTo(1);
        assertNoDetailCarriesTheToken(health);
    }

    @Test
    void isDownWithTheErrorIdAndAScopeHintOn403() {
        this.server.enqueue(json(403, "{\"id\":\"forbidden\",\"message\":\"You are not authorized to perform this operation\"}"));

        Health health = check(indicator());

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("status", 403)
            .containsEntry("errorId", "forbidden")
            .containsEntry("hint", GradientHealthIndicator.HINT_FORBIDDEN);
        assertThat((String) health.getDetails().get("hint")).contains("genai:read");
        assertNoDetailCarriesTheToken(health);
    }

    @Test
    void isUpAndMarkedRateLimitedWhenTheSharedBudgetRefusesTheCheckWithoutSendingIt() {
        this.server.enqueue(json(200, EMPTY_PAGE));
        IndexingJobsClient.Builder builder = builder().rateLimitPolicy(RateLimitPolicy.of(1, 1));
        IndexingJobsClient application = builder.build();
        application.list(PageRequest.of(1, 20)).block(Duration.ofSeconds(10));

        Health health = check(new GradientHealthIndicator(builder, baseUrl(), TIMEOUT, TTL, this.clock));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("rateLimited", true).containsEntry("status", 0);
        assertThat(this.server.getRequestCount()).as("the check was not sent").isEqualTo(1);
    }

    @Test
    void isUpAndMarkedRateLimitedOn429WithoutRetrying() {
        this.server.enqueue(json(429, "{\"id\":\"too_many_requests\",\"message\":\"API rate limit exceeded.\"}")
            .newBuilder()
            .addHeader("ratelimit-limit", "5000")
            .addHeader("ratelimit-remaining", "0")
            .addHeader("retry-after", "30")
            .build());

        Health health = check(indicator());

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("rateLimited", true)
            .containsEntry("status", 429)
            .containsEntry("errorId", "too_many_requests")
            .containsEntry("rateLimitRemaining", 0L)
            .containsEntry("rateLimitLimit", 5000L)
            .containsEntry("retryAfterMillis", 30_000L)
            .doesNotContainKeys("hint", "error");
        assertThat(this.server.getRequestCount()).isEqualTo(1);
        assertNoDetailCarriesTheToken(health);
    }

    @Test
    void isDownOnAServerErrorWithoutRetrying() {
        this.server.enqueue(json(503, "{\"id\":\"service_unavailable\",\"message\":\"Try again later\"}"));
        this.server.enqueue(json(200, EMPTY_PAGE));

        Health health = check(indicator());

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("status", 503)
            .containsEntry("hint", GradientHealthIndicator.HINT_SERVER_ERROR);
        assertThat(this.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void isDownWhenTheConnectionIsRefused() throws IOException {
        MockWebServer closed = new MockWebServer();
        closed.start();
        String refusedUrl = "http://127.0.0.1:" + closed.getPort();
        closed.close();
        GradientHealthIndicator indicator = new GradientHealthIndicator(builder().baseUrl(refusedUrl), refusedUrl,
                TIMEOUT, TTL, this.clock);

        Health health = check(indicator);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("hint", GradientHealthIndicator.HINT_CONNECTION)
            .containsEntry("baseUrl", refusedUrl);
        assertThat((String) health.getDetails().get("error")).contains("could not connect");
        assertNoDetailCarriesTheToken(health);
    }

    @Test
    void isDownWhenTheApiDoesNotAnswerWithinTheTimeout() {
        IndexingJobsClient.Builder stalled = builder().clientConnector((method, uri, callback) -> Mono.never());

        StepVerifier
            .withVirtualTime(() -> new GradientHealthIndicator(stalled, baseUrl(), TIMEOUT, TTL, this.clock).health())
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(4999))
            .thenAwait(Duration.ofMillis(1))
            .assertNext((health) -> {
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("timeoutMillis", 5000L)
                    .containsEntry("hint", GradientHealthIndicator.HINT_TIMEOUT)
                    .containsEntry("error", "No answer within 5000 ms");
                assertNoDetailCarriesTheToken(health);
            })
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void boundsAClientThatWouldWaitLongerThanTheHealthTimeout() {
        StepVerifier
            .withVirtualTime(() -> new GradientHealthIndicator(new StubClient(Mono.never()),
                    new GradientHealthIndicator.LastResponse(), baseUrl(), TIMEOUT, TTL, this.clock)
                .health())
            .expectSubscription()
            .thenAwait(TIMEOUT)
            .assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.DOWN))
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void sendsOneRequestPerCacheTtlHoweverOftenItIsProbed() {
        this.server.enqueue(json(200, EMPTY_PAGE));
        this.server.enqueue(json(401, "{\"id\":\"unauthorized\",\"message\":\"Unable to authenticate you.\"}"));
        GradientHealthIndicator indicator = indicator();

        for (int i = 0; i < 10; i++) {
            assertThat(check(indicator).getStatus()).isEqualTo(Status.UP);
            this.clock.advance(Duration.ofSeconds(5));
        }
        assertThat(this.server.getRequestCount()).isEqualTo(1);

        this.clock.advance(Duration.ofSeconds(10));
        assertThat(check(indicator).getStatus()).isEqualTo(Status.DOWN);
        assertThat(check(indicator).getStatus()).isEqualTo(Status.DOWN);
        assertThat(this.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void concurrentProbesShareTheRequestUnderWay() {
        Sinks.One<IndexingJobPage> answer = Sinks.one();
        StubClient client = new StubClient(answer.asMono());
        GradientHealthIndicator indicator = new GradientHealthIndicator(client,
                new GradientHealthIndicator.LastResponse(), baseUrl(), TIMEOUT, TTL, this.clock);

        List<Mono<Health>> probes = List.of(indicator.health(), indicator.health(), indicator.health());
        Flux<Health> all = Flux.merge(probes);
        StepVerifier.create(all)
            .then(() -> answer.tryEmitValue(new IndexingJobPage(List.of(), null, null)))
            .expectNextCount(3)
            .expectComplete()
            .verify(Duration.ofSeconds(10));

        assertThat(client.subscriptions.get()).isEqualTo(1);
    }

    @Test
    void withoutACacheTtlEveryProbeAsks() {
        this.server.enqueue(json(200, EMPTY_PAGE));
        this.server.enqueue(json(200, EMPTY_PAGE));
        GradientHealthIndicator indicator = new GradientHealthIndicator(builder(), baseUrl(), TIMEOUT, Duration.ZERO,
                this.clock);

        check(indicator);
        check(indicator);

        assertThat(this.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void rejectsATimeoutThatIsNotPositiveAndANegativeCacheTtl() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GradientHealthIndicator(builder(), baseUrl(), Duration.ZERO, TTL))
            .withMessageContaining("gradient.health.timeout");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GradientHealthIndicator(builder(), baseUrl(), TIMEOUT, Duration.ofSeconds(-1)))
            .withMessageContaining("gradient.health.cache-ttl");
    }

    @Test
    void leavesTheApplicationsBuilderUnchanged() {
        this.server.enqueue(json(503, "{\"id\":\"service_unavailable\",\"message\":\"Try again later\"}"));
        this.server.enqueue(json(200, EMPTY_PAGE));
        IndexingJobsClient.Builder applicationBuilder = builder().retryPolicy(
                io.github.gradientspring.client.RetryPolicy.builder()
                    .initialDelay(Duration.ofMillis(1))
                    .maxDelay(Duration.ofMillis(2))
                    .build());
        new GradientHealthIndicator(applicationBuilder, baseUrl(), TIMEOUT, TTL, this.clock);

        applicationBuilder.build().list(PageRequest.of(1, 1)).block(Duration.ofSeconds(10));

        assertThat(this.server.getRequestCount()).isEqualTo(2);
    }

    private GradientHealthIndicator indicator() {
        return new GradientHealthIndicator(builder(), baseUrl(), TIMEOUT, TTL, this.clock);
    }

    private IndexingJobsClient.Builder builder() {
        return IndexingJobsClient.builder().accessToken(TOKEN).baseUrl(baseUrl());
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + this.server.getPort();
    }

    private static Health check(GradientHealthIndicator indicator) {
        return indicator.health().block(Duration.ofSeconds(10));
    }

    private static void assertNoDetailCarriesTheToken(Health health) {
        for (Map.Entry<String, Object> detail : health.getDetails().entrySet()) {
            assertThat(String.valueOf(detail.getValue())).as(detail.getKey()).doesNotContain(TOKEN);
        }
        assertThat(health.toString()).doesNotContain(TOKEN);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** A client whose list answers with the given Mono, counting subscriptions; nothing else is called. */
    static final class StubClient implements IndexingJobsClient {

        final AtomicInteger subscriptions = new AtomicInteger();

        private final Mono<IndexingJobPage> page;

        StubClient(Mono<IndexingJobPage> page) {
            this.page = page;
        }

        @Override
        public Mono<IndexingJobPage> list(PageRequest pageRequest) {
            return this.page.doOnSubscribe((subscription) -> this.subscriptions.incrementAndGet());
        }

        @Override
        public Mono<IndexingJob> create(CreateIndexingJobRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<IndexingJob> retrieve(String jobUuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flux<IndexingJob> listAll() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<IndexingJobPage> listByKnowledgeBase(String knowledgeBaseUuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flux<IndexedDataSource> listDataSources(String jobUuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<URI> detailsSignedUrl(String jobUuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<IndexingJob> cancel(String jobUuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<IndexingSchedule> createSchedule(CreateIndexingScheduleRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<IndexingSchedule> retrieveSchedule(String knowledgeBaseUuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<IndexingSchedule> deleteSchedule(String scheduleUuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flux<IndexingJob> watch(String jobUuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<IndexingJob> awaitCompletion(String jobUuid, Duration timeout) {
            throw new UnsupportedOperationException();
        }

    }

}
