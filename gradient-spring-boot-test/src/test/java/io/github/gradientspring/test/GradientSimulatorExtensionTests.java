package io.github.gradientspring.test;

import java.time.Duration;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GradientSimulatorExtension} in its plain {@code @ExtendWith} form: no Spring, a simulator and a client as
 * test parameters.
 */
// tag::extend-with[]
@ExtendWith(GradientSimulatorExtension.class)
class GradientSimulatorExtensionTests {

    @Test
    void createsAJobThatProgressesWithTheSimulatorsClock(GradientSimulator simulator, IndexingJobsClient client) {
        String kb = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(10, 4_000)).uuid();
        IndexingJob job = client.create(CreateIndexingJobRequest.forKnowledgeBase(kb)).block(Duration.ofSeconds(10));
        assertThat(job.phase()).isEqualTo(IndexingJobPhase.PENDING);

        simulator.advance(Duration.ofMinutes(1));

        assertThat(client.retrieve(job.uuid()).block(Duration.ofSeconds(10)).phase())
            .isEqualTo(IndexingJobPhase.SUCCEEDED);
        assertThat(simulator.journal().count(Operation.RETRIEVE)).isEqualTo(1);
    }

    @Test
    void runsOnAManualClockByDefault(GradientSimulator simulator) {
        assertThat(simulator.hasManualClock()).isTrue();
        assertThat(simulator.accessToken()).isEqualTo(GradientSimulator.DEFAULT_ACCESS_TOKEN);
    }

}
// end::extend-with[]
