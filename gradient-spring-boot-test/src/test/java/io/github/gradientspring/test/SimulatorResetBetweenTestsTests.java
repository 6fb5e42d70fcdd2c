package io.github.gradientspring.test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.gradientspring.autoconfigure.GradientProperties;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
import io.github.gradientspring.client.error.GradientException;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests sharing a context do not see each other's jobs, spent retries, spent requests or open watches: the
 * simulator, the client's retry quota, its request budget and its watches are reset after each test method, while the
 * knowledge bases seeded stay.
 */
@SpringBootTest(classes = SampleApplication.class,
        properties = { "gradient.retry.initial-delay=1ms", "gradient.retry.max-delay=2ms" })
@AutoConfigureGradientSimulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorResetBetweenTestsTests {

    private static String knowledgeBaseUuid;

    // How the watch the first test leaves open ended; the simulator's manual clock keeps its job pending.
    private static final AtomicReference<Throwable> leftOpenWatchEnd = new AtomicReference<>();

    @Autowired
    IndexingJobsClient client;

    @Autowired
    GradientSimulator simulator;

    @Autowired
    RetryQuota retryQuota;

    @Test
    @Order(1)
    void firstTestStartsAJob() {
        knowledgeBaseUuid = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("kept").dataSource(1, 10)).uuid();
        String job = this.client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBaseUuid))
            .block(Duration.ofSeconds(10))
            .uuid();
        assertThat(this.simulator.journal().total()).isEqualTo(1);
        this.client.watch(job).subscribe((state) -> { }, leftOpenWatchEnd::set);
        // Two retries of a failing call take tokens from the client's retry quota.
        this.simulator.faults().on(Operation.LIST_BY_KNOWLEDGE_BASE).times(3).respond(Fault.status(503));
        assertThatExceptionOfType(GradientServerException.class)
            .isThrownBy(() -> this.client.listByKnowledgeBase(knowledgeBaseUuid).block(Duration.ofSeconds(10)));
        assertThat(this.retryQuota.available()).isLessThan(this.retryQuota.capacity());
        // Every request took a slot of the client's request budget.
        assertThat(this.client.budget().remainingInMinute())
            .isLessThan(this.client.budget().policy().requestsPerMinute());
    }

    @Test
    @Order(2)
    void secondTestSeesAFreshJournalAndNoJobs() {
        assertThat(leftOpenWatchEnd.get()).as("the watch the first test left open")
            .isInstanceOf(GradientException.class)
            .hasMessageContaining("stopWatches()");
        assertThat(this.simulator.journal().total()).isZero();
        assertThat(this.simulator.knowledgeBases()).extracting("uuid").contains(knowledgeBaseUuid);
        assertThat(this.retryQuota.available()).isEqualTo(this.retryQuota.capacity());
        assertThat(this.client.budget().remainingInMinute()).isEqualTo(this.client.budget().policy().requestsPerMinute());
        assertThat(this.client.listByKnowledgeBase(knowledgeBaseUuid).block(Duration.ofSeconds(10)).jobs()).isEmpty();
    }

    @Test
    @Order(3)
    void watchesPollQuicklyByDefaultUnderTheSimulator(@Autowired GradientProperties properties) {
        assertThat(properties.getWatch().getInitialInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(properties.getWatch().getMaxInterval()).isEqualTo(Duration.ofMillis(100));
    }

}
