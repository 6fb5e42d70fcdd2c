package io.github.gradientspring.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Scheduled indexing on a manual clock that starts on Thursday 2026-01-01 at midnight UTC: one schedule per knowledge
 * base, {@code next_run_at} from the clock, jobs started at the scheduled instants, soft delete, 404s.
 */
class ScheduleTest extends ManualSimulatorTest {

    private static final String SCHEDULES = "/v2/gen-ai/scheduled-indexing";

    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    private Http.Response create(String knowledgeBase, String time, String days) {
        return http.post(SCHEDULES, "{\"knowledge_base_uuid\":\"" + knowledgeBase + "\",\"time\":\"" + time
                + "\",\"days\":" + days + "}");
    }

    private static JsonNode info(Http.Response response) {
        return response.json().get("indexing_info");
    }

    private JsonNode jobs() {
        return http.get("/v2/gen-ai/indexing_jobs").json().get("jobs");
    }

    @Test
    void createAnswersTheScheduleWithItsNextRunFromTheClock() {
        Http.Response response = create(kb.uuid(), "02:30", "[1,4]");
        assertThat(response.status()).isEqualTo(200);
        JsonNode info = info(response);
        assertThat(info.get("knowledge_base_uuid").asString()).isEqualTo(kb.uuid());
        assertThat(info.get("time").asString()).isEqualTo("02:30:00");
        assertThat(info.get("days").toString()).isEqualTo("[1,4]");
        assertThat(info.get("is_active").asBoolean()).isTrue();
        assertThat(info.get("created_at").asString()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(info.get("next_run_at").asString()).isEqualTo("2026-01-01T02:30:00.000Z");
        assertThat(info.has("last_ran_at")).isFalse();
        assertThat(info.has("deleted_at")).isFalse();
        assertThat(Uuids.isValid(info.get("uuid").asString())).isTrue();
    }

    @Test
    void aJobStartsAtTheScheduledTimeOnTheManualClock() {
        String schedule = info(create(kb.uuid(), "02:30", "[4]")).get("uuid").asString();
        simulator.advance(Duration.ofHours(2).plusMinutes(29));
        assertThat(jobs()).isEmpty();

        simulator.advance(Duration.ofMinutes(1));
        JsonNode jobs = jobs();
        assertThat(jobs).hasSize(1);
        JsonNode job = jobs.get(0);
        assertThat(job.get("knowledge_base_uuid").asString()).isEqualTo(kb.uuid());
        assertThat(job.get("created_at").asString()).isEqualTo("2026-01-01T02:30:00.000Z");
        assertThat(job.get("total_datasources").asInt()).isEqualTo(2);
        assertThat(simulator.journal().scheduledRuns()).singleElement().satisfies((run) -> {
            assertThat(run.scheduleUuid()).isEqualTo(schedule);
            assertThat(run.jobUuid()).isEqualTo(job.get("uuid").asString());
            assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-01T02:30:00Z"));
        });
        assertThat(simulator.journal().count(Operation.CREATE)).isZero();
    }

    @Test
    void afterARunNextRunAtMovesToTheNextScheduledDayAndLastRanAtIsSet() {
        create(kb.uuid(), "02:30", "[1,4]");
        simulator.advance(Duration.ofHours(3));
        JsonNode info = info(http.get(SCHEDULES + "/knowledge-base/" + kb.uuid()));
        assertThat(info.get("last_ran_at").asString()).isEqualTo("2026-01-01T02:30:00.000Z");
        assertThat(info.get("updated_at").asString()).isEqualTo("2026-01-01T02:30:00.000Z");
        assertThat(info.get("next_run_at").asString()).isEqualTo("2026-01-05T02:30:00.000Z");
    }

    @Test
    void aJumpOfAWeekStartsEachDaysJobAtItsOwnInstant() {
        simulator.scheduleIndexing(kb.uuid(), LocalTime.of(6, 0), DayOfWeek.values());
        simulator.advance(Duration.ofDays(7));
        assertThat(simulator.journal().scheduledRuns()).extracting(ScheduledRun::startedAt)
            .containsExactly(Instant.parse("2026-01-01T06:00:00Z"), Instant.parse("2026-01-02T06:00:00Z"),
                    Instant.parse("2026-01-03T06:00:00Z"), Instant.parse("2026-01-04T06:00:00Z"),
                    Instant.parse("2026-01-05T06:00:00Z"), Instant.parse("2026-01-06T06:00:00Z"),
                    Instant.parse("2026-01-07T06:00:00Z"));
        assertThat(jobs()).hasSize(7);
        // The first run's job has long finished on the simulator's clock.
        assertThat(jobs().get(6).get("phase").asString()).isEqualTo("BATCH_JOB_PHASE_SUCCEEDED");
    }

    @Test
    void sundayIsZeroOrSeven() {
        for (String sunday : new String[] { "0", "7" }) {
            simulator.reset();
            JsonNode info = info(create(kb.uuid(), "12:00", "[" + sunday + "]"));
            assertThat(info.get("days").toString()).isEqualTo("[" + sunday + "]");
            assertThat(info.get("next_run_at").asString()).isEqualTo("2026-01-04T12:00:00.000Z");
        }
        assertThat(simulator.scheduleIndexing(Fixtures.docs(simulator).uuid(), LocalTime.NOON, DayOfWeek.SUNDAY).days())
            .containsExactly(0);
    }

    @Test
    void deleteSoftDeletesAndNoJobStartsAfterwards() {
        String uuid = info(create(kb.uuid(), "02:30", "[4]")).get("uuid").asString();
        simulator.advance(Duration.ofHours(1));
        Http.Response deleted = http.delete(SCHEDULES + "/" + uuid);
        assertThat(deleted.status()).isEqualTo(200);
        JsonNode info = info(deleted);
        assertThat(info.get("uuid").asString()).isEqualTo(uuid);
        assertThat(info.get("is_active").asBoolean()).isFalse();
        assertThat(info.get("deleted_at").asString()).isEqualTo("2026-01-01T01:00:00.000Z");
        assertThat(info.has("next_run_at")).isFalse();

        simulator.advance(Duration.ofDays(8));
        assertThat(jobs()).isEmpty();
        assertThat(http.get(SCHEDULES + "/knowledge-base/" + kb.uuid()).status()).isEqualTo(404);
        // Deleting again answers the deleted schedule unchanged, so a retried delete is no error.
        assertThat(info(http.delete(SCHEDULES + "/" + uuid))).isEqualTo(info);
        assertThat(simulator.schedules()).singleElement().satisfies((s) -> assertThat(s.active()).isFalse());
        // A new schedule may follow the deleted one.
        assertThat(create(kb.uuid(), "03:00", "[1]").status()).isEqualTo(200);
    }

    @Test
    void aKnowledgeBaseHasOneScheduleAtATime() {
        assertThat(create(kb.uuid(), "02:30", "[1]").status()).isEqualTo(200);
        Http.Response second = create(kb.uuid(), "04:00", "[2]");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("id").asString()).isEqualTo("conflict");
        assertThatIllegalStateException()
            .isThrownBy(() -> simulator.scheduleIndexing(kb.uuid(), LocalTime.NOON, DayOfWeek.MONDAY));
    }

