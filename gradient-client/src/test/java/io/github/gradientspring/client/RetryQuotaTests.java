package io.github.gradientspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.error.GradientTimeoutException;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The client-wide retry quota: failed attempts drain it, successes refill it, so that an outage is not tripled by
 * retries, and retrying resumes within a few successes once the service is back.
 */
class RetryQuotaTests {

    /** Steady traffic of 10 calls a second over a 60 s outage. */
    static final int OUTAGE_CALLS = 600;

    static final Duration BETWEEN_CALLS = Duration.ofMillis(100);

    private final GradientSimulator simulator = GradientSimulator.builder()
        .manualClock()
        .rateLimits(RateLimits.OFF)
        .start();

    private final String knowledgeBase = this.simulator
        .addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(3, 3_000))
        .uuid();

    private final WaitSkippingScheduler waits = new WaitSkippingScheduler();

    @AfterEach
    void stop() {
        this.simulator.close();
    }

    private IndexingJobsClient.Builder builder() {
        // The waits are skipped and recorded: the traffic model below is driven by call count, not by time.
        return IndexingJobsClient.builder()
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .rateLimitPolicy(RateLimitPolicy.unlimited())
            .retryPolicy(RetryPolicy.builder().jitter(0.0).build())
            .scheduler(this.waits);
    }

    private String listOnce(IndexingJobsClient client) {
        try {
            client.listByKnowledgeBase(this.knowledgeBase).block(Duration.ofSeconds(10));
            return "ok";
        }
        catch (GradientServerException ex) {
            return "503";
        }
    }

    /** Calls made while every request is answered 503; returns the requests the server received. */
    private long outage(IndexingJobsClient client) {
        this.simulator.journal().clear();
        this.simulator.faults().outage();
        for (int i = 0; i < OUTAGE_CALLS; i++) {
            assertThat(listOnce(client)).isEqualTo("503");
            this.simulator.advance(BETWEEN_CALLS);
        }
        this.simulator.faults().endOutage();
        return this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE);
    }

    @Test
    void theStandardQuotaHasTheAwsSdksNumbers() {
        RetryQuota quota = RetryQuota.standard();
        assertThat(quota.isEnabled()).isTrue();
        assertThat(quota.capacity()).isEqualTo(500);
        assertThat(quota.available()).isEqualTo(500);
        assertThat(quota.retryCost()).isEqualTo(5);
        assertThat(quota.timeoutRetryCost()).isEqualTo(10);
        assertThat(quota.successRefill()).isEqualTo(1);
        assertThat(RetryQuota.standard()).as("a new quota each time").isNotSameAs(quota);
    }

    @Test
    void retriesDrainTheQuotaAndSuccessesRefillItUpToItsCapacity() {
        RetryQuota quota = RetryQuota.of(12, 5, 10, 1);
        assertThat(quota.tryAcquire(false)).isEqualTo(5);
        assertThat(quota.tryAcquire(false)).isEqualTo(5);
        assertThat(quota.available()).isEqualTo(2);
        assertThat(quota.tryAcquire(false)).as("refused").isEqualTo(-1);
        assertThat(quota.deniedRetries()).isEqualTo(1);
        quota.succeeded(-1);
        quota.succeeded(-1);
        quota.succeeded(-1);
        assertThat(quota.available()).isEqualTo(5);
        assertThat(quota.tryAcquire(true)).as("a timeout retry costs 10").isEqualTo(-1);
        assertThat(quota.tryAcquire(false)).isEqualTo(5);
        quota.succeeded(5);
        assertThat(quota.available()).as("a success after a retry gives its cost back").isEqualTo(5);
        quota.succeeded(10);
        quota.succeeded(10);
        assertThat(quota.available()).as("never above the capacity").isEqualTo(12);
        assertThat(quota).hasToString("RetryQuota[available=12/12, retryCost=5, timeoutRetryCost=10, "
                + "successRefill=1, denied=2]");
    }

    @Test
    void aDisabledQuotaNeverRefuses() {
        RetryQuota quota = RetryQuota.disabled();
        for (int i = 0; i < 1_000; i++) {
            assertThat(quota.tryAcquire(i % 2 == 0)).isZero();
        }
        assertThat(quota.deniedRetries()).isZero();
        assertThat(quota).hasToString("RetryQuota[disabled]");
    }

    @Test
    void sizesAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> RetryQuota.of(0, 5, 10, 1)).withMessageContaining("capacity");
        assertThatIllegalArgumentException().isThrownBy(() -> RetryQuota.of(500, -1, 10, 1))
            .withMessageContaining("retryCost");
        assertThatIllegalArgumentException().isThrownBy(() -> RetryQuota.of(500, 5, -1, 1))
            .withMessageContaining("timeoutRetryCost");
        assertThatIllegalArgumentException().isThrownBy(() -> RetryQuota.of(500, 5, 10, -1))
            .withMessageContaining("successRefill");
        assertThatNullPointerException().isThrownBy(() -> IndexingJobsClient.builder().retryQuota(null))
            .withMessageContaining("retryQuota");
    }

    @Test
    void concurrentRetriesNeverTakeMoreThanTheQuotaHolds() throws Exception {
        RetryQuota quota = RetryQuota.of(500, 5, 10, 1);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < 4; t++) {
                threads.execute(() -> {
                    try {
                        start.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < 100; i++) {
                        if (quota.tryAcquire(false) > 0) {
                            granted.incrementAndGet();
                        }
                    }
                });
            }
            start.countDown();
        }
        finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(granted.get()).isEqualTo(100);
        assertThat(quota.available()).isZero();
        assertThat(quota.deniedRetries()).isEqualTo(300);
    }

    @Test
    void anOutageIsNotTripledByRetries() {
        RetryQuota quota = RetryQuota.standard();
        long attempts = outage(builder().retryQuota(quota).build());
        // 600 first attempts, and the 100 retries that 500 tokens at 5 a retry pay for.
        assertThat(attempts).isLessThanOrEqualTo((long) (1.2 * OUTAGE_CALLS)).isEqualTo(OUTAGE_CALLS + 100);
        assertThat(quota.available()).isLessThan(quota.retryCost());
        assertThat(quota.deniedRetries()).as("retries refused").isEqualTo(OUTAGE_CALLS - 50);
    }

    @Test
    void withoutTheQuotaTheSameOutageIsTripledAsTheOfficialSdksDo() {
        long attempts = outage(builder().retryQuota(RetryQuota.disabled()).build());
        assertThat(attempts).isEqualTo(3L * OUTAGE_CALLS);
    }

    @Test
    void retryingResumesWithinFiveSuccessesAfterTheOutage() {
        RetryQuota quota = RetryQuota.standard();
        IndexingJobsClient client = builder().retryQuota(quota).build();
        outage(client);
        this.simulator.journal().clear();

        // Straight after the outage the quota is spent: a single 503 is not retried.
        this.simulator.faults().on(Operation.LIST_BY_KNOWLEDGE_BASE).times(1).respond(Fault.status(503));
        assertThat(listOnce(client)).isEqualTo("503");
        assertThat(this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE)).isEqualTo(1);

        // Each success gives one token back; five of them pay for a retry (at 10 calls a second: half a second).
        int successes = 0;
        while (quota.available() < quota.retryCost() && successes < 10) {
            assertThat(listOnce(client)).isEqualTo("ok");
            successes++;
        }
        assertThat(successes).isLessThanOrEqualTo(5);
        this.simulator.journal().clear();
        this.simulator.faults().on(Operation.LIST_BY_KNOWLEDGE_BASE).times(1).respond(Fault.status(503));
        assertThat(listOnce(client)).as("retried, and the retry succeeds").isEqualTo("ok");
        assertThat(this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE)).isEqualTo(2);
    }

    @Test
    void noRetriesPolicyIsUnaffectedByTheQuota() {
        RetryQuota quota = RetryQuota.standard();
        long attempts = outage(builder().retryPolicy(RetryPolicy.none()).retryQuota(quota).build());
        assertThat(attempts).isEqualTo(OUTAGE_CALLS);
        assertThat(quota.available()).as("nothing was drawn").isEqualTo(500);
        assertThat(quota.deniedRetries()).isZero();
    }

    @Test
    void aRetryAfterATimeoutCostsTen() {
        RetryQuota quota = RetryQuota.of(15, 5, 10, 1);
        IndexingJobsClient client = builder().retryQuota(quota).timeout(Duration.ofMillis(200)).build();
        this.simulator.faults()
            .on(Operation.LIST_BY_KNOWLEDGE_BASE)
            .times(3)
            .respond(Fault.delay(Duration.ofSeconds(2)));
        Throwable error = catchThrowable(() -> client.listByKnowledgeBase(this.knowledgeBase).block(Duration.ofSeconds(10)));
        // The first retry took 10 of the 15 tokens; the second was refused, so the call ended after two attempts.
        assertThat(error).isInstanceOf(GradientTimeoutException.class);
        assertThat(this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE)).isEqualTo(2);
        assertThat(quota.available()).isEqualTo(5);
        assertThat(quota.deniedRetries()).isEqualTo(1);
    }

    @Test
    void clientsBuiltWithOneQuotaShareIt() {
        RetryQuota quota = RetryQuota.of(5, 5, 10, 1);
        IndexingJobsClient.Builder builder = builder();
        builder.retryQuota(quota);
        IndexingJobsClient first = builder.build();
        IndexingJobsClient second = builder.copy().build();
        this.simulator.faults().on(Operation.LIST_BY_KNOWLEDGE_BASE).times(3).respond(Fault.status(503));
        assertThat(listOnce(first)).as("the first 503 is retried; the retry meets the second 503 and the quota "
                + "is spent").isEqualTo("503");
        assertThat(listOnce(second)).as("the copy's client draws from the same, empty quota").isEqualTo("503");
        assertThat(this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE)).isEqualTo(3);
    }

    @Test
    void eachClientBuiltWithoutAQuotaHasItsOwn() {
        IndexingJobsClient.Builder builder = builder();
        builder.retryPolicy(RetryPolicy.builder().maxRetries(200).jitter(0.0).build());
        IndexingJobsClient drained = builder.build();
        IndexingJobsClient fresh = builder.build();
        this.simulator.faults().outage();
        listOnce(drained);
        this.simulator.faults().endOutage();
        this.simulator.journal().clear();
        assertThat(this.waits.skippedWaits()).as("100 retries, then the quota refused").hasSize(100);
        this.simulator.faults().on(Operation.LIST_BY_KNOWLEDGE_BASE).times(1).respond(Fault.status(503));
        assertThat(listOnce(fresh)).isEqualTo("ok");
        assertThat(this.simulator.journal().count(Operation.LIST_BY_KNOWLEDGE_BASE)).isEqualTo(2);
    }

}
