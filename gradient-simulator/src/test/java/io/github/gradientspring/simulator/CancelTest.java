package io.github.gradientspring.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Timing: 1 s pending, 10 s per data source (see {@link Fixtures#TIMING}). */
class CancelTest extends ManualSimulatorTest {

    private Http.Response cancel(String uuid) {
        return http.put("/v2/gen-ai/indexing_jobs/" + uuid + "/cancel", "{\"uuid\":\"" + uuid + "\"}");
    }

    private JsonNode retrieve(String uuid) {
        return http.get("/v2/gen-ai/indexing_jobs/" + uuid).job();
    }

    @Test
    void cancelTurnsPendingJobCancelled() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofMillis(500));
        JsonNode job = cancel(uuid).job();
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_CANCELLED");
        assertThat(job.get("status").asString()).isEqualTo("INDEX_JOB_STATUS_CANCELLED");
        assertThat(job.get("finished_at").asString()).isEqualTo("2026-01-01T00:00:00.500Z");
        assertThat(job.has("started_at")).isFalse();
        assertThat(job.get("data_source_jobs")).allSatisfy(source -> {
            assertThat(source.get("status").asString()).isEqualTo("DATA_SOURCE_STATUS_CANCELLED");
            assertThat(source.has("started_at")).isFalse();
        });
        assertThat(job.get("completed_datasources").asLong()).isZero();
    }

    @Test
    void cancelTurnsRunningJobCancelledAndFreezesProgress() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(6));
        JsonNode job = cancel(uuid).job();
        assertThat(job.get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_CANCELLED");
        assertThat(job.get("started_at").asString()).isEqualTo("2026-01-01T00:00:01.000Z");
        assertThat(job.get("finished_at").asString()).isEqualTo("2026-01-01T00:00:06.000Z");
        JsonNode running = job.get("data_source_jobs").get(0);
        assertThat(running.get("status").asString()).isEqualTo("DATA_SOURCE_STATUS_CANCELLED");
        assertThat(running.get("indexed_item_count").asString()).isEqualTo("50");
        assertThat(running.get("completed_at").asString()).isEqualTo("2026-01-01T00:00:06.000Z");
        assertThat(job.get("data_source_jobs").get(1).get("status").asString()).isEqualTo("DATA_SOURCE_STATUS_CANCELLED");

        simulator.advance(Duration.ofHours(1));
        assertThat(retrieve(uuid)).isEqualTo(job);
    }

    @Test
    void cancelDuringSecondDataSourceKeepsTheFirstOnesOutcome() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(16));
        JsonNode job = cancel(uuid).job();
        assertThat(job.get("data_source_jobs").get(0).get("status").asString()).isEqualTo("DATA_SOURCE_STATUS_UPDATED");
        assertThat(job.get("data_source_jobs").get(1).get("status").asString()).isEqualTo("DATA_SOURCE_STATUS_CANCELLED");
        assertThat(job.get("data_source_jobs").get(1).get("indexed_item_count").asString()).isEqualTo("5");
        assertThat(job.get("completed_datasources").asLong()).isEqualTo(1);
        assertThat(job.get("total_tokens").asString()).isEqualTo("100500");
    }

    @Test
    void cancellingSucceededJobAnswersItUnchanged() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(30));
        JsonNode before = retrieve(uuid);
        Http.Response response = cancel(uuid);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.job()).isEqualTo(before);
        assertThat(response.job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
    }

    @Test
    void cancellingFailedJobAnswersItUnchanged() {
        simulator.scriptNextJob(JobScript.failAt(0));
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(30));
        assertThat(cancel(uuid).job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_FAILED");
    }

    @Test
    void cancellingTwiceKeepsTheFirstCancellation() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(3));
        JsonNode first = cancel(uuid).job();
        simulator.advance(Duration.ofSeconds(3));
        JsonNode second = cancel(uuid).job();
        assertThat(second).isEqualTo(first);
        assertThat(second.get("finished_at").asString()).isEqualTo("2026-01-01T00:00:03.000Z");
    }

    @Test
    void cancelStopsJobScriptedToRunForever() {
        simulator.scriptNextJob(JobScript.runForever());
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofDays(1));
        assertThat(cancel(uuid).job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_CANCELLED");
    }

    @Test
    void cancelAtTheExactEndInstantFindsTheJobFinished() {
        String uuid = Fixtures.createJob(http, kb);
        simulator.advance(Duration.ofSeconds(21));
        assertThat(cancel(uuid).job().get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
    }

    @Test
    void cancelledJobHasNoReport() {
        String uuid = Fixtures.createJob(http, kb);
        cancel(uuid);
        assertThat(retrieve(uuid).get("is_report_available").asBoolean()).isFalse();
        assertThat(http.get("/v2/gen-ai/indexing_jobs/" + uuid + "/details_signed_url").status()).isEqualTo(404);
    }
}
