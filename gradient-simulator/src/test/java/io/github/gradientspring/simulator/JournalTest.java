package io.github.gradientspring.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JournalTest extends ManualSimulatorTest {

    @Test
    void journalRecordsWhatTheClientSent() {
        simulator.advance(Duration.ofSeconds(5));
        String uuid = Fixtures.createJob(http, kb);
        http.put("/v2/gen-ai/indexing_jobs/" + uuid + "/cancel", "{\"uuid\":\"" + uuid + "\"}");

        RecordedRequest cancel = simulator.journal().last();
        assertThat(cancel.method()).isEqualTo("PUT");
        assertThat(cancel.path()).isEqualTo("/v2/gen-ai/indexing_jobs/" + uuid + "/cancel");
        assertThat(cancel.operation()).isEqualTo(Operation.CANCEL);
        assertThat(cancel.body()).isEqualTo("{\"uuid\":\"" + uuid + "\"}");
        assertThat(cancel.header("Authorization")).isEqualTo("Bearer simulator-token");
        assertThat(cancel.header("content-type")).isEqualTo("application/json");
        assertThat(cancel.receivedAt()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(5));
        assertThat(cancel.status()).isEqualTo(200);
    }

    @Test
    void journalRecordsQueryStatusAndUnroutedRequests() {
        http.get("/v2/gen-ai/indexing_jobs?page=2&per_page=5");
        http.withToken("bad").get("/v2/gen-ai/indexing_jobs");
        http.get("/v2/elsewhere");

        List<RecordedRequest> requests = simulator.journal().requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).query()).isEqualTo("page=2&per_page=5");
        assertThat(requests.get(0).operation()).isEqualTo(Operation.LIST);
        assertThat(requests.get(1).status()).isEqualTo(401);
        assertThat(requests.get(2).operation()).isNull();
        assertThat(requests.get(2).status()).isEqualTo(404);
        assertThat(simulator.journal().total()).isEqualTo(3);
    }

    @Test
    void journalCountsPerOperation() {
        String uuid = Fixtures.createJob(http, kb);
        http.get("/v2/gen-ai/indexing_jobs/" + uuid);
        http.get("/v2/gen-ai/indexing_jobs/" + uuid);
        http.get("/v2/gen-ai/indexing_jobs/" + uuid + "/data_sources");

        assertThat(simulator.journal().count(Operation.CREATE)).isEqualTo(1);
        assertThat(simulator.journal().count(Operation.RETRIEVE)).isEqualTo(2);
        assertThat(simulator.journal().count(Operation.LIST_DATA_SOURCES)).isEqualTo(1);
        assertThat(simulator.journal().count(Operation.CANCEL)).isZero();
        assertThat(simulator.journal().counts()).containsEntry(Operation.RETRIEVE, 2L);
        assertThat(simulator.journal().requests(Operation.RETRIEVE)).hasSize(2);
    }

    @Test
    void clearForgetsRecordsAndCounters() {
        http.get("/v2/gen-ai/indexing_jobs");
        simulator.journal().clear();
        assertThat(simulator.journal().requests()).isEmpty();
        assertThat(simulator.journal().count(Operation.LIST)).isZero();
        assertThat(simulator.journal().total()).isZero();
        assertThat(simulator.journal().last()).isNull();
    }

    @Test
    void awaitCompletesOnceEnoughRequestsArrived() throws Exception {
        CompletableFuture<List<RecordedRequest>> retrieves = simulator.journal().await(Operation.RETRIEVE, 2);
        CompletableFuture<List<RecordedRequest>> any = simulator.journal().await(1);
        assertThat(retrieves).isNotDone();

        String uuid = Fixtures.createJob(http, kb);
        assertThat(any.get(5, TimeUnit.SECONDS)).hasSize(1);
        assertThat(retrieves).isNotDone();

        CompletableFuture.runAsync(() -> {
            http.get("/v2/gen-ai/indexing_jobs/" + uuid);
            http.get("/v2/gen-ai/indexing_jobs/" + uuid);
        });
        assertThat(retrieves.get(5, TimeUnit.SECONDS)).extracting(RecordedRequest::operation)
                .containsOnly(Operation.RETRIEVE).hasSize(2);
    }

    @Test
    void awaitOfRequestsAlreadyReceivedCompletesAtOnce() {
        http.get("/v2/gen-ai/indexing_jobs");
        assertThat(simulator.journal().await(1)).isDone();
    }

    @Test
    void disabledJournalKeepsCountersButNoRecords() {
        try (GradientSimulator fast = GradientSimulator.builder().fastMode().start()) {
            Http.to(fast).get("/v2/gen-ai/indexing_jobs");
            assertThat(fast.journal().enabled()).isFalse();
            assertThat(fast.journal().count(Operation.LIST)).isEqualTo(1);
            assertThat(fast.journal().requests()).isEmpty();
            assertThatIllegalStateException().isThrownBy(() -> fast.journal().await(1));
        }
    }

    @Test
    void journalKeepsOnlyTheLatestRecordsUpToItsCapacityButCountsEverything() {
        try (GradientSimulator small = GradientSimulator.builder().journalCapacity(2).start()) {
            Http client = Http.to(small);
            client.get("/v2/gen-ai/indexing_jobs?page=1");
            client.get("/v2/gen-ai/indexing_jobs?page=2");
            client.get("/v2/gen-ai/indexing_jobs?page=3");
            assertThat(small.journal().requests()).extracting(RecordedRequest::query).containsExactly("page=2", "page=3");
            assertThat(small.journal().count(Operation.LIST)).isEqualTo(3);
            assertThat(small.journal().capacity()).isEqualTo(2);
        }
    }

    @Test
    void realClockTimestampsHaveMillisecondPrecision() {
        try (GradientSimulator real = GradientSimulator.builder().start()) {
            SeededKnowledgeBase one = real.addKnowledgeBase(KnowledgeBaseSpec.named("one").dataSource(1, 1));
            String createdAt = Http.to(real).post("/v2/gen-ai/indexing_jobs", Fixtures.createBody(one.uuid()))
                    .job().get("created_at").asString();
            assertThat(createdAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z");
        }
    }

    @Test
    void adminRequestsAreNotJournaled() {
        http.get("/_simulator/state");
        assertThat(simulator.journal().total()).isZero();
    }

    @Test
    void resetForgetsJobsFaultsAndJournalButKeepsKnowledgeBases() {
        Fixtures.createJob(http, kb);
        simulator.faults().outage();
        simulator.reset();
        assertThat(simulator.journal().total()).isZero();
        assertThat(http.get("/v2/gen-ai/indexing_jobs").json().get("meta").get("total").asInt()).isZero();
        assertThat(simulator.knowledgeBases()).containsExactly(kb);
    }
}