    @Test
    void unknownKnowledgeBasesAndSchedulesAreNotFoundWithDigitalOceansBody() {
        for (Http.Response response : new Http.Response[] { create(UNKNOWN, "02:30", "[1]"),
                http.get(SCHEDULES + "/knowledge-base/" + UNKNOWN), http.get(SCHEDULES + "/knowledge-base/" + kb.uuid()),
                http.delete(SCHEDULES + "/" + UNKNOWN) }) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("id").asString()).isEqualTo("not_found");
            assertThat(response.json().get("message").asString()).isEqualTo(ApiErrors.NOT_FOUND);
            assertThat(response.json().get("request_id").asString()).isEqualTo(response.header("x-request-id"));
        }
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        assertThat(create(kb.uuid(), "02:30", "[]").body()).contains("days");
        assertThat(create(kb.uuid(), "02:30", "[123]").status()).isEqualTo(400);
        assertThat(create(kb.uuid(), "24:00", "[1]").body()).contains("time");
        assertThat(create(kb.uuid(), "02:30:15", "[1]").status()).isEqualTo(400);
        assertThat(create("not-a-uuid", "02:30", "[1]").body()).contains("knowledge_base_uuid");
        assertThat(http.get(SCHEDULES + "/knowledge-base/not-a-uuid").status()).isEqualTo(400);
        assertThat(http.put(SCHEDULES + "/" + UNKNOWN, "{}").status()).isEqualTo(405);
        assertThat(simulator.schedules()).isEmpty();
    }

    @Test
    void readOnlyTokensMayReadButNotScheduleOrDelete() {
        try (GradientSimulator readOnly = Fixtures.manual().readOnlyTokens("reader").start()) {
            SeededKnowledgeBase docs = Fixtures.docs(readOnly);
            Http reader = new Http(readOnly.baseUrl(), "reader");
            ScheduleSnapshot schedule = readOnly.scheduleIndexing(docs.uuid(), LocalTime.NOON, DayOfWeek.MONDAY);
            assertThat(reader.post(SCHEDULES, "{}").status()).isEqualTo(403);
            assertThat(reader.delete(SCHEDULES + "/" + schedule.uuid()).status()).isEqualTo(403);
            assertThat(reader.get(SCHEDULES + "/knowledge-base/" + docs.uuid()).status()).isEqualTo(200);
        }
    }

    @Test
    void theJournalCountsScheduleRequestsPerOperation() {
        String uuid = info(create(kb.uuid(), "02:30", "[1]")).get("uuid").asString();
        http.get(SCHEDULES + "/knowledge-base/" + kb.uuid());
        http.delete(SCHEDULES + "/" + uuid);
        assertThat(simulator.journal().count(Operation.CREATE_SCHEDULE)).isEqualTo(1);
        assertThat(simulator.journal().count(Operation.RETRIEVE_SCHEDULE)).isEqualTo(1);
        assertThat(simulator.journal().count(Operation.DELETE_SCHEDULE)).isEqualTo(1);
    }

    @Test
    void theAdminApiSchedulesListsAndShowsRunsInTheJournal() {
        Http admin = Http.to(simulator);
        Http.Response created = admin.post("/_simulator/schedules",
                "{\"knowledge_base_uuid\":\"" + kb.uuid() + "\",\"time\":\"00:01\",\"days\":[4]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("next_run_at").asString()).isEqualTo("2026-01-01T00:01:00.000Z");
        admin.post("/_simulator/clock/advance", "{\"seconds\":60}");
        JsonNode schedules = admin.get("/_simulator/schedules").json().get("schedules");
        assertThat(schedules).singleElement().satisfies((s) -> {
            assertThat(s.get("last_ran_at").asString()).isEqualTo("2026-01-01T00:01:00.000Z");
            assertThat(s.get("next_run_at").asString()).isEqualTo("2026-01-08T00:01:00.000Z");
        });
        JsonNode runs = admin.get("/_simulator/journal").json().get("scheduled_runs");
        assertThat(runs).singleElement()
            .satisfies((run) -> assertThat(run.get("job_uuid").asString()).isEqualTo(jobs().get(0).get("uuid").asString()));
        assertThat(admin.post("/_simulator/schedules", "{\"knowledge_base_uuid\":\"" + kb.uuid() + "\"}").status())
            .isEqualTo(400);
    }

    @Test
    void theStandaloneFlagSchedulesTheDemoKnowledgeBase() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (GradientSimulator standalone = GradientSimulatorMain.launch(
                new String[] { "--port", "0", "--demo", "--manual-clock", "--schedule", "00:05/1,4" }, out)) {
            assertThat(standalone.schedules()).singleElement().satisfies((s) -> {
                assertThat(s.knowledgeBaseUuid()).isEqualTo(KnowledgeBaseSpec.DEMO_KNOWLEDGE_BASE_UUID);
                assertThat(s.daysOfWeek()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.THURSDAY);
                assertThat(s.time()).isEqualTo(LocalTime.of(0, 5));
            });
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("schedule", "00:05 UTC");
            standalone.advance(Duration.ofMinutes(5));
            assertThat(standalone.journal().scheduledRuns()).hasSize(1);
        }
        assertThatIllegalArgumentException()
            .isThrownBy(() -> GradientSimulatorMain.launch(new String[] { "--port", "0", "--schedule", "02:30" }, out))
            .withMessageContaining("--demo");
        assertThatIllegalArgumentException().isThrownBy(() -> GradientSimulatorMain
            .launch(new String[] { "--port", "0", "--demo", "--schedule", "02:30/9" }, out))
            .withMessageContaining("days");
    }

    @Test
    void resetForgetsSchedules() {
        simulator.scheduleIndexing(kb.uuid(), LocalTime.of(1, 0), DayOfWeek.THURSDAY);
        simulator.reset();
        simulator.advance(Duration.ofHours(2));
        assertThat(simulator.schedules()).isEmpty();
        assertThat(simulator.journal().scheduledRuns()).isEmpty();
    }

}
