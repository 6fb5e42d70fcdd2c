package io.github.gradientspring.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.gradientspring.client.error.IndexingJobFailedException;
import io.github.gradientspring.client.error.IndexingJobTimeoutException;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code watch} emits each distinct state until a terminal phase; {@code awaitCompletion} turns the end into a
 * value or a typed failure; cancelling stops polling.
 */
class WatchTests {

    private final MockGradientApi api = new MockGradientApi();

    // Real intervals of a millisecond keep these tests quick without virtual time; nothing here asserts on time.
    private final IndexingJobsClient client = this.api.builder()
        .watchInitialInterval(Duration.ofMillis(1))
        .watchMaxInterval(Duration.ofMillis(4))
        .build();

    @AfterEach
    void close() {
        this.api.close();
    }

    private void script(String... bodies) {
        AtomicInteger next = new AtomicInteger();
        this.api.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int index = Math.min(next.getAndIncrement(), bodies.length - 1);
                return MockGradientApi.json(200, bodies[index]).build();
            }
        });
    }

    private static String job(String phase, int completed) {
        return "{\"job\":{\"uuid\":\"" + MockGradientApi.JOB + "\",\"phase\":\"BATCH_JOB_PHASE_" + phase
                + "\",\"completed_datasources\":" + completed + ",\"total_datasources\":3}}";
    }

    @Test
    void watchEmitsEachDistinctStateAndCompletesAfterATerminalPhase() {
        script(job("PENDING", 0), job("RUNNING", 0), job("RUNNING", 0), job("RUNNING", 1), job("RUNNING", 1),
                job("SUCCEEDED", 3), job("RUNNING", 99));
        List<IndexingJob> states = this.client.watch(MockGradientApi.JOB).collectList().block(Duration.ofSeconds(10));
        assertThat(states).extracting(IndexingJob::phase, IndexingJob::completedDatasources)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(IndexingJobPhase.PENDING, 0L),
                    org.assertj.core.groups.Tuple.tuple(IndexingJobPhase.RUNNING, 0L),
                    org.assertj.core.groups.Tuple.tuple(IndexingJobPhase.RUNNING, 1L),
                    org.assertj.core.groups.Tuple.tuple(IndexingJobPhase.SUCCEEDED, 3L));
        assertThat(this.api.requestCount()).isEqualTo(6);
    }

    @Test
    void awaitCompletionReturnsTheSucceededJob() {
        script(job("RUNNING", 1), job("SUCCEEDED", 3));
        IndexingJob job = this.client.awaitCompletion(MockGradientApi.JOB, Duration.ofMinutes(5)).block(Duration.ofSeconds(10));
        assertThat(job.phase()).isEqualTo(IndexingJobPhase.SUCCEEDED);
    }

    @Test
    void awaitCompletionFailsWithTheJobWhenItEndsFailedErroredOrCancelled() {
        for (String phase : List.of("FAILED", "ERROR", "CANCELLED")) {
            script(job("RUNNING", 1), job(phase, 1));
            Throwable error = catchThrowable(
                    () -> this.client.awaitCompletion(MockGradientApi.JOB, Duration.ofMinutes(5)).block(Duration.ofSeconds(10)));
            assertThat(error).isInstanceOf(IndexingJobFailedException.class).hasMessageContaining(phase);
            assertThat(((IndexingJobFailedException) error).job().phase()).isEqualTo(IndexingJobPhase.valueOf(phase));
        }
    }

    @Test
    void awaitCompletionTimesOutWithTheTimeoutItWasGiven() {
        script(job("RUNNING", 1));
        IndexingJobsClient slowPolling = this.api.builder().timeout(Duration.ofHours(1)).build();
        StepVerifier.withVirtualTime(() -> slowPolling.awaitCompletion(MockGradientApi.JOB, Duration.ofSeconds(90)))
            .expectSubscription()
            .thenAwait(Duration.ofSeconds(90))
            .expectErrorSatisfies((error) -> {
                assertThat(error).isInstanceOf(IndexingJobTimeoutException.class)
                    .hasMessageContaining(MockGradientApi.JOB + " did not end within 90s")
                    .hasMessageContaining("keeps running");
                assertThat(((IndexingJobTimeoutException) error).timeout()).isEqualTo(Duration.ofSeconds(90));
            })
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void watchFailsAfterTheClientsWatchTimeout() {
        script(job("RUNNING", 1));
        // Attempts may take longer than the watch, so that the jump of virtual time cannot time out an attempt whose
        // real response is still on its way.
        IndexingJobsClient bounded = this.api.builder()
            .watchTimeout(Duration.ofMinutes(10))
            .timeout(Duration.ofHours(1))
            .build();
        StepVerifier.withVirtualTime(() -> bounded.watch(MockGradientApi.JOB))
            .expectSubscription()
            .thenAwait(Duration.ofMinutes(10))
            .thenConsumeWhile((job) -> true)
            .expectError(IndexingJobTimeoutException.class)
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void cancellingAWatchStopsItsPolling() throws InterruptedException {
        script(job("RUNNING", 1));
        IndexingJobsClient slowPolling = this.api.client();
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try {
            List<IndexingJob> seen = new CopyOnWriteArrayList<>();
            CountDownLatch first = new CountDownLatch(1);
            Disposable watching = slowPolling.watch(MockGradientApi.JOB).subscribe((job) -> {
                seen.add(job);
                first.countDown();
            });
            time.advanceTimeBy(WatchHub.FIRST_POLL_DELAY);
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            watching.dispose();
            time.advanceTimeBy(Duration.ofHours(2));
            assertThat(this.api.requestCount()).isEqualTo(1);
            assertThat(seen).hasSize(1);
        }
        finally {
            VirtualTimeScheduler.reset();
        }
    }

}
