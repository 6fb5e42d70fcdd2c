package io.github.gradientspring.test;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests sharing a context do not see each other's jobs: the simulator is reset after each test method, while the
 * knowledge bases seeded stay.
 */
@SpringBootTest(classes = SampleApplication.class)
@AutoConfigureGradientSimulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorResetBetweenTestsTests {

    private static String knowledgeBaseUuid;

    @Autowired
    IndexingJobsClient client;

    @Autowired
    GradientSimulator simulator;

    @Test
    @Order(1)
    void firstTestStartsAJob() {
        knowledgeBaseUuid = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("kept").dataSource(1, 10)).uuid();
        this.client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBaseUuid)).block(Duration.ofSeconds(10));
        assertThat(this.simulator.journal().total()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void secondTestSeesAFreshJournalAndNoJobs() {
        assertThat(this.simulator.journal().total()).isZero();
        assertThat(this.simulator.knowledgeBases()).extracting("uuid").contains(knowledgeBaseUuid);
        assertThat(this.client.listByKnowledgeBase(knowledgeBaseUuid).block(Duration.ofSeconds(10)).jobs()).isEmpty();
    }

}
