package io.github.gradientspring.client.docs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code docs/watching.md shows, run against the simulator (the page's snippet is the tagged region below,
 * checked by the sample's DocumentationSnippetsTests).
 */
class WatchingDocsTests {

    private final GradientSimulator simulator = GradientSimulator.builder()
        .jobTiming(JobTiming.of(Duration.ZERO, Duration.ofMillis(20)))
        .start();

    private final IndexingJobsClient client = IndexingJobsClient.builder()
        .accessToken(this.simulator.accessToken())
        .baseUrl(this.simulator.baseUrl())
        .watchInitialInterval(Duration.ofMillis(10))
        .watchMaxInterval(Duration.ofMillis(20))
        .build();

    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        this.simulator.close();
    }

    @Test
    void theWatchingSnippetFollowsAJobToItsEnd() {
        String knowledgeBase = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(10, 1000)).uuid();
        IndexingJobsClient client = this.client;
        String jobUuid = client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase)).block(Duration.ofSeconds(30)).uuid();
        // tag::watch[]
        client.watch(jobUuid)                                 // Flux<IndexingJob>: now, then each change, ends after a terminal phase
            .subscribe(job -> log("{} {}/{}", job.phase(), job.completedDatasources(), job.totalDatasources()));

        IndexingJob done = client.awaitCompletion(jobUuid, Duration.ofMinutes(30)).block();
        // SUCCEEDED → the job; FAILED / ERROR / CANCELLED → IndexingJobFailedException (carrying the job);
        // not ended in time → IndexingJobTimeoutException (carrying the last state seen; the job keeps running)
        // end::watch[]
        assertThat(done.phase()).isEqualTo(IndexingJobPhase.SUCCEEDED);
        assertThat(this.log).isNotEmpty();
    }

    private void log(String format, Object... values) {
        String line = format;
        for (Object value : values) {
            line = line.replaceFirst("\\{}", String.valueOf(value));
        }
        this.log.add(line);
    }

}
