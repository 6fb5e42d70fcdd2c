package io.github.gradientspring.docs;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.github.gradientspring.client.model.IndexingSchedule;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.ScheduleSnapshot;
import io.github.gradientspring.simulator.ScheduledRun;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/scheduling.md shows, run on a simulator whose manual clock starts on Thursday 2026-01-01 at midnight UTC.
 */
class DocumentedSchedulesTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final GradientSimulator simulator = GradientSimulator.builder().manualClock().start();

    private final SeededKnowledgeBase kb = this.simulator
        .addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(10, 4_000));

    private final IndexingJobsClient client = IndexingJobsClient.builder()
        .accessToken(this.simulator.accessToken())
        .baseUrl(this.simulator.baseUrl())
        .build();

    @AfterEach
    void stop() {
        this.simulator.close();
    }

    @Test
    void theNightlyScheduleRunsMondaysAndThursdaysAtHalfPastTwo() {
        IndexingSchedule schedule = DocumentedSchedules.nightly(this.client, this.kb.uuid()).block(TIMEOUT);
        assertThat(schedule.days()).containsExactly(1, 4);
        assertThat(schedule.time()).isEqualTo("02:30:00");
        assertThat(schedule.nextRunAt()).hasToString("2026-01-01T02:30Z");
        assertThat(this.simulator.journal().last().body())
            .isEqualTo("{\"knowledge_base_uuid\":\"" + this.kb.uuid() + "\",\"time\":\"02:30\",\"days\":[1,4]}");
    }

    @Test
    void replaceDeletesTheScheduleThereIsAndCreatesTheNewOne() {
        IndexingSchedule first = DocumentedSchedules
            .replace(this.client, CreateIndexingScheduleRequest.daily(this.kb.uuid(), LocalTime.NOON))
            .block(TIMEOUT);
        IndexingSchedule second = DocumentedSchedules
            .replace(this.client, CreateIndexingScheduleRequest.of(this.kb.uuid(), "06:00", java.util.Set.of(DayOfWeek.SUNDAY)))
            .block(TIMEOUT);
        assertThat(second.uuid()).isNotEqualTo(first.uuid());
        assertThat(second.daysOfWeek()).containsExactly(DayOfWeek.SUNDAY);
        assertThat(this.simulator.schedules()).extracting(ScheduleSnapshot::active).containsExactly(false, true);
    }

    @Test
    void aTestMovesTheSimulatorsClockToTheRun() {
        GradientSimulator simulator = this.simulator;
        SeededKnowledgeBase kb = this.kb;
        // tag::simulator[]
        ScheduleSnapshot schedule = simulator.scheduleIndexing(kb.uuid(), LocalTime.of(2, 30), DayOfWeek.THURSDAY);
        simulator.advance(Duration.between(simulator.now(), schedule.nextRunAt()));
        ScheduledRun run = simulator.journal().scheduledRuns().get(0); // its job is in the job list too
        // end::simulator[]
        assertThat(run.startedAt()).isEqualTo(schedule.nextRunAt());
        assertThat(this.client.retrieve(run.jobUuid()).block(TIMEOUT).createdAt().toInstant())
            .isEqualTo(schedule.nextRunAt());
    }

}
