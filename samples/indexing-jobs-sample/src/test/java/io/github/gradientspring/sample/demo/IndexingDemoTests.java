package io.github.gradientspring.sample.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.sample.IndexingJobsSampleApplication;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import io.github.gradientspring.test.AutoConfigureGradientSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo from start to end on the simulator's manual clock: the test moves time, the demo follows the jobs,
 * cancels the first and prints how both ended.
 */
@SpringBootTest(classes = IndexingJobsSampleApplication.class,
        properties = { "spring.main.web-application-type=none",
                "gradient.watch.initial-interval=10ms", "gradient.watch.max-interval=50ms" })
@AutoConfigureGradientSimulator
class IndexingDemoTests {

    @Autowired
    IndexingJobsClient client;

    @Autowired
    GradientSimulator simulator;

    @Test
    void startsTwoJobsCancelsTheFirstAndPrintsBothFinalStates() throws Exception {
        // 2 s pending, 5 s per data source (the simulator's default timing)
        SeededKnowledgeBase kb = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("demo")
            .dataSource(120, 480_000).dataSource(80, 320_000).dataSource(35, 140_000).dataSource(8, 32_000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        IndexingDemo demo = new IndexingDemo(this.client, new PlainProgressDisplay(out), out);

        CompletableFuture<DemoResult> result = demo.run(kb.uuid(), kb.dataSourceUuids().subList(0, 3), 2).toFuture();
        this.simulator.journal().await(Operation.CREATE, 2).get(10, TimeUnit.SECONDS);
        // 2 s pending + 2 data sources of 5 s + 1 s: the first job has finished two data sources, not all four
        this.simulator.advance(Duration.ofSeconds(13));
        this.simulator.journal().await(Operation.CANCEL, 1).get(10, TimeUnit.SECONDS);
        this.simulator.advance(Duration.ofMinutes(1));
        DemoResult ended = result.get(30, TimeUnit.SECONDS);

        assertThat(ended.cancelled().phase()).isEqualTo(IndexingJobPhase.CANCELLED);
        assertThat(ended.cancelled().completedDatasources()).isEqualTo(2);
        assertThat(ended.completed().phase()).isEqualTo(IndexingJobPhase.SUCCEEDED);
        assertThat(ended.completed().completedDatasources()).isEqualTo(3);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Starting two indexing jobs on knowledge base " + kb.uuid())
            .contains("Cancelling all-sources after 2 of 4 data sources: IndexingJobsClient.cancel(\""
                    + ended.cancelled().uuid() + "\")")
            .contains("Cancel answered: phase CANCELLED, status CANCELLED")
            .contains("Final state:")
            .contains("  all-sources  " + ended.cancelled().uuid() + "  phase CANCELLED, status CANCELLED, 2/4 data sources")
            .contains("  some-sources " + ended.completed().uuid() + "  phase SUCCEEDED, status COMPLETED, 3/3 data sources")
            .doesNotContain("\u001B");
        assertThat(printed.indexOf("Cancel answered")).isLessThan(printed.indexOf("Final state:"));
        assertThat(this.simulator.journal().count(Operation.CANCEL)).isEqualTo(1);
    }

}
