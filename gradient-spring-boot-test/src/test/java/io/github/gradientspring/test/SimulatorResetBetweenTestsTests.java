package io.github.gradientspring.test;

import java.time.Duration;

import io.github.gradientspring.autoconfigure.GradientProperties;
import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryQuota;
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
 * Tests sharing a context do not see each other's jobs, spent retries or spent requests: the simulator, the
 * client's retry quota and its request budget are reset after each test method, while the knowledge bases seeded
 * stay.
 */
@SpringBootTest(classes = SampleApplication.class,
        properties = { "gradient.retry.initial-delay=1ms", "gradient.retry.max-delay=2ms" })
@AutoConfigureGradientSimulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorResetBetweenTestsTests {

    private static String knowledgeBaseUuid;

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
        this.client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBaseUuid)).block(Duration.ofSeconds(10));
        assertThat(this.simulator.journal().total()).isEqualTo(1);
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
