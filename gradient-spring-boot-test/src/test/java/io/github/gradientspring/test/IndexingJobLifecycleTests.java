package io.github.gradientspring.test;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through Spring Boot: the auto-configured client starts, watches and cancels a job on the simulator
 * that {@link AutoConfigureGradientSimulator} started. Time moves only when the test moves the simulator's clock.
 */
// tag::spring-boot-test[]
@SpringBootTest(classes = SampleApplication.class)
@AutoConfigureGradientSimulator
class IndexingJobLifecycleTests {

    @Autowired
    IndexingJobsClient client;

    @Autowired
    GradientSimulator simulator;

    @Test
    void startsWatchesAndCancelsAJob() {
        SeededKnowledgeBase docs = this.simulator
            .addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(100, 400_000).dataSource(50, 200_000));
        IndexingJob created = this.client.create(CreateIndexingJobRequest.forKnowledgeBase(docs.uuid()))
            .block(Duration.ofSeconds(10));
        assertThat(created.phase()).isEqualTo(IndexingJobPhase.PENDING);

        StepVerifier.create(this.client.watch(created.uuid()))
            .assertNext((job) -> assertThat(job.phase()).isEqualTo(IndexingJobPhase.PENDING))
            .then(() -> this.simulator.advance(Duration.ofSeconds(3)))
            .assertNext((job) -> assertThat(job.phase()).isEqualTo(IndexingJobPhase.RUNNING))
            .then(() -> this.client.cancel(created.uuid()).block(Duration.ofSeconds(10)))
            .assertNext((job) -> assertThat(job.phase()).isEqualTo(IndexingJobPhase.CANCELLED))
            .expectComplete()
            .verify(Duration.ofSeconds(30));

        assertThat(this.simulator.journal().count(Operation.CREATE)).isEqualTo(1);
        assertThat(this.simulator.journal().count(Operation.CANCEL)).isEqualTo(1);
    }

    @Test
    void pointsTheClientAtTheSimulator() {
        this.client.listByKnowledgeBase(this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("quiet").dataSource(1, 10)).uuid())
            .block(Duration.ofSeconds(10));
        assertThat(this.simulator.journal().last().header("Authorization"))
            .isEqualTo("Bearer " + GradientSimulator.DEFAULT_ACCESS_TOKEN);
    }

}
// end::spring-boot-test[]
