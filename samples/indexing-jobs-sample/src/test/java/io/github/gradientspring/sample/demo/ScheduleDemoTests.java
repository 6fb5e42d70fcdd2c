package io.github.gradientspring.sample.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
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
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's schedule part on the simulator's manual clock: waiting for the schedule's run moves the clock there, the
 * schedule starts a job at that instant, the demo follows it to its end and deletes the schedule.
 */
@SpringBootTest(classes = IndexingJobsSampleApplication.class,
        properties = { "spring.main.web-application-type=none",
                "gradient.watch.initial-interval=10ms", "gradient.watch.max-interval=50ms" })
@AutoConfigureGradientSimulator
class ScheduleDemoTests {

    @Autowired
    IndexingJobsClient client;

    @Autowired
    GradientSimulator simulator;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private final PrintStream out = new PrintStream(this.bytes, true, StandardCharsets.UTF_8);

    @Test
    void aScheduleStartsAJobAtItsTimeOnTheSimulatorsClockAndIsDeletedAfter() throws Exception {
        SeededKnowledgeBase kb = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("demo").dataSource(8, 32_000));
        ScheduleDemo demo = new ScheduleDemo(this.client, simulatorClock(), new PlainProgressDisplay(this.out), this.out);

        // The job takes 2 s pending and 5 s for its data source (the simulator's default timing); the test moves
        // the clock past that once the demo follows the job.
        var result = demo.run(kb.uuid()).toFuture();
        this.simulator.journal().await(Operation.RETRIEVE, 1).get(10, TimeUnit.SECONDS);
        this.simulator.advance(Duration.ofSeconds(10));
        ScheduleDemoResult ended = result.get(30, TimeUnit.SECONDS);

        Instant runAt = ended.schedule().nextRunAt().toInstant();
        assertThat(ended.job().createdAt().toInstant()).isEqualTo(runAt);
        assertThat(ended.job().phase()).isEqualTo(IndexingJobPhase.SUCCEEDED);
        assertThat(this.simulator.journal().scheduledRuns()).singleElement()
            .satisfies((run) -> assertThat(run.jobUuid()).isEqualTo(ended.job().uuid()));
        assertThat(ended.deleted().isDeleted()).isTrue();
        assertThat(this.simulator.schedules()).singleElement().satisfies((s) -> assertThat(s.active()).isFalse());
        assertThat(this.simulator.journal().count(Operation.CREATE)).isZero();
        assertThat(this.bytes.toString(StandardCharsets.UTF_8))
            .contains("Scheduling knowledge base " + kb.uuid() + " at ")
            .contains("The schedule started job " + ended.job().uuid() + " at ")
            .contains("Deleted the schedule: IndexingJobsClient.deleteSchedule(\"" + ended.schedule().uuid() + "\")")
            .contains("  scheduled    " + ended.job().uuid() + "  phase SUCCEEDED, status COMPLETED, 1/1 data sources");
    }

    @Test
    void aKnowledgeBaseWithAScheduleIsLeftAlone() {
        SeededKnowledgeBase kb = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("kept").dataSource(8, 32_000));
        this.simulator.scheduleIndexing(kb.uuid(), LocalTime.of(3, 0), DayOfWeek.MONDAY);
        ScheduleDemo demo = new ScheduleDemo(this.client, simulatorClock(), new PlainProgressDisplay(this.out), this.out);

        assertThat(demo.run(kb.uuid()).blockOptional(Duration.ofSeconds(10))).isEmpty();
        assertThat(this.bytes.toString(StandardCharsets.UTF_8)).contains("already has an indexing schedule");
        assertThat(this.simulator.journal().count(Operation.CREATE_SCHEDULE)).isZero();
        assertThat(this.simulator.journal().count(Operation.DELETE_SCHEDULE)).isZero();
    }

    private ApiClock simulatorClock() {
        return new ApiClock() {

            @Override
            public Instant now() {
                return ScheduleDemoTests.this.simulator.now();
            }

            @Override
            public Mono<Void> waitUntil(Instant instant) {
                return Mono.fromRunnable(() -> ScheduleDemoTests.this.simulator
                    .advance(Duration.between(ScheduleDemoTests.this.simulator.now(), instant)));
            }

        };
    }

}
