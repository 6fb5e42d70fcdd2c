package io.github.gradientspring.client;

import java.time.Duration;

import io.github.gradientspring.client.error.GradientTimeoutException;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeout is per attempt: each attempt gets the whole timeout, and a stalled server cannot hold a call longer
 * than its attempts' timeouts and the waits between them. Driven by virtual time, so nothing waits for real.
 */
class TimeoutTests {

    private final MockGradientApi api = new MockGradientApi();

    @AfterEach
    void close() {
        this.api.close();
    }

    @Test
    void anAttemptWithoutAResponseTimesOutAfterTheTimeout() {
        this.api.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        IndexingJobsClient client = this.api.builder().retryPolicy(RetryPolicy.none()).timeout(Duration.ofSeconds(5)).build();
        StepVerifier.withVirtualTime(() -> client.retrieve(MockGradientApi.JOB))
            .expectSubscription()
            .then(this.api::take)
            .expectNoEvent(Duration.ofMillis(4999))
            .thenAwait(Duration.ofMillis(1))
            .expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(GradientTimeoutException.class)
                .hasMessageContaining("within 5s (the per-attempt timeout)")
                .satisfies((e) -> assertThat(((GradientTimeoutException) e).timeout()).isEqualTo(Duration.ofSeconds(5))))
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void theDefaultDeadlineFiresOnTheClientsTimerWheelInRealTime() {
        this.api.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        IndexingJobsClient client = IndexingJobsClient.builder()
            .accessToken(MockGradientApi.TOKEN)
            .baseUrl(this.api.baseUrl())
            .retryPolicy(RetryPolicy.none())
            .timeout(Duration.ofMillis(100))
            .build();
        StepVerifier.create(client.retrieve(MockGradientApi.JOB))
            .expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(GradientTimeoutException.class)
                .hasMessageContaining("within 100ms"))
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void eachRetryGetsAFreshTimeout() {
        for (int i = 0; i < 3; i++) {
            this.api.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        }
        IndexingJobsClient client = this.api.builder().timeout(Duration.ofSeconds(5)).build();
        StepVerifier.withVirtualTime(() -> client.retrieve(MockGradientApi.JOB))
            .expectSubscription()
            .then(this.api::take)
            .thenAwait(Duration.ofSeconds(5))
            .then(this.api::take)
            .thenAwait(Duration.ofSeconds(5))
            .then(this.api::take)
            .thenAwait(Duration.ofSeconds(5))
            .expectError(GradientTimeoutException.class)
            .verify(Duration.ofSeconds(10));
        assertThat(this.api.retryWaits()).hasSize(2);
    }

    @Test
    void aStalledBodyTimesOutToo() {
        this.api.enqueue(MockGradientApi.json(200, "{\"job\":{\"uuid\":\"" + "x".repeat(50_000) + "\"}}")
            .onResponseBody(SocketEffect.Stall.INSTANCE)
            .build());
        IndexingJobsClient client = this.api.builder().retryPolicy(RetryPolicy.none()).timeout(Duration.ofSeconds(5)).build();
        StepVerifier.withVirtualTime(() -> client.retrieve(MockGradientApi.JOB))
            .expectSubscription()
            .then(this.api::take)
            .thenAwait(Duration.ofSeconds(5))
            .expectError(GradientTimeoutException.class)
            .verify(Duration.ofSeconds(10));
    }

}
