package io.github.gradientspring.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
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

    // A new watch is first polled this long after it starts, so that watches started together share their first poll.
    private static final Duration FIRST_POLL_DELAY = Duration.ofMillis(50);

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

    private static String job(String phase, int completed, String updatedAt) {
        return "{\"job\":" + item(MockGradientApi.JOB, phase, completed, updatedAt) + "}";
    }

    private static String item(String uuid, String phase, int completed, String updatedAt) {
        return "{\"uuid\":\"" + uuid + "\",\"phase\":\"BATCH_JOB_PHASE_" + phase + "\",\"completed_datasources\":"
                + completed + ",\"total_datasources\":3" + ((updatedAt != null) ? ",\"updated_at\":\"" + updatedAt + "\"" : "")
                + "}";
    }

    private static String page(String... items) {
        return "{\"jobs\":[" + String.join(",", items) + "],\"links\":{},\"meta\":{\"page\":1,\"pages\":1,\"total\":"
                + items.length + "}}";
    }

    // Through the public builder only, with polls a millisecond apart so that no test waits long in real time.
    private IndexingJobsClient.Builder publicBuilder() {
        return IndexingJobsClient.builder()
            .accessToken(MockGradientApi.TOKEN)
            .baseUrl(this.api.baseUrl())
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .watchInitialInterval(Duration.ofMillis(1))
            .watchMaxInterval(Duration.ofMillis(4));
    }

    private IndexingJobsClient publicClient() {
        return publicBuilder().build();
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
    void aStateOlderThanOneAlreadyEmittedIsDroppedAndLogged() {
        script(job("RUNNING", 1, "2026-01-01T00:00:10Z"), job("PENDING", 0, "2026-01-01T00:00:05Z"),
                job("SUCCEEDED", 3, "2026-01-01T00:00:20Z"));
        // The logger name docs/watching.md gives.
        List<ILoggingEvent> logs = CapturedLogs.capture("io.github.gradientspring.client.internal.WatchHub", Level.DEBUG, () -> assertThat(publicClient().watch(MockGradientApi.JOB)
            .collectList()
            .block(Duration.ofSeconds(10))).extracting(IndexingJob::phase)
            .containsExactly(IndexingJobPhase.RUNNING, IndexingJobPhase.SUCCEEDED));
        assertThat(logs).extracting(ILoggingEvent::getFormattedMessage)
            .anySatisfy((line) -> assertThat(line).contains("stale")
                .contains(MockGradientApi.JOB)
                .contains("2026-01-01T00:00:05Z")
                .contains("2026-01-01T00:00:10Z")
                .contains("1 stale state"));
        assertThat(this.api.requestCount()).isEqualTo(3);
    }

    @Test
    void aStateWithTheSameUpdatedAtButOtherContentIsEmitted() {
        script(job("RUNNING", 1, "2026-01-01T00:00:10Z"), job("RUNNING", 2, "2026-01-01T00:00:10Z"),
                job("SUCCEEDED", 3, "2026-01-01T00:00:20Z"));
        List<IndexingJob> states = publicClient().watch(MockGradientApi.JOB).collectList().block(Duration.ofSeconds(10));
        assertThat(states).extracting(IndexingJob::completedDatasources).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aStateWithoutUpdatedAtCannotBeOrderedAndIsEmitted() {
        script(job("RUNNING", 1, "2026-01-01T00:00:10Z"), job("PENDING", 0), job("SUCCEEDED", 3, "2026-01-01T00:00:20Z"));
        List<IndexingJob> states = publicClient().watch(MockGradientApi.JOB).collectList().block(Duration.ofSeconds(10));
        assertThat(states).extracting(IndexingJob::phase)
            .containsExactly(IndexingJobPhase.RUNNING, IndexingJobPhase.PENDING, IndexingJobPhase.SUCCEEDED);
    }

    @Test
    void withTheListSweepOffOnlyRetrievesAreSent() {
        assertThat(firstPollOfTwoWatches(false)).hasSize(2)
            .allSatisfy((path) -> assertThat(path).matches("/v2/gen-ai/indexing_jobs/[0-9a-f-]{36}"));
    }

    @Test
    void controlWithTheListSweepOnTwoWatchesStartedTogetherShareOneListRequest() {
        assertThat(firstPollOfTwoWatches(true)).singleElement().asString().startsWith("/v2/gen-ai/indexing_jobs?page=1");
    }

    /**
     * Starts two watches at the same virtual instant, lets their first poll happen, and returns the paths the server
     * was asked for; every answer says the job succeeded, so each watch ends after its first state.
     */
    private List<String> firstPollOfTwoWatches(boolean listSweep) {
        String other = "223e4567-e89b-12d3-a456-426614174000";
        List<String> paths = new CopyOnWriteArrayList<>();
        this.api.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String target = request.getTarget();
                paths.add(target);
                String body = target.contains("?page=")
                        ? page(item(MockGradientApi.JOB, "SUCCEEDED", 3, null), item(other, "SUCCEEDED", 3, null))
                        : "{\"job\":" + item(target.endsWith(other) ? other : MockGradientApi.JOB, "SUCCEEDED", 3, null) + "}";
                return MockGradientApi.json(200, body).build();
            }
        });
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try {
            IndexingJobsClient client = publicBuilder().scheduler(time).watchListSweep(listSweep).build();
            reactor.core.publisher.Mono<List<IndexingJob>> states = reactor.core.publisher.Flux
                .merge(client.watch(MockGradientApi.JOB), client.watch(other))
                .collectList()
                .cache();
            states.subscribe();
            time.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(states.block(Duration.ofSeconds(10))).extracting(IndexingJob::phase)
                .containsOnly(IndexingJobPhase.SUCCEEDED)
                .hasSize(2);
            return paths;
        }
        finally {
            time.dispose();
        }
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
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        // On virtual time, so that the next poll can only come when the test moves the clock.
        IndexingJobsClient slowPolling = this.api.builder().scheduler(time).build();
        try {
            List<IndexingJob> seen = new CopyOnWriteArrayList<>();
            CountDownLatch first = new CountDownLatch(1);
            Disposable watching = slowPolling.watch(MockGradientApi.JOB).subscribe((job) -> {
                seen.add(job);
                first.countDown();
            });
            time.advanceTimeBy(FIRST_POLL_DELAY);
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            watching.dispose();
            time.advanceTimeBy(Duration.ofHours(2));
            assertThat(this.api.requestCount()).isEqualTo(1);
            assertThat(seen).hasSize(1);
        }
        finally {
            time.dispose();
        }
    }

    @Test
    void stopWatchesEndsEveryOpenWatchWithAnErrorAndStopsItsPolls() {
        script(job("RUNNING", 1));
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        IndexingJobsClient client = this.api.builder().scheduler(time).build();
        try {
            AtomicReference<Throwable> ended = new AtomicReference<>();
            client.watch(MockGradientApi.JOB).subscribe((job) -> { }, ended::set);
            client.stopWatches();
            time.advanceTimeBy(Duration.ofHours(1));
            assertThat(ended.get()).isInstanceOf(io.github.gradientspring.client.error.GradientException.class)
                .hasMessageContaining("stopWatches()");
            assertThat(this.api.requestCount()).as("polls after the stop").isZero();
        }
        finally {
            time.dispose();
        }
    }

}
