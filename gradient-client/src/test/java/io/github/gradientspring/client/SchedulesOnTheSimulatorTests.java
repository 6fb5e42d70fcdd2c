package io.github.gradientspring.client;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import io.github.gradientspring.client.error.GradientConflictException;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.IndexingSchedule;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schedule operations against the simulator, whose manual clock starts on Thursday 2026-01-01 at midnight UTC:
 * a schedule the client creates starts a job on the simulator's clock, which the client then sees and follows.
 */
class SchedulesOnTheSimulatorTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final GradientSimulator simulator = GradientSimulator.builder()
        .manualClock()
        .jobTiming(JobTiming.of(Duration.ofSeconds(2), Duration.ofSeconds(10)))
        .start();

    private final SeededKnowledgeBase knowledgeBase = this.simulator
        .addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(100, 1_000_000));

    private final IndexingJobsClient client = IndexingJobsClient.builder()
        .accessToken(this.simulator.accessToken())
        .baseUrl(this.simulator.baseUrl())
        .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(2)).build())
        .build();

    @AfterEach
    void close() {
        this.simulator.close();
    }

    @Test
    void aScheduleStartsAJobOnTheSimulatorsClock() {
        IndexingSchedule schedule = this.client
            .createSchedule(CreateIndexingScheduleRequest.of(this.knowledgeBase.uuid(), LocalTime.of(2, 30),
                    DayOfWeek.THURSDAY, DayOfWeek.SUNDAY))
            .block(TIMEOUT);
        assertThat(schedule.daysOfWeek()).containsExactly(DayOfWeek.THURSDAY, DayOfWeek.SUNDAY);
        assertThat(schedule.days()).containsExactly(0, 4);
        assertThat(schedule.localTime()).isEqualTo(LocalTime.of(2, 30));
        assertThat(schedule.isActive()).isTrue();
        assertThat(schedule.nextRunAt()).isEqualTo(OffsetDateTime.parse("2026-01-01T02:30:00Z"));
        assertThat(this.client.listByKnowledgeBase(this.knowledgeBase.uuid()).block(TIMEOUT).jobs()).isEmpty();

        this.simulator.advance(Duration.ofHours(2).plusMinutes(30));
        IndexingJob started = this.client.listByKnowledgeBase(this.knowledgeBase.uuid()).block(TIMEOUT).jobs().get(0);
        assertThat(started.createdAt()).isEqualTo(OffsetDateTime.parse("2026-01-01T02:30:00Z"));
        this.simulator.advance(Duration.ofSeconds(12));
        assertThat(this.client.retrieve(started.uuid()).block(TIMEOUT).phase()).isEqualTo(IndexingJobPhase.SUCCEEDED);

        IndexingSchedule after = this.client.retrieveSchedule(this.knowledgeBase.uuid()).block(TIMEOUT);
        assertThat(after.uuid()).isEqualTo(schedule.uuid());
        assertThat(after.lastRanAt()).isEqualTo(OffsetDateTime.parse("2026-01-01T02:30:00Z"));
        assertThat(after.nextRunAt()).isEqualTo(OffsetDateTime.parse("2026-01-04T02:30:00Z"));
        assertThat(this.simulator.journal().scheduledRuns()).singleElement()
            .satisfies((run) -> assertThat(run.jobUuid()).isEqualTo(started.uuid()));
    }

    @Test
    void deleteSoftDeletesAndRetrieveThenFindsNone() {
        IndexingSchedule schedule = this.client
            .createSchedule(CreateIndexingScheduleRequest.daily(this.knowledgeBase.uuid(), LocalTime.NOON))
            .block(TIMEOUT);
        IndexingSchedule deleted = this.client.deleteSchedule(schedule.uuid()).block(TIMEOUT);
        assertThat(deleted.isDeleted()).isTrue();
        assertThat(deleted.isActive()).isFalse();
        assertThat(deleted.nextRunAt()).isNull();
        assertThatExceptionOfType(GradientNotFoundException.class)
            .isThrownBy(() -> this.client.retrieveSchedule(this.knowledgeBase.uuid()).block(TIMEOUT));
        this.simulator.advance(Duration.ofDays(2));
        assertThat(this.client.listByKnowledgeBase(this.knowledgeBase.uuid()).block(TIMEOUT).jobs()).isEmpty();
    }

    @Test
    void aSecondScheduleIsAConflictAndNotRetried() {
        CreateIndexingScheduleRequest request = CreateIndexingScheduleRequest.daily(this.knowledgeBase.uuid(),
                LocalTime.NOON);
        this.client.createSchedule(request).block(TIMEOUT);
        assertThatExceptionOfType(GradientConflictException.class)
            .isThrownBy(() -> this.client.createSchedule(request).block(TIMEOUT));
        assertThat(this.simulator.journal().count(Operation.CREATE_SCHEDULE)).isEqualTo(2);
    }

    @Test
    void createScheduleIsRetriedOn503AndMadeOnce() {
        this.simulator.faults().on(Operation.CREATE_SCHEDULE).times(1).respond(Fault.status(503));
        this.client.createSchedule(CreateIndexingScheduleRequest.daily(this.knowledgeBase.uuid(), LocalTime.NOON))
            .block(TIMEOUT);
        assertThat(this.simulator.journal().count(Operation.CREATE_SCHEDULE)).isEqualTo(2);
        assertThat(this.simulator.schedules()).hasSize(1);
    }

    @Test
    void anUnknownKnowledgeBaseIsNotFound() {
        assertThatExceptionOfType(GradientNotFoundException.class).isThrownBy(() -> this.client
            .createSchedule(CreateIndexingScheduleRequest.daily("00000000-0000-4000-8000-000000000000", LocalTime.NOON))
            .block(TIMEOUT));
        assertThatExceptionOfType(GradientNotFoundException.class)
            .isThrownBy(() -> this.client.deleteSchedule("00000000-0000-4000-8000-000000000000").block(TIMEOUT));
    }

}
