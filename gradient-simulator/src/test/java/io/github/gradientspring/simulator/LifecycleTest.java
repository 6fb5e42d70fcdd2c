package io.github.gradientspring.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Timing: 1 s pending, 10 s per data source; data source 0 has 100 items / 400 000 bytes, data source 1 10 / 4 000. */
class LifecycleTest extends ManualSimulatorTest {

    private JsonNode jobAfter(String uuid, Duration advance) {
        simulator.advance(advance);
        return http.get("/v2/gen-ai/indexing_jobs/" + uuid).job();
    }

    private static String ds(JsonNode job, int index, String field) {
        return job.get("data_source_jobs").get(index).path(field).asString(null);
    }

    @Test
    void jobStaysPendingUntilPendingTimeHasPassed() {
        String uuid = Fixtures.createJob(http, kb);
        JsonNode job = jobAfter(uuid, Duration.ofMillis(999));
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_PENDING");
        assertThat(job.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_PENDING");
        assertThat(job.has("started_at")).isFalse();
    }

    @Test
    void jobRunsDataSourceByDataSourceWithGrowingCounts() {
        String uuid = Fixtures.createJob(http, kb);

        JsonNode started = jobAfter(uuid, Duration.ofSeconds(1));
        assertThat(started.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_RUNNING");
        assertThat(started.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_IN_PROGRESS");
        assertThat(started.get("started_at").asString()).isEqualTo("2026-01-01T00:00:01.000Z");
        assertThat(ds(started, 0, "status")).isEqualTo("DATA_SOURCE_STATUS_IN_PROGRESS");
        assertThat(ds(started, 1, "status")).isEqualTo("DATA_SOURCE_STATUS_UNKNOWN");

        JsonNode halfway = jobAfter(uuid, Duration.ofSeconds(5));
        assertThat(ds(halfway, 0, "indexed_item_count")).isEqualTo("50");
        assertThat(ds(halfway, 0, "total_bytes_indexed")).isEqualTo("200000");
        assertThat(halfway.get("total_tokens").asString()).isEqualTo("50000");
        assertThat(halfway.get("tokens").asLong()).isEqualTo(50_000);
        assertThat(halfway.get("completed_datasources").asLong()).isZero();
        assertThat(halfway.get("updated_at").asString()).isEqualTo("2026-01-01T00:00:06.000Z");

        JsonNode second = jobAfter(uuid, Duration.ofSeconds(5));
        assertThat(ds(second, 0, "status")).isEqualTo("DATA_SOURCE_STATUS_UPDATED");
        assertThat(ds(second, 0, "indexed_item_count")).isEqualTo("100");
        assertThat(ds(second, 0, "completed_at")).isEqualTo("2026-01-01T00:00:11.000Z");
        assertThat(ds(second, 1, "status")).isEqualTo("DATA_SOURCE_STATUS_IN_PROGRESS");
        assertThat(ds(second, 1, "started_at")).isEqualTo("2026-01-01T00:00:11.000Z");
        assertThat(second.get("completed_datasources").asLong()).isEqualTo(1);
        assertThat(second.get("total_datasources").asLong()).isEqualTo(2);
    }

    @Test
    void jobSucceedsOnceEveryDataSourceIsIndexed() {
        String uuid = Fixtures.createJob(http, kb);
        JsonNode job = jobAfter(uuid, Duration.ofSeconds(21));
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
        assertThat(job.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_COMPLETED");
        assertThat(job.get("finished_at").asString()).isEqualTo("2026-01-01T00:00:21.000Z");
        assertThat(job.get("updated_at").asString()).isEqualTo("2026-01-01T00:00:21.000Z");
        assertThat(job.get("completed_datasources").asLong()).isEqualTo(2);
        assertThat(job.get("total_tokens").asString()).isEqualTo("101000");
        assertThat(job.get("is_report_available").asBoolean()).isTrue();
        assertThat(ds(job, 1, "status")).isEqualTo("DATA_SOURCE_STATUS_UPDATED");
        assertThat(ds(job, 1, "indexed_file_count")).isEqualTo("10");
    }

    @Test
    void jumpingFarAheadGivesTheSameFinalStateAsWalking() {
        String walked = Fixtures.createJob(http, kb);
        JsonNode atEnd = jobAfter(walked, Duration.ofSeconds(21));
        JsonNode muchLater = jobAfter(walked, Duration.ofDays(3));
        assertThat(muchLater).isEqualTo(atEnd);
    }

    @Test
    void jobsCreatedLaterProgressOnTheirOwnTimeline() {
        String early = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(15));
        String late = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(6));
        assertThat(http.get("/v2/gen-ai/indexing_jobs/" + early).job().get("phase").asString())
                .isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
        assertThat(http.get("/v2/gen-ai/indexing_jobs/" + late).job().get("phase").asString())
                .isEqualTo("BATCH_JOB_PHASE_RUNNING");
    }

    @Test
    void failAtScriptEndsFailedAtThatDataSource() {
        simulator.scriptNextJob(JobScript.failAt(0));
        String uuid = Fixtures.createJob(http, kb);

        JsonNode running = jobAfter(uuid, Duration.ofSeconds(6));
        assertThat(running.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_RUNNING");
        assertThat(ds(running, 0, "failed_item_count")).isEqualTo("50");
        assertThat(ds(running, 0, "error_msg")).isNull();

        JsonNode job = jobAfter(uuid, Duration.ofSeconds(5));
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_FAILED");
        assertThat(job.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_FAILED");
        assertThat(job.get("finished_at").asString()).isEqualTo("2026-01-01T00:00:11.000Z");
        assertThat(ds(job, 0, "status")).isEqualTo("DATA_SOURCE_STATUS_FAILED");
        assertThat(ds(job, 0, "failed_item_count")).isEqualTo("100");
        assertThat(ds(job, 0, "error_msg")).isNotBlank();
        assertThat(ds(job, 1, "status")).isEqualTo("DATA_SOURCE_STATUS_NOT_UPDATED");
        assertThat(ds(job, 1, "started_at")).isNull();
        assertThat(job.get("completed_datasources").asLong()).isEqualTo(1);
    }

    @Test
    void errorAtScriptEndsInPhaseError() {
        simulator.scriptNextJob(JobScript.errorAt(1));
        String uuid = Fixtures.createJob(http, kb);
        JsonNode job = jobAfter(uuid, Duration.ofSeconds(21));
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_ERROR");
        assertThat(job.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_FAILED");
        assertThat(ds(job, 0, "status")).isEqualTo("DATA_SOURCE_STATUS_UPDATED");
        assertThat(ds(job, 1, "status")).isEqualTo("DATA_SOURCE_STATUS_FAILED");
    }

    @Test
    void partialScriptEndsSucceededWithStatusPartial() {
        simulator.scriptNextJob(JobScript.partial(DataSourceOutcome.PARTIALLY_UPDATED, DataSourceOutcome.FAILED));
        String uuid = Fixtures.createJob(http, kb);
        JsonNode job = jobAfter(uuid, Duration.ofSeconds(21));
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
        assertThat(job.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_PARTIAL");
        assertThat(ds(job, 0, "status")).isEqualTo("DATA_SOURCE_STATUS_PARTIALLY_UPDATED");
        assertThat(ds(job, 0, "indexed_item_count")).isEqualTo("75");
        assertThat(ds(job, 0, "failed_item_count")).isEqualTo("25");
        assertThat(ds(job, 0, "error_details")).contains("25 of 100");
        assertThat(ds(job, 1, "status")).isEqualTo("DATA_SOURCE_STATUS_FAILED");
    }

    @Test
    void noChangesScriptSkipsEveryItem() {
        simulator.scriptNextJob(JobScript.noChanges());
        String uuid = Fixtures.createJob(http, kb);
        JsonNode job = jobAfter(uuid, Duration.ofSeconds(21));
        assertThat(job.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_NO_CHANGES");
        assertThat(ds(job, 0, "status")).isEqualTo("DATA_SOURCE_STATUS_NOT_UPDATED");
        assertThat(ds(job, 0, "skipped_item_count")).isEqualTo("100");
        assertThat(job.get("total_tokens").asString()).isEqualTo("0");
    }

    @Test
    void partialScriptWithOnlyUpdatedOutcomesCompletes() {
        simulator.scriptNextJob(JobScript.partial(DataSourceOutcome.UPDATED));
        String uuid = Fixtures.createJob(http, kb);
        assertThat(jobAfter(uuid, Duration.ofSeconds(21)).get("status").asString()).isEqualTo("INDEX_JOB_STATUS_COMPLETED");
    }

    @Test
    void runForeverScriptNeverFinishes() {
        simulator.scriptNextJob(JobScript.runForever());
        String uuid = Fixtures.createJob(http, kb);
        JsonNode job = jobAfter(uuid, Duration.ofDays(30));
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_RUNNING");
        assertThat(ds(job, 0, "indexed_item_count")).isEqualTo("50");
        assertThat(job.has("finished_at")).isFalse();
    }

    @Test
    void nextJobScriptsAreUsedOnceInOrderAndBeatKnowledgeBaseScripts() {
        simulator.scriptKnowledgeBase(kb.uuid(), JobScript.failAt(0));
        simulator.scriptNextJob(JobScript.errorAt(0)).scriptNextJob(JobScript.noChanges());
        String first = Fixtures.createJob(http, kb);
        String second = Fixtures.createJob(http, kb);
        String third = Fixtures.createJob(http, kb);
        String fourth = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofMinutes(1));
        assertThat(phaseOf(first)).isEqualTo("BATCH_JOB_PHASE_ERROR");
        assertThat(http.get("/v2/gen-ai/indexing_jobs/" + second).job().get("status").asString())
                .isEqualTo("INDEX_JOB_STATUS_NO_CHANGES");
        assertThat(phaseOf(third)).isEqualTo("BATCH_JOB_PHASE_FAILED");
        assertThat(phaseOf(fourth)).isEqualTo("BATCH_JOB_PHASE_FAILED");
    }

    @Test
    void knowledgeBaseScriptAppliesOnlyToThatKnowledgeBase() {
        SeededKnowledgeBase other = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("other").dataSource(1, 8));
        simulator.scriptKnowledgeBase(kb.uuid(), JobScript.failAt(0));
        String failing = Fixtures.createJob(http, kb);
        String fine = Fixtures.createJob(http, other);
        simulator.advance(Duration.ofMinutes(1));
        assertThat(phaseOf(failing)).isEqualTo("BATCH_JOB_PHASE_FAILED");
        assertThat(phaseOf(fine)).isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
    }

    @Test
    void listDataSourcesFollowsTheSameLifecycle() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(16));
        JsonNode sources = http.get("/v2/gen-ai/indexing_jobs/" + uuid + "/data_sources").json().get("indexed_data_sources");
        assertThat(sources.get(0).get("status").asString()).isEqualTo("DATA_SOURCE_STATUS_UPDATED");
        assertThat(sources.get(1).get("status").asString()).isEqualTo("DATA_SOURCE_STATUS_IN_PROGRESS");
        assertThat(sources.get(1).get("indexed_item_count").asString()).isEqualTo("5");
    }

    @Test
    void zeroPendingTimeStartsJobsAtOnce() {
        try (GradientSimulator instant = GradientSimulator.builder().manualClock()
                .jobTiming(JobTiming.of(Duration.ZERO, Duration.ofSeconds(1))).start()) {
            SeededKnowledgeBase one = instant.addKnowledgeBase(KnowledgeBaseSpec.named("one").dataSource(4, 40));
            JsonNode job = Http.to(instant).post("/v2/gen-ai/indexing_jobs", Fixtures.createBody(one.uuid())).job();
            assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_RUNNING");
        }
    }

    @Test
    void realClockSimulatorRefusesToAdvance() {
        try (GradientSimulator real = GradientSimulator.builder().clock(Clock.systemUTC()).build()) {
            assertThat(real.hasManualClock()).isFalse();
            assertThatIllegalStateException().isThrownBy(() -> real.advance(Duration.ofSeconds(1)));
        }
    }

    @Test
    void manualClockRefusesToGoBackwards() {
        assertThatIllegalArgumentException().isThrownBy(() -> simulator.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void jobScriptsReadFromTextRoundTrip() {
        for (String text : new String[] {"succeed", "no_changes", "run_forever", "fail_at:2", "error_at:0",
                "partial:UPDATED,FAILED,NOT_UPDATED"}) {
            assertThat(JobScript.parse(text).toString()).isEqualTo(text);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> JobScript.parse("explode"));
        assertThatIllegalArgumentException().isThrownBy(() -> JobScript.parse("fail_at:x"));
    }

    @Test
    void seedingValidatesItsInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> simulator.addKnowledgeBase(KnowledgeBaseSpec.named("empty")));
        assertThatIllegalArgumentException().isThrownBy(() -> KnowledgeBaseSpec.named("x").withUuid("nope"));
        assertThatIllegalArgumentException().isThrownBy(() -> KnowledgeBaseSpec.named("x").dataSource(-1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> simulator.addKnowledgeBase(
                KnowledgeBaseSpec.named("dup").withUuid(kb.uuid()).dataSource(1, 1)));
        assertThatIllegalArgumentException().isThrownBy(() -> simulator.addKnowledgeBase(
                KnowledgeBaseSpec.named("dup-source").dataSource(kb.dataSourceUuid(0), 1, 1)));
    }

    private String phaseOf(String uuid) {
        return http.get("/v2/gen-ai/indexing_jobs/" + uuid).job().get("phase").asString();
    }
}
