package io.github.gradientspring.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The retry rules of the official SDKs, with the exact waits chosen, and {@code create} kept from starting a job
 * twice. The client under test records each wait instead of taking it.
 */
class RetryTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final MockGradientApi api = new MockGradientApi(NOW);

    private final IndexingJobsClient client = this.api.builder().build();

    @AfterEach
    void close() {
        this.api.close();
    }

    @Test
    void retriesTwiceOn503ThenFailsWithTheLastError() {
        for (int i = 0; i < 3; i++) {
            this.api.enqueueJson(503, "{\"id\":\"service_unavailable\",\"message\":\"try " + i + "\"}");
        }
        Throwable error = catchThrowable(() -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(error).isInstanceOf(GradientServerException.class).hasMessageContaining("try 2");
        assertThat(this.api.requestCount()).isEqualTo(3);
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void succeedsWhenARetrySucceeds() {
        this.api.enqueueJson(500, "{}");
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        assertThat(this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)).uuid()).isEqualTo(MockGradientApi.JOB);
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

    @Test
    void backoffDoublesUpToTheMaximumDelay() {
        IndexingJobsClient patient = this.api.builder().retryPolicy(RetryPolicy.builder().maxRetries(6).jitter(0.0).build()).build();
        for (int i = 0; i < 7; i++) {
            this.api.enqueueJson(500, "{}");
        }
        catchThrowable(() -> patient.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    @Test
    void jitterShortensTheWaitByUpToAQuarter() {
        // The jitter takes a random share of up to 25 %; bounds rather than exact values.
        IndexingJobsClient jittery = this.api.builder().retryPolicy(RetryPolicy.builder().jitter(0.25).build()).build();
        this.api.enqueueJson(500, "{}");
        this.api.enqueueJson(500, "{}");
        this.api.enqueueJson(500, "{}");
        catchThrowable(() -> jittery.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(this.api.retryWaits()).hasSize(2);
        assertThat(this.api.retryWaits().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(this.api.retryWaits().get(1)).isBetween(Duration.ofMillis(750), Duration.ofSeconds(1));
    }

    @Test
    void retryAfterMsIsHonouredExactlyAndWinsOverRetryAfter() {
        this.api.enqueue(MockGradientApi.json(429, "{}").addHeader("retry-after-ms", "1500").addHeader("retry-after", "9").build());
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        this.api.enqueue(MockGradientApi.json(503, "{}").addHeader("retry-after", "3").build());
        this.api.enqueue(MockGradientApi.json(503, "{}").addHeader("retry-after", "1.25").build());
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(1250));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredFromNow() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(7), ZoneOffset.UTC));
        this.api.enqueue(MockGradientApi.json(429, "{}").addHeader("retry-after", date).build());
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterUpToSixtySecondsIsHonouredAndLongerFallsBackToBackoff() {
        this.api.enqueue(MockGradientApi.json(429, "{}").addHeader("retry-after", "60").build());
        this.api.enqueue(MockGradientApi.json(429, "{}").addHeader("retry-after", "61").build());
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(1));
    }

    @Test
    void retryAfterInThePastOrUnreadableFallsBackToBackoff() {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.minusSeconds(5), ZoneOffset.UTC));
        this.api.enqueue(MockGradientApi.json(503, "{}").addHeader("retry-after", past).build());
        this.api.enqueue(MockGradientApi.json(503, "{}").addHeader("retry-after", "soon").build());
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(ints = { 408, 409, 429, 500, 502, 503, 504 })
    void retriesTheStatusesTheSdksRetry(int status) {
        this.api.enqueueJson(status, "{}");
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 422 })
    void neverRetriesClientErrors(int status) {
        this.api.enqueueJson(status, "{\"id\":\"x\",\"message\":\"no\"}");
        catchThrowable(() -> this.client.cancel(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(this.api.requestCount()).isEqualTo(1);
        assertThat(this.api.retryWaits()).isEmpty();
    }

    @Test
    void shouldRetryTrueRetriesWhatWouldNotBe() {
        this.api.enqueue(MockGradientApi.json(400, "{}").addHeader("x-should-retry", "true").build());
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30));
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

    @Test
    void shouldRetryFalseForbidsARetry() {
        this.api.enqueue(MockGradientApi.json(503, "{}").addHeader("x-should-retry", "false").build());
        catchThrowable(() -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @Test
    void noneMakesExactlyOneAttempt() {
        IndexingJobsClient once = this.api.builder().retryPolicy(RetryPolicy.none()).build();
        this.api.enqueueJson(503, "{}");
        catchThrowable(() -> once.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 408, 409, 500, 502, 504 })
    void createIsNotRetriedWhereAJobMayHaveStarted(int status) {
        this.api.enqueueJson(status, "{}");
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_PENDING"));
        catchThrowable(() -> this.client.create(CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB)).block(Duration.ofSeconds(30)));
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @Test
    void createIsNotRetriedOnShouldRetryTrueAlone() {
        this.api.enqueue(MockGradientApi.json(500, "{}").addHeader("x-should-retry", "true").build());
        catchThrowable(() -> this.client.create(CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB)).block(Duration.ofSeconds(30)));
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 503 })
    void createIsRetriedWhenTheApiSaysItTookNothingOn(int status) {
        this.api.enqueueJson(status, "{}");
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_PENDING"));
        this.client.create(CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB)).block(Duration.ofSeconds(30));
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

    @Test
    void createIsNotRetriedWhenTheConnectionBreaksMidResponse() {
        this.api.enqueue(MockGradientApi.json(200, "{\"job\":{\"uuid\":\"" + "x".repeat(100_000) + "\"}}")
            .onResponseBody(new SocketEffect.CloseSocket(true, true, true))
            .build());
        Throwable error = catchThrowable(
                () -> this.client.create(CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB)).block(Duration.ofSeconds(30)));
        assertThat(error).isInstanceOf(GradientConnectionException.class);
        assertThat(((GradientConnectionException) error).requestSent()).isTrue();
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @Test
    void retrieveIsRetriedWhenTheConnectionBreaksMidResponse() {
        this.api.enqueue(MockGradientApi.json(200, "{\"job\":{\"uuid\":\"" + "x".repeat(100_000) + "\"}}")
            .onResponseBody(new SocketEffect.CloseSocket(true, true, true))
            .build());
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        assertThat(this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)).uuid()).isEqualTo(MockGradientApi.JOB);
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

    @Test
    void createIsRetriedWhenTheConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        IndexingJobsClient refused = this.api.builder().baseUrl("http://127.0.0.1:" + closedPort).build();
        Throwable error = catchThrowable(
                () -> refused.create(CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB)).block(Duration.ofSeconds(30)));
        assertThat(error).isInstanceOf(GradientConnectionException.class).hasMessageContaining("could not connect");
        assertThat(((GradientConnectionException) error).requestSent()).isFalse();
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void createIsNotRetriedAfterAReadTimeout() {
        this.api.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        StepVerifier.withVirtualTime(() -> this.client.create(CreateIndexingJobRequest.forKnowledgeBase(MockGradientApi.KB)))
            .expectSubscription()
            .then(this.api::take)
            .thenAwait(Duration.ofSeconds(60))
            .expectError(GradientTimeoutException.class)
            .verify(Duration.ofSeconds(10));
        assertThat(this.api.retryWaits()).isEmpty();
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @Test
    void aResponseListenerIsToldOfEachRetryWithItsReason() {
        List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
        IndexingJobsClient listened = this.api.builder()
            .responseListener(new io.github.gradientspring.client.observation.GradientResponseListener() {

                @Override
                public void onResponse(GradientOperation operation, int statusCode,
                        io.github.gradientspring.client.model.RateLimitStatus rateLimit) {
                }

                @Override
                public void onRetry(GradientOperation operation, String reason) {
                    retries.add(operation.tagValue() + " " + reason);
                }

            })
            .build();
        this.api.enqueueJson(503, "{}");
        this.api.enqueueJson(429, "{}");
        this.api.enqueueJson(200, MockGradientApi.job(MockGradientApi.JOB, "BATCH_JOB_PHASE_RUNNING"));
        listened.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));
        assertThat(retries).containsExactly("retrieve 503", "retrieve 429");
    }

}
