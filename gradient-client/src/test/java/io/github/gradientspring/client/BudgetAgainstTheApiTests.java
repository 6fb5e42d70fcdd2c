package io.github.gradientspring.client;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.gradientspring.client.error.RequestBudgetExhaustedException;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.RateLimits;
import io.github.gradientspring.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The failures of issue 13's budget, each reproduced against the simulator or mockwebserver before it was fixed.
 */
class BudgetAgainstTheApiTests {

    @Test
    void afterAPauseOneProbeGoesAndTheQueuedCallsFollowWhatRatelimitRemainingAllows() {
        VirtualApiTime time = new VirtualApiTime();
        // The API's hour allows 60; the client's own budget is larger, so only the API's headers hold it back.
        try (GradientSimulator simulator = GradientSimulator.builder().clock(time.clock)
            .rateLimits(RateLimits.of(250, 60)).start()) {
            IndexingJobsClient client = IndexingJobsClient.builder()
                .accessToken(simulator.accessToken()).baseUrl(simulator.baseUrl())
                .scheduler(time.scheduler).webClientBuilder(time.webClientBuilder())
                .timeout(Duration.ofDays(1))
                .rateLimitPolicy(RateLimitPolicy.of(250, 5000).withMaxWait(Duration.ofHours(1)))
                .build();
            // The oldest request of the hour at 0 s, the 59 others from ten minutes later, ten seconds apart: at
            // the API's reset one slot frees, then one every ten seconds from ten minutes after it.
            AtomicInteger answered = new AtomicInteger();
            client.list(PageRequest.of(1, 20)).subscribe((page) -> answered.incrementAndGet());
            time.advance(Duration.ofMinutes(10));
            for (int i = 0; i < 59; i++) {
                client.list(PageRequest.of(1, 20)).subscribe((page) -> answered.incrementAndGet());
                time.advance(Duration.ofSeconds(10));
            }
            assertThat(answered).hasValue(60);
            Instant reset = simulator.journal().requests().get(0).receivedAt().plusSeconds(3600);

            AtomicInteger queuedAnswered = new AtomicInteger();
            AtomicInteger queuedFailed = new AtomicInteger();
            for (int i = 0; i < 50; i++) {
                client.list(PageRequest.of(1, 20)).subscribe((page) -> queuedAnswered.incrementAndGet(),
                        (error) -> queuedFailed.incrementAndGet());
            }
            time.advanceUntil(() -> queuedAnswered.get() + queuedFailed.get() == 50, Duration.ofSeconds(1),
                    Duration.ofHours(2));

            assertThat(simulator.journal().rateLimited()).as("429 answers").isZero();
            assertThat(queuedAnswered).hasValue(50);
            List<RecordedRequest> afterPause = simulator.journal().requests().subList(60, 110);
            assertThat(afterPause.get(0).receivedAt()).as("the probe").isAfterOrEqualTo(reset);
            assertThat(afterPause.get(1).receivedAt()).as("the next, after the probe learned that none remained")
                .isAfter(afterPause.get(0).receivedAt());
        }
    }

    @Test
    void behindAnHourLongPauseACallFailsAtOnceWithTheClientSideException() {
        try (MockGradientApi api = new MockGradientApi()) {
            long reset = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
            api.enqueue(MockGradientApi.json(200, MockGradientApi.job(MockGradientApi.JOB, "INDEX_JOB_STATUS_RUNNING"))
                .setHeader("ratelimit-limit", "5000").setHeader("ratelimit-remaining", "0")
                .setHeader("ratelimit-reset", Long.toString(reset)).build());
            IndexingJobsClient client = IndexingJobsClient.builder().accessToken(MockGradientApi.TOKEN)
                .baseUrl(api.baseUrl()).build();
            client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(10));

            long before = System.nanoTime();
            Throwable failure = catchThrowable(() -> client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(90)));
            Duration took = Duration.ofNanos(System.nanoTime() - before);

            assertThat(failure).isInstanceOf(RequestBudgetExhaustedException.class);
            RequestBudgetExhaustedException exhausted = (RequestBudgetExhaustedException) failure;
            assertThat(exhausted.isFromServer()).isFalse();
            assertThat(exhausted.window()).isEqualTo(RequestBudgetExhaustedException.Window.SERVER_PAUSE);
            assertThat(exhausted.slotFreesAt()).isBetween(Instant.ofEpochSecond(reset).minusSeconds(5),
                    Instant.ofEpochSecond(reset).plusSeconds(1));
            assertThat(exhausted.getMessage()).startsWith("Not sent: the request budget is spent: DigitalOcean paused "
                    + "the token").doesNotContain(MockGradientApi.TOKEN);
            // "At once": no wait for the pause, only the work of failing (generous for a loaded machine).
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(api.requestCount()).as("the call was not sent").isEqualTo(1);
        }
    }

    @Test
    void aPolicyOfIntegerMaxValueBuildsAClientAtOnceWithTinyMemory() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // A first build loads the classes, whose allocations are not the budget's.
        IndexingJobsClient.builder().accessToken("warm-up-token").sharedBudget(false).build();
        long before = threads.getCurrentThreadAllocatedBytes();
        IndexingJobsClient client = IndexingJobsClient.builder().accessToken("max-value-token")
            .rateLimitPolicy(RateLimitPolicy.of(Integer.MAX_VALUE, Integer.MAX_VALUE)).build();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by the build").isLessThan(1024 * 1024);
        assertThat(client.budget().remainingInHour()).isEqualTo(Integer.MAX_VALUE);
        assertThat(client.budget().remainingInMinute()).isEqualTo(Integer.MAX_VALUE);
    }

}
