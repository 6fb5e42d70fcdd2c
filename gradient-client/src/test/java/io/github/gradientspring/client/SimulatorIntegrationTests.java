package io.github.gradientspring.client;

import java.time.Duration;
import java.util.List;

import io.github.gradientspring.client.error.GradientAuthenticationException;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.error.GradientPermissionDeniedException;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.DataSourceStatus;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.IndexingJobStatus;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RecordedRequest;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The client against the simulator: the same calls as against mockwebserver3, now answered by a service with a
 * job lifecycle, DigitalOcean's errors and paging. The simulator's clock is moved by hand.
 */
class SimulatorIntegrationTests {

    private final GradientSimulator simulator = GradientSimulator.builder()
        .manualClock()
        .readOnlyTokens("read-only-token")
        .jobTiming(JobTiming.of(Duration.ofSeconds(2), Duration.ofSeconds(10)))
        .start();

    private final SeededKnowledgeBase knowledgeBase = this.simulator
        .addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(100, 1_000_000).dataSource(40, 200_000));

    private final IndexingJobsClient client = IndexingJobsClient.builder()
        .accessToken(this.simulator.accessToken())
        .baseUrl(this.simulator.baseUrl())
        .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(2)).build())
        .build();

    @AfterEach
    void close() {
        this.simulator.close();
    }

    private IndexingJob create() {
        return this.client.create(CreateIndexingJobRequest.forKnowledgeBase(this.knowledgeBase.uuid())).block(Duration.ofSeconds(30));
    }

    @Test
    void aJobMovesFromPendingThroughRunningToSucceededDataSourceByDataSource() {
        IndexingJob created = create();
        assertThat(created.phase()).isEqualTo(IndexingJobPhase.PENDING);
        assertThat(created.knowledgeBaseUuid()).isEqualTo(this.knowledgeBase.uuid());
        this.simulator.advance(Duration.ofSeconds(7));
        IndexingJob running = this.client.retrieve(created.uuid()).block(Duration.ofSeconds(30));
        assertThat(running.phase()).isEqualTo(IndexingJobPhase.RUNNING);
        assertThat(running.completedDatasources()).isZero();
        assertThat(running.totalDatasources()).isEqualTo(2L);
        this.simulator.advance(Duration.ofSeconds(10));
        assertThat(this.client.retrieve(created.uuid()).block(Duration.ofSeconds(30)).completedDatasources()).isEqualTo(1L);
        this.simulator.advance(Duration.ofSeconds(10));
        IndexingJob finished = this.client.retrieve(created.uuid()).block(Duration.ofSeconds(30));
        assertThat(finished.phase()).isEqualTo(IndexingJobPhase.SUCCEEDED);
        assertThat(finished.status()).isEqualTo(IndexingJobStatus.COMPLETED);
        assertThat(finished.finishedAt()).isNotNull();
        assertThat(finished.totalTokens()).isPositive();
        List<IndexedDataSource> dataSources = this.client.listDataSources(created.uuid()).collectList().block(Duration.ofSeconds(30));
        assertThat(dataSources).extracting(IndexedDataSource::dataSourceUuid)
            .containsExactlyInAnyOrderElementsOf(this.knowledgeBase.dataSourceUuids());
        assertThat(dataSources).extracting(IndexedDataSource::status).containsOnly(DataSourceStatus.UPDATED);
        assertThat(this.client.detailsSignedUrl(created.uuid()).block(Duration.ofSeconds(30))).hasScheme("http");
    }

    @Test
    void cancelSendsTheUuidAndTurnsARunningJobCancelled() {
        IndexingJob created = create();
        this.simulator.advance(Duration.ofSeconds(5));
        IndexingJob cancelled = this.client.cancel(created.uuid()).block(Duration.ofSeconds(30));
        assertThat(cancelled.phase()).isEqualTo(IndexingJobPhase.CANCELLED);
        assertThat(cancelled.status()).isEqualTo(IndexingJobStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isNotNull();
        assertThat(cancelled.dataSourceJobs()).extracting(IndexedDataSource::status).containsOnly(DataSourceStatus.CANCELLED);
        RecordedRequest request = this.simulator.journal().requests(Operation.CANCEL).get(0);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.body()).isEqualTo("{\"uuid\":\"" + created.uuid() + "\"}");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + this.simulator.accessToken());
        assertThat(request.header("user-agent")).startsWith("gradient-spring-boot/");
    }

    @Test
    void listAllWalksEveryPageNewestFirst() {
        for (int i = 0; i < 45; i++) {
            create();
            this.simulator.advance(Duration.ofSeconds(1));
        }
        IndexingJobsClient smallPages = IndexingJobsClient.builder()
            .accessToken(this.simulator.accessToken())
            .baseUrl(this.simulator.baseUrl())
            .listAllPageSize(20)
            .build();
        List<IndexingJob> all = smallPages.listAll().collectList().block(Duration.ofSeconds(30));
        assertThat(all).hasSize(45);
        assertThat(all).extracting((job) -> job.createdAt().toInstant()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(this.simulator.journal().count(Operation.LIST)).isEqualTo(3);
        IndexingJobPage second = this.client.list(PageRequest.of(2, 20)).block(Duration.ofSeconds(30));
        assertThat(second.meta().page()).isEqualTo(2L);
        assertThat(second.meta().pages()).isEqualTo(3L);
        assertThat(second.meta().total()).isEqualTo(45L);
        assertThat(second.links().previous()).endsWith("page=1&per_page=20");
        assertThat(second.links().next()).endsWith("page=3&per_page=20");
        assertThat(this.client.listByKnowledgeBase(this.knowledgeBase.uuid()).block(Duration.ofSeconds(30)).jobs()).hasSize(15);
    }

    @Test
    void theSimulatorsErrorsArriveTyped() {
        IndexingJobsClient wrongToken = IndexingJobsClient.builder()
            .accessToken("not-the-token")
            .baseUrl(this.simulator.baseUrl())
            .build();
        GradientAuthenticationException unauthorized = (GradientAuthenticationException) catchThrowable(
                () -> wrongToken.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(unauthorized.errorId()).isEqualTo("unauthorized");
        assertThat(unauthorized.requestId()).isNotBlank();
        GradientNotFoundException missing = (GradientNotFoundException) catchThrowable(
                () -> this.client.retrieve(MockGradientApi.JOB).block(Duration.ofSeconds(30)));
        assertThat(missing.errorId()).isEqualTo("not_found");
        IndexingJob created = create();
        IndexingJobsClient readOnly = IndexingJobsClient.builder()
            .accessToken("read-only-token")
            .baseUrl(this.simulator.baseUrl())
            .build();
        assertThat(catchThrowable(() -> readOnly.cancel(created.uuid()).block(Duration.ofSeconds(30))))
            .isInstanceOf(GradientPermissionDeniedException.class)
            .hasMessageContaining("genai:update");
        assertThat(readOnly.retrieve(created.uuid()).block(Duration.ofSeconds(30)).uuid()).isEqualTo(created.uuid());
    }

    @Test
    void aRateLimitedAnswerIsRetriedAndCreateStartsOneJob() {
        this.simulator.faults().on(Operation.CREATE).times(1).respond(Fault.status(429).retryAfterMillis(5));
        this.simulator.faults().on(Operation.RETRIEVE).times(2).respond(Fault.status(503));
        IndexingJob created = create();
        assertThat(this.client.retrieve(created.uuid()).block(Duration.ofSeconds(30)).uuid()).isEqualTo(created.uuid());
        assertThat(this.simulator.journal().count(Operation.CREATE)).isEqualTo(2);
        assertThat(this.client.list(PageRequest.first()).block(Duration.ofSeconds(30)).jobs()).hasSize(1);
        assertThat(this.simulator.journal().count(Operation.RETRIEVE)).isEqualTo(3);
    }

    @Test
    void aCreateThatFailsAfterTheJobMayHaveStartedIsNotRepeated() {
        this.simulator.faults().on(Operation.CREATE).times(1).respond(Fault.status(500));
        assertThat(catchThrowable(this::create)).isInstanceOf(io.github.gradientspring.client.error.GradientServerException.class);
        assertThat(this.simulator.journal().count(Operation.CREATE)).isEqualTo(1);
    }

}
